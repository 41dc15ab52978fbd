import { runAtSharePrecision } from './quantise.ts';
import type { Run } from './run.ts';
import { servingRunAtSharePrecision, type ServingRun } from './serving-run.ts';

/**
 * What the web app keeps and shares: a comparison run or a serving run, told apart by `kind`.
 * History records and share links (v2) hold one of these (parseEntry in history-record.ts reads one).
 */
export type RunEntry = { readonly kind: 'comparison'; readonly run: Run } | { readonly kind: 'serving'; readonly run: ServingRun };

/** The entry exactly as a link shows it. */
export function entryAtSharePrecision(entry: RunEntry): RunEntry {
  return entry.kind === 'comparison' ? { kind: 'comparison', run: runAtSharePrecision(entry.run) } : { kind: 'serving', run: servingRunAtSharePrecision(entry.run) };
}
