/**
 * What the app does with runs beyond showing them — links, files, merging — loaded on first use
 * so the first screen carries neither the link codec nor the schemas.
 */
import { version as toolVersion } from '../../package.json';
import { openShareEntry, shareUrl } from '../client/share.ts';
import { messageOf } from '../core/errors.ts';
import { toServingResultFile } from '../core/runner/results-file.ts';
import { entryAtSharePrecision, type RunEntry } from '../core/share/entry.ts';
import { runToCsv, runToResultFile } from '../core/share/export.ts';
import { ShareLinkError } from '../core/share/link.ts';
import { mergeRuns, type Run } from '../core/share/run.ts';
import { download, fileStem } from './download.ts';
import { fetchStoredRun, StoreRequestError } from '../client/store-api.ts';
import { entryOfResultsJson } from '../core/share/from-results.ts';
import type { StoredRun } from '../core/store/api.ts';

export { entryAtSharePrecision, shareUrl };

/** Opens the entry in a location's fragment; a bad link is one sentence for the banner. */
export async function openLink(hash: string): Promise<{ entry: RunEntry } | { error: string }> {
  try {
    return { entry: await openShareEntry(hash) };
  } catch (error) {
    return { error: error instanceof ShareLinkError ? error.message : `this link could not be opened: ${messageOf(error)}` };
  }
}

/** Downloads a run: a comparison as the CLI's results file (it can be a CLI baseline) or CSV, a serving run as its results file. */
export function exportEntry(entry: RunEntry, format: 'json' | 'csv'): void {
  const stem = fileStem(entry.run.title, entry.run.createdAt);
  if (entry.kind === 'serving') {
    download(`${stem}.json`, `${JSON.stringify(toServingResultFile(entry.run.report, toolVersion), null, 2)}\n`, 'application/json');
    return;
  }
  if (format === 'json') download(`${stem}.json`, `${JSON.stringify(runToResultFile(entry.run, toolVersion), null, 2)}\n`, 'application/json');
  else download(`${stem}.csv`, runToCsv(entry.run), 'text/csv');
}

/** Stored comparison runs side by side, oldest first. */
export function mergeStored(runs: readonly Run[]): Run {
  return mergeRuns([...runs].reverse(), runs.map((r) => r.title).join(' vs '));
}

/** Copies text to the clipboard; false where the page may not. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs of the results store as the entry a link would open: one run as it is, several (oldest
 * first) merged side by side as History compares them. A missing run or a failing server is one
 * sentence for the banner.
 */
export async function openStoreRuns(ids: readonly string[]): Promise<{ entry: RunEntry; stored: StoredRun[] } | { error: string }> {
  try {
    const stored = await Promise.all(ids.map((id) => fetchStoredRun(id)));
    const entries = stored.map((s) => entryOfResultsJson(s.record, s.meta.createdAt));
    if (entries.length === 1) return { entry: entries[0]!, stored };
    const runs = entries.flatMap((entry) => (entry.kind === 'comparison' ? [entry.run] : []));
    if (runs.length !== entries.length) return { error: 'serving runs cannot be compared side by side; open them one at a time' };
    const title = stored.map((s, i) => `${runs[i]!.title} @ ${s.meta.commit.slice(0, 7)}`).join(' vs ');
    return { entry: { kind: 'comparison', run: mergeRuns(runs, title) }, stored };
  } catch (error) {
    if (error instanceof StoreRequestError && error.status === 404) return { error: `stored run ${ids.join(', ')} is not in this results store (deleted, or a mistyped link): ${error.message}` };
    return { error: `stored run ${ids.join(', ')} could not be opened: ${messageOf(error)}` };
  }
}
