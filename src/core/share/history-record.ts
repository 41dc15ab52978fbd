/**
 * The web app's stored runs, as records in IndexedDB and as a history file (export/import).
 * Records are untrusted on the way back: a newer or older version of the app may have written
 * them. Each is read by its format; one that cannot be read says why, and is never dropped.
 */
import { z } from 'zod';
import { messageOf } from '../errors.ts';
import { truncate } from '../format.ts';
import { describeIssues } from '../spec.ts';
import type { RunEntry } from './entry.ts';
import { parseRun } from './run.ts';
import { runOfResultsJson } from './from-results.ts';
import { parseServingRun } from './serving-run.ts';

/** The record format this version writes; 1 was `{ savedAt, run }` with a comparison run. */
export const HISTORY_RECORD_FORMAT = 2;

export interface HistoryRecordV2 {
  id?: number;
  savedAt: string;
  format: typeof HISTORY_RECORD_FORMAT;
  entry: RunEntry;
}

/** A stored record as read back: the entry, or why it cannot be opened. */
export type HistoryItem =
  | { readonly id: number; readonly savedAt: string; readonly entry: RunEntry; readonly migrated: boolean }
  | { readonly id: number; readonly savedAt: string; readonly entry: null; readonly title: string; readonly problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads one record of any format this version knows. `migrated` marks a record worth rewriting in the current format. */
export function readHistoryRecord(id: number, record: unknown): HistoryItem {
  const savedAt = isObject(record) && typeof record.savedAt === 'string' ? record.savedAt : '';
  const title = isObject(record) ? titleOf(record) : '';
  const unreadable = (problem: string): HistoryItem => ({ id, savedAt, entry: null, title, problem });
  if (!isObject(record)) return unreadable('the record is not an object');
  const format = record.format ?? 1;
  try {
    switch (format) {
      case 1:
        return { id, savedAt, entry: { kind: 'comparison', run: parseRun(record.run) }, migrated: true };
      case HISTORY_RECORD_FORMAT:
        return { id, savedAt, entry: parseEntry(record.entry), migrated: false };
      default:
        return unreadable(
          typeof format === 'number' && format > HISTORY_RECORD_FORMAT
            ? `it was stored by a newer firstbatch (record format ${format}; this one reads 1–${HISTORY_RECORD_FORMAT})`
            : `its record format ${JSON.stringify(format)} is unknown`,
        );
    }
  } catch (error) {
    return unreadable(`it no longer matches this version's schema: ${clip(messageOf(error))}`);
  }
}

/** A run entry from untrusted data, every problem named by its field. */
export function parseEntry(input: unknown): RunEntry {
  if (isObject(input) && input.kind === 'serving') return { kind: 'serving', run: parseServingRun(input.run) };
  if (isObject(input) && input.kind === 'comparison') return { kind: 'comparison', run: parseRun(input.run) };
  if (!isObject(input)) throw new Error('the entry is not an object');
  throw new Error(`unknown run kind ${JSON.stringify(input.kind) ?? 'undefined'} (this version reads "comparison" and "serving")`);
}

function titleOf(record: Record<string, unknown>): string {
  const run = isObject(record.entry) ? record.entry.run : record.run;
  return isObject(run) && typeof run.title === 'string' ? run.title.slice(0, 200) : '(untitled)';
}

const clip = (text: string): string => truncate(text, 300);

// ---- the history file: every stored run, to move history between browsers or keep it ----

export const HISTORY_FILE_FORMAT = 'firstbatch-history';
export const HISTORY_FILE_VERSION = 1;

const historyFileSchema = z.object({
  format: z.literal(HISTORY_FILE_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  runs: z.array(z.object({ savedAt: z.string(), entry: z.unknown() }).strict()).max(10_000),
});

export interface HistoryFile {
  readonly format: typeof HISTORY_FILE_FORMAT;
  readonly version: typeof HISTORY_FILE_VERSION;
  readonly exportedAt: string;
  readonly runs: readonly { readonly savedAt: string; readonly entry: RunEntry }[];
}

export function toHistoryFile(items: readonly { savedAt: string; entry: RunEntry }[], exportedAt: string): HistoryFile {
  return { format: HISTORY_FILE_FORMAT, version: HISTORY_FILE_VERSION, exportedAt, runs: items.map(({ savedAt, entry }) => ({ savedAt, entry })) };
}

/** What an imported file holds: the runs that parsed, and one line per run that did not. */
export interface ImportedRuns {
  readonly runs: { savedAt: string; entry: RunEntry }[];
  readonly skipped: string[];
}

/**
 * Reads a file to import: a history file, or one run as the app exports it (a comparison's
 * results file with its `run` layout, or a serving results file). Throws with a sentence when
 * the file is none of these.
 */
export function parseImportFile(data: unknown, now: string): ImportedRuns {
  if (!isObject(data)) throw new Error('the file is not a JSON object');
  if (data.format === HISTORY_FILE_FORMAT) {
    const parsed = historyFileSchema.safeParse(data);
    if (!parsed.success) throw new Error(`not a valid history file: ${describeIssues(parsed.error, data).slice(0, 3).join('; ')}`);
    if (parsed.data.version > HISTORY_FILE_VERSION) throw new Error(`this history file is version ${parsed.data.version}, made by a newer firstbatch; this one reads version ${HISTORY_FILE_VERSION}`);
    const runs: ImportedRuns['runs'] = [];
    const skipped: string[] = [];
    parsed.data.runs.forEach((item, i) => {
      try {
        runs.push({ savedAt: item.savedAt, entry: parseEntry(item.entry) });
      } catch (error) {
        skipped.push(`run ${i + 1}: ${clip(messageOf(error))}`);
      }
    });
    return { runs, skipped };
  }
  if (data.schemaVersion === 1 && typeof data.kind === 'string' && isObject(data.report)) {
    const run = parseServingRun({ title: titleOfReport(data.report), createdAt: now, report: data.report });
    return { runs: [{ savedAt: now, entry: { kind: 'serving', run } }], skipped: [] };
  }
  if (data.schemaVersion === 1 && isObject(data.run) && Array.isArray(data.results)) {
    const layout = data.run;
    const jobs = Array.isArray(layout.jobs) ? layout.jobs : [];
    const run = parseRun({ ...layout, jobs: jobs.map((job: unknown, i: number) => ({ ...(isObject(job) ? job : {}), result: data.results instanceof Array ? data.results[i] : undefined })) });
    return { runs: [{ savedAt: now, entry: { kind: 'comparison', run } }], skipped: [] };
  }
  // The CLI's results file of a comparison or lab (firstbatch bench --json).
  if (data.schemaVersion === 1 && Array.isArray(data.results)) return { runs: [{ savedAt: now, entry: { kind: 'comparison', run: runOfResultsJson(data) } }], skipped: [] };
  throw new Error('this file is neither a firstbatch history file nor a run exported by the app (Export JSON) nor a results file of firstbatch bench');
}

function titleOfReport(report: Record<string, unknown>): string {
  const suite = isObject(report.suite) ? report.suite : {};
  return typeof suite.name === 'string' ? suite.name : `serving: ${String(report.kind)}`;
}
