import { TTFB_PHASES } from '../phases.ts';
import type { SuiteResultFile } from '../compare/index.ts';
import { DEFAULT_COMPARISON_METRICS } from '../compare/suite.ts';
import type { JobResult } from '../result.ts';
import { toResultFile } from '../runner/results-file.ts';
import type { Run } from './run.ts';

/**
 * A run as the record the CLI writes (the results file, schemaVersion 1): every job result with
 * its variant and round, the judgement, sampling and device peaks. The app's Export JSON, a CLI
 * baseline and an upload to the store are this one file.
 */
export function runToResultFile(run: Run, toolVersion: string): SuiteResultFile {
  const judged = run.judgement && !('byDevice' in run.judgement) ? run.judgement.metrics.map((m) => m.metric) : null;
  return toResultFile(
    run.jobs.map((job) => ({ ...job.result, variant: run.variants[job.variant]?.name ?? `variant ${job.variant + 1}`, repetition: job.repetition })),
    {
      toolVersion,
      createdAt: run.createdAt,
      suite: { name: run.title, kind: 'comparison', threshold: run.threshold, metrics: [...(judged ?? DEFAULT_COMPARISON_METRICS)] },
      ...(run.sampling ? { sampling: run.sampling } : {}),
      ...(run.judgement ? { comparison: run.judgement } : {}),
      ...(run.peaks ? { peaks: run.peaks } : {}),
    },
  );
}

type Column = readonly [header: string, cell: (job: { variant: string; repetition: number; result: JobResult }) => string | number | null | undefined];

const phaseColumns: Column[] = TTFB_PHASES.map((name) => [`ttfb_${name}_ms`, ({ result }) => result.ttfb?.phases.find((p) => p.name === name)?.ms]);

const COLUMNS: readonly Column[] = [
  ['variant', (job) => job.variant],
  ['repetition', (job) => job.repetition + 1],
  ['workload', ({ result }) => result.spec.workload],
  ['backend', ({ result }) => result.spec.backend],
  ['batch_size', ({ result }) => result.spec.batchSize],
  ['width', ({ result }) => result.spec.width],
  ['ttfb_ms', ({ result }) => result.ttfb?.totalMs],
  ...phaseColumns,
  ['step_median_ms', ({ result }) => result.steps?.medianMs],
  ['step_mean_ms', ({ result }) => result.steps?.meanMs],
  ['step_p95_ms', ({ result }) => result.steps?.p95Ms],
  ['throughput_ex_per_s', ({ result }) => result.steps?.throughputPerSec],
  ['serving_cold_ms', ({ result }) => result.serving?.coldMs],
  ['serving_p50_ms', ({ result }) => result.serving?.p50Ms],
  ['serving_p90_ms', ({ result }) => result.serving?.p90Ms],
  ['serving_p99_ms', ({ result }) => result.serving?.p99Ms],
  ['kernel_median_ms', ({ result }) => (result.kernel?.available ? result.kernel.medianMs : null)],
  ['adapter', ({ result }) => (result.env?.adapter ? `${result.env.adapter.vendor}/${result.env.adapter.architecture}` : result.env?.webgl?.renderer)],
  ['software_renderer', ({ result }) => (result.env ? String(result.env.softwareRenderer) : null)],
  ['wall_ms', ({ result }) => result.wallMs],
  ['error', ({ result }) => (result.error ? `${result.error.code}: ${result.error.message}` : '')],
];

/** One row per job (RFC 4180 quoting). Cells that a spreadsheet would run as a formula are prefixed with '. */
export function runToCsv(run: Run): string {
  const rows = run.jobs.map((job) => {
    const context = { variant: run.variants[job.variant]?.name ?? String(job.variant), repetition: job.repetition, result: job.result };
    return COLUMNS.map(([, cell]) => csvCell(cell(context))).join(',');
  });
  return [COLUMNS.map(([header]) => header).join(','), ...rows].join('\r\n') + '\r\n';
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
