/**
 * Fan-out: one comparison suite run on several browsers at once (a Selenium Grid's nodes,
 * Playwright servers, machines with other GPUs). Each device runs the whole suite in its own
 * interleaved rounds, so comparisons stay within a device; the device × variant table sets the
 * devices side by side. Every result names its device.
 */
import {
  compareVariants,
  formatComparisonMarkdown,
  formatComparisonTable,
  groupByVariant,
  METRICS,
  metricValue,
  type Comparison,
  type ComparisonSuite,
  type Device,
  type MetricId,
  type Sampling,
  type SuiteJobResult,
  type SuiteResultFile,
  type Threshold,
} from '../compare/index.ts';
import { adapterLabel, formatMs, markdownTable, renderTable, type MarkdownAlign } from '../format.ts';
import { STATS_DEFAULTS, median } from '../stats/index.ts';
import { resolveVariants } from '../compare/suite.ts';
import { effectiveSettings, judgeWith } from './comparison.ts';
import type { RunnerContext, RunOverrides, RunProgress, SuiteOutcome } from './context.ts';
import { toResultFile } from './results-file.ts';
import { runRounds } from './rounds.ts';

interface DeviceRun {
  readonly device: string;
  readonly comparison: Comparison;
  readonly sampling?: Sampling | undefined;
}

export async function runComparisonOnDevices(suite: ComparisonSuite, context: RunnerContext, overrides: RunOverrides, devices: readonly string[]): Promise<SuiteOutcome<'comparison'>> {
  const settings = effectiveSettings(suite, overrides);
  const meta = { name: suite.name, kind: suite.kind, threshold: settings.thresholdText, metrics: [...suite.metrics], definition: suite };
  const latest = new Map<string, SuiteJobResult[]>();
  const all = (): SuiteJobResult[] => devices.flatMap((device) => latest.get(device) ?? []);
  const { checkpoint } = context;
  const totals = new Map<string, { jobs: number; more: boolean }>();
  const progressOf = (device: string): RunProgress => ({
    setTotal(jobs, more) {
      totals.set(device, { jobs, more });
      const values = [...totals.values()];
      context.progress.setTotal(values.reduce((sum, t) => sum + t.jobs, 0), values.some((t) => t.more));
    },
    note: (line) => context.progress.note(line),
    finish: () => undefined,
  });
  const runs = await Promise.all(
    devices.map(async (device): Promise<DeviceRun> => {
      const tag = (results: readonly SuiteJobResult[]): SuiteJobResult[] => results.map((result) => ({ ...result, device }));
      const outcome = await runRounds(
        {
          variants: resolveVariants(suite),
          metrics: suite.metrics,
          baseline: suite.baseline,
          threshold: settings.threshold,
          repetitions: suite.repetitions,
          budgetSeconds: settings.budgetSeconds,
          labelPrefix: `${device}: `,
          onRound(results) {
            latest.set(device, tag(results));
            checkpoint?.(toResultFile(all(), { toolVersion: context.toolVersion, suite: meta, ...detailsOf(context) }));
          },
        },
        { ...context, progress: progressOf(device), runJob: (spec, job) => context.runJob(spec, { ...job, device }) },
      );
      latest.set(device, tag(outcome.results));
      return { device, comparison: outcome.comparison, sampling: outcome.sampling };
    }),
  );
  const results = all();
  const comparisonByDevice = Object.fromEntries(runs.map((run) => [run.device, { comparison: run.comparison, sampling: run.sampling }]));
  const file = toResultFile(results, {
    toolVersion: context.toolVersion,
    suite: meta,
    ...(runs[0]?.sampling ? { sampling: runs[0].sampling } : {}),
    comparison: { byDevice: comparisonByDevice },
    ...detailsOf(context),
  });
  return devicesOutcome({ name: suite.name, metrics: suite.metrics, threshold: settings.threshold, file, results, runs });
}

function detailsOf(context: RunnerContext): { devices?: Device[] } {
  const details = context.deviceDetails?.();
  return details ? { devices: [...details] } : {};
}

/** Per-device comparisons of a saved fan-out results file (rounds paired within each device). */
export function compareByDevice(results: readonly SuiteJobResult[], options: { metrics: readonly MetricId[]; threshold: Threshold; level?: number; baseline?: string }): DeviceRun[] {
  const devices = [...new Set(results.flatMap((result) => (result.device === undefined ? [] : [result.device])))];
  return devices.map((device) => ({
    device,
    comparison: compareVariants(
      groupByVariant(results.filter((result) => result.device === device).map(({ device: _device, ...result }) => result)),
      { metrics: options.metrics, threshold: options.threshold, level: options.level ?? STATS_DEFAULTS.level, paired: true, ...(options.baseline !== undefined ? { baseline: options.baseline } : {}) },
    ),
  }));
}

/** The outcome of a fan-out, from a run or a saved file: the device × variant table, then each device's comparison. */
export function devicesOutcome(run: {
  name: string;
  metrics: readonly MetricId[];
  threshold: Threshold;
  file: SuiteResultFile;
  results: readonly SuiteJobResult[];
  runs: readonly DeviceRun[];
}): SuiteOutcome<'comparison'> {
  const { results, runs, metrics } = run;
  const grid = deviceVariantRows(results, metrics);
  const details = new Map((run.file.devices ?? []).map((device) => [device.name, device.detail]));
  const deviceLines = runs.map((r) => `- **${r.device}**${details.get(r.device) ? `: ${details.get(r.device)}` : ''}`);
  return {
    kind: 'comparison',
    file: run.file,
    results,
    table: [
      `device × variant (median per job; n jobs):`,
      renderTable(grid),
      ...runs.flatMap((r) => ['', `on ${r.device}:`, formatComparisonTable(r.comparison, r.sampling)]),
    ].join('\n'),
    markdown: [
      `### firstbatch: ${run.name} on ${runs.length} devices`,
      '',
      ...deviceLines,
      '',
      markdownTable(grid, NUMBERS_RIGHT),
      '',
      ...runs.map((r) => formatComparisonMarkdown(r.comparison, { title: `${run.name} on ${r.device}`, ...(r.sampling ? { sampling: r.sampling } : {}) })),
    ].join('\n'),
    samplingLine: null,
    failure: null,
    judge: judgeWith(results, metrics, run.threshold),
  };
}

type Row = readonly [string, ...string[]];

/** One row per device and metric, one column per variant; plus the device's adapter. */
function deviceVariantRows(results: readonly SuiteJobResult[], metrics: readonly MetricId[]): Row[] {
  const variants = [...new Set(results.map((result) => result.variant ?? ''))];
  const devices = [...new Set(results.map((result) => result.device ?? ''))];
  const rows: Row[] = [['device', 'metric', ...variants, 'adapter']];
  for (const device of devices) {
    const mine = results.filter((result) => (result.device ?? '') === device);
    const withEnv = mine.find((result) => result.env);
    const adapter = withEnv ? adapterLabel(withEnv) : '—';
    metrics.forEach((metric, index) => {
      const cells = variants.map((variant) => {
        const values = mine.filter((result) => result.variant === variant).flatMap((result) => {
          const value = metricValue(result, metric);
          return value === null ? [] : [value];
        });
        const failed = mine.filter((result) => result.variant === variant && result.error).length;
        const shown = values.length === 0 ? '—' : `${formatValue(median(values), METRICS[metric].unit)} (${values.length})`;
        return failed > 0 ? `${shown} ${failed} failed` : shown;
      });
      rows.push([index === 0 ? device : '', METRICS[metric].label, ...cells, index === 0 ? adapter : '']);
    });
  }
  return rows;
}

function formatValue(value: number, unit: string): string {
  return unit === 'ms' ? formatMs(value) : `${value.toFixed(0)} ${unit}`;
}

/** Device and metric as text, the variants' numbers right-aligned. */
const NUMBERS_RIGHT = (column: number): MarkdownAlign => (column < 2 ? 'default' : 'right');
