/** The metrics a comparison can judge, each read off one job result (one job gives one sample). */
import type { PhaseName } from '../phases.ts';
import type { JobResult } from '../result.ts';

/**
 * How a metric's difference is estimated:
 * - `welch`: Welch's t interval on the means of the per-job values (TTFB and its phases, the
 *   step median, the cold inference, throughput — one roughly normal value per job; paired t when
 *   the jobs ran in interleaved rounds);
 * - `hodges-lehmann`: Hodges–Lehmann shift with its exact Mann–Whitney interval (serving latency
 *   percentiles, skewed; Netflix Kayenta's canary judge). Distribution-free and exact at the
 *   3–10 jobs a comparison has, where a percentile bootstrap covers far below its level.
 */
export type MetricMethod = 'welch' | 'hodges-lehmann';

export const METHOD_LABELS: Readonly<Record<MetricMethod, string>> = {
  welch: 'Welch t',
  'hodges-lehmann': 'Hodges–Lehmann / Mann–Whitney',
};

export interface MetricDefinition {
  readonly label: string;
  readonly unit: 'ms' | 'ex/s';
  readonly better: 'lower' | 'higher';
  readonly method: MetricMethod;
  readonly read: (result: JobResult) => number | null;
}

const phase =
  (name: PhaseName) =>
  (result: JobResult): number | null =>
    result.ttfb?.phases.find((p) => p.name === name)?.ms ?? null;

const ttfbPhase = (name: PhaseName): MetricDefinition => ({
  label: `TTFB ${name}`,
  unit: 'ms',
  better: 'lower',
  method: 'welch',
  read: phase(name),
});

export const METRICS = {
  'ttfb.totalMs': { label: 'TTFB', unit: 'ms', better: 'lower', method: 'welch', read: (r) => r.ttfb?.totalMs ?? null },
  'ttfb.spawn': ttfbPhase('spawn'),
  'ttfb.import': ttfbPhase('import'),
  'ttfb.backend': ttfbPhase('backend'),
  'ttfb.load': ttfbPhase('load'),
  'ttfb.build': ttfbPhase('build'),
  'ttfb.data': ttfbPhase('data'),
  'ttfb.compile': ttfbPhase('compile'),
  'ttfb.first-step': ttfbPhase('first-step'),
  'ttfb.first-inference': ttfbPhase('first-inference'),
  'steps.medianMs': { label: 'step median', unit: 'ms', better: 'lower', method: 'welch', read: (r) => r.steps?.medianMs ?? null },
  'steps.throughputPerSec': {
    label: 'throughput',
    unit: 'ex/s',
    better: 'higher',
    method: 'welch',
    read: (r) => r.steps?.throughputPerSec ?? null,
  },
  'serving.coldMs': { label: 'serving cold', unit: 'ms', better: 'lower', method: 'welch', read: (r) => r.serving?.coldMs ?? null },
  'serving.p50Ms': { label: 'serving p50', unit: 'ms', better: 'lower', method: 'hodges-lehmann', read: (r) => r.serving?.p50Ms ?? null },
  'serving.p99Ms': { label: 'serving p99', unit: 'ms', better: 'lower', method: 'hodges-lehmann', read: (r) => r.serving?.p99Ms ?? null },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as [MetricId, ...MetricId[]];

/** The metric's value in one job; null when the job failed or did not measure it. */
export function metricValue(result: JobResult, metric: MetricId): number | null {
  if (result.error) return null;
  const value: number | null = METRICS[metric].read(result);
  return value !== null && Number.isFinite(value) ? value : null;
}
