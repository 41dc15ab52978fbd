/**
 * A lab's TTFB by phase (pure): every variant's mean time in each phase with its interval, and
 * each knob's change against the baseline, also with its interval. Descriptive: the lab judges
 * only TTFB total; this table says where a saving came from (a first visit against a return
 * visit, a knob's new compile phase…).
 */
import type { Comparison, MetricId } from './compare/index.ts';
import { formatLevel } from './compare/index.ts';
import { formatMs, signedMs } from './format.ts';
import { TTFB_PHASES, type PhaseName } from './phases.ts';
import type { Estimate } from './stats/index.ts';

export interface LabPhaseRow {
  readonly phase: PhaseName | 'total';
  /** Each variant's mean with its CI, in the suite's order; null where the variant has no such phase or too few jobs. */
  readonly variants: readonly { readonly variant: string; readonly ms: Estimate | null }[];
  /** candidate − baseline for each variant but the baseline, in the same order; null where not estimable. */
  readonly changes: readonly { readonly variant: string; readonly ms: Estimate | null }[];
}

const METRIC_OF = (phase: LabPhaseRow['phase']): MetricId => (phase === 'total' ? 'ttfb.totalMs' : (`ttfb.${phase}` as MetricId));

/** The rows: TTFB total, then every phase some variant went through, in phase order. */
export function labPhaseRows(comparison: Comparison, variants: readonly string[]): LabPhaseRow[] {
  const byMetric = new Map(comparison.metrics.map((m) => [m.metric, m]));
  const rows: LabPhaseRow[] = [];
  for (const phase of ['total', ...TTFB_PHASES] as const) {
    const metric = byMetric.get(METRIC_OF(phase));
    if (!metric || metric.variants.every((v) => v.n === 0)) continue;
    rows.push({
      phase,
      variants: variants.map((variant) => ({ variant, ms: metric.variants.find((v) => v.variant === variant)?.estimate ?? null })),
      changes: variants
        .filter((variant) => variant !== comparison.baseline)
        .map((variant) => {
          const d = metric.differences.find((x) => x.candidate === variant);
          return { variant, ms: d && Number.isFinite(d.absolute.value) ? d.absolute : null };
        }),
    });
  }
  return rows;
}

/** signedMs with a "+" on what is not negative. */
const signed = (ms: number): string => `${ms < 0 ? '' : '+'}${signedMs(ms)}`;
const cell = (e: Estimate | null): string => (e ? `${formatMs(e.value)} [${formatMs(e.ci.low)}, ${formatMs(e.ci.high)}]` : '–');
const change = (e: Estimate | null): string => (e ? `${signed(e.value)} [${signed(e.ci.low)}, ${signed(e.ci.high)}]` : '–');

/** Header and cells: phase, each variant's time, then each knob's change (candidate − baseline, named). */
export function labPhaseCells(rows: readonly LabPhaseRow[], level: number, baseline: string): string[][] {
  const first = rows[0];
  if (!first) return [];
  const ci = `${formatLevel(level)} CI`;
  const header = ['phase', ...first.variants.map((v) => `${v.variant} (${ci})`), ...first.changes.map((c) => `${c.variant} − ${baseline} (${ci})`)];
  return [header, ...rows.map((row) => [row.phase === 'total' ? 'TTFB' : row.phase, ...row.variants.map((v) => cell(v.ms)), ...row.changes.map((c) => change(c.ms))])];
}
