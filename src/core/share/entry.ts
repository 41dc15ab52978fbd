import { z } from 'zod';
import { runAtSharePrecision } from './quantise.ts';
import { runSchema, type Run } from './run.ts';
import { servingRunAtSharePrecision, servingRunSchema, type ServingRun } from './serving-run.ts';

/**
 * What the web app keeps and shares: a comparison run or a serving run, told apart by `kind`.
 * History records and share links (v2) hold one of these.
 */
export const runEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('comparison'), run: runSchema }).strict(),
  z.object({ kind: z.literal('serving'), run: servingRunSchema }).strict(),
]);

export type RunEntry = { readonly kind: 'comparison'; readonly run: Run } | { readonly kind: 'serving'; readonly run: ServingRun };
export type RunEntryKind = RunEntry['kind'];

export const entryTitle = (entry: RunEntry): string => entry.run.title;

/** The entry exactly as a link shows it. */
export function entryAtSharePrecision(entry: RunEntry): RunEntry {
  return entry.kind === 'comparison' ? { kind: 'comparison', run: runAtSharePrecision(entry.run) } : { kind: 'serving', run: servingRunAtSharePrecision(entry.run) };
}
