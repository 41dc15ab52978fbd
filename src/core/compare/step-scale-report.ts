/**
 * What an `interleaved` suite (step scale, A B B A in one worker) writes and prints: its report —
 * the verdict, the relative step-time difference with its interval, every job's blocked value and
 * how the sequential sampling stopped — in the versioned results file beside every job's result.
 */
import { z } from 'zod';
import { parseWith } from '../spec.ts';
import { formatLevel } from './cells.ts';
import { reportFileSchema } from './results-file.ts';
import { interleavedSuiteSchema } from './step-scale.ts';

export const STEP_SCALE_VERDICTS = ['slower', 'faster', 'no detectable difference', 'unresolved'] as const;

/** One job's value: the mean ln(B / A) over its A B B A blocks. */
export const stepScaleJobSchema = z.object({
  meanLogRatio: z.number(),
  blocks: z.number().int().min(1),
  wallMs: z.number().min(0),
  medianStepMs: z.number().min(0),
});
export type StepScaleJob = z.infer<typeof stepScaleJobSchema>;

export const interleavedReportSchema = z.object({
  /** The suite as it ran: --threshold and --budget applied. */
  suite: interleavedSuiteSchema,
  verdict: z.enum(STEP_SCALE_VERDICTS),
  /** exp(mean ln(B / A)) − 1 with its interval at the last look's level; a bound that runs off is null; null before two jobs. */
  relative: z.object({ value: z.number(), low: z.number().nullable(), high: z.number().nullable(), level: z.number() }).nullable(),
  /** B significantly slower and its estimate beyond the threshold: the run exits 1. */
  regression: z.boolean(),
  /** How the sampling ended ('in progress': a checkpoint of a run still going). */
  stop: z.enum(['resolved', 'budget', 'planned', 'job failed', 'in progress']),
  looks: z.number().int().min(0),
  /** Jobs the budget holds at the first jobs' pace; null when the run stopped before it was planned. */
  plannedJobs: z.number().int().min(0).nullable(),
  elapsedMs: z.number().min(0),
  values: z.array(stepScaleJobSchema),
});
export type InterleavedReport = z.infer<typeof interleavedReportSchema>;

/** The results file of an interleaved suite (schemaVersion 1): the report and every job. */
export const interleavedFileSchema = reportFileSchema('interleaved', interleavedReportSchema);
export type InterleavedFile = z.infer<typeof interleavedFileSchema>;

export function parseInterleavedFile(input: unknown): InterleavedFile {
  return parseWith(interleavedFileSchema, 'interleaved results file', input);
}

const jobsText = (n: number): string => `${n} job${n === 1 ? '' : 's'}`;

export const signedPct = (x: number | null): string => (x === null ? 'unbounded' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%`);

/** "+1.70% [+0.28%, +3.14%] (99.5% CI)", or why there is no estimate. */
export function formatRelative(relative: InterleavedReport['relative']): string {
  if (relative === null) return 'unavailable (fewer than two jobs measured)';
  return `${signedPct(relative.value)} [${signedPct(relative.low)}, ${signedPct(relative.high)}] (${formatLevel(relative.level)} CI)`;
}

/** The one line that says what the run concluded and what the exit status is. */
export function interleavedConclusion(report: InterleavedReport): string {
  const threshold = report.suite.threshold;
  const seconds = (report.elapsedMs / 1000).toFixed(0);
  const what = report.regression
    ? `B is slower by more than ${threshold} (exit 1)`
    : report.stop === 'job failed'
      ? 'a job failed: no verdict'
      : `no regression beyond ${threshold} (exit 0)`;
  return `${report.verdict} after ${jobsText(report.values.length)}, ${seconds} s: ${what}`;
}

export function formatInterleavedTable(report: InterleavedReport): string {
  const { suite } = report;
  const head = `${suite.name}: step time, A B B A in one worker, ${jobsText(report.values.length)} measured (${report.plannedJobs === null ? 'stopped before the first look' : `${report.looks} looks of ${report.plannedJobs} planned`}), budget ${suite.budgetSeconds} s, threshold ${suite.threshold}`;
  const rows = [
    ['B / A step time', formatRelative(report.relative)],
    ['verdict', report.verdict],
    ['blocks', String(report.values.reduce((sum, v) => sum + v.blocks, 0))],
    ['stopped', report.stop],
  ];
  const width = Math.max(...rows.map(([label]) => label!.length));
  return [head, ...rows.map(([label, value]) => `  ${label!.padEnd(width)}  ${value}`), interleavedConclusion(report)].join('\n');
}

export function formatInterleavedMarkdown(report: InterleavedReport): string {
  const { suite } = report;
  return [
    `### ${suite.name}`,
    '',
    '| metric | B / A | verdict | jobs | time |',
    '| --- | --- | --- | --- | --- |',
    `| step time (A B B A, one worker) | ${formatRelative(report.relative)} | ${report.verdict} | ${report.values.length} | ${(report.elapsedMs / 1000).toFixed(0)} s |`,
    '',
    interleavedConclusion(report),
    '',
  ].join('\n');
}
