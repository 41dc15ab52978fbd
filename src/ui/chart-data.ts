import { TTFB_PHASES, type PhaseName } from '../core/phases.ts';
import { mean, tailQuantile } from '../core/stats/index.ts';

/** One variant's results, as the result views take them. */
export interface VariantResults {
  readonly name: string;
  readonly index: number;
  readonly results: readonly import('../core/result.ts').JobResult[];
}

/**
 * Mean of each TTFB phase over a variant's jobs (phases no job had are left out). Phases are
 * exclusive and consecutive, so their means add up to the mean TTFB — the figure the headline
 * and the comparison table show — where medians would not.
 */
export function meanPhases(variant: VariantResults): { name: PhaseName; ms: number; jobs: number }[] {
  return TTFB_PHASES.flatMap((name) => {
    const values = variant.results.flatMap((r) => r.ttfb?.phases.filter((p) => p.name === name).map((p) => p.ms) ?? []);
    return values.length > 0 ? [{ name, ms: mean(values), jobs: values.length }] : [];
  });
}

/** Mean TTFB over a variant's jobs that measured one; null when none did. */
export function meanTtfb(variant: VariantResults): number | null {
  const totals = variant.results.flatMap((r) => (r.ttfb ? [r.ttfb.totalMs] : []));
  return totals.length > 0 ? mean(totals) : null;
}

/** Serving samples of every job of a variant, pooled, with their percentiles (type-7 quantiles; null where too few samples make it the maximum). */
export function pooledServing(variant: VariantResults): { samplesMs: number[]; coldMs: number[]; p50: number | null; p90: number | null; p99: number | null } {
  const samplesMs = variant.results.flatMap((r) => r.serving?.samplesMs ?? []);
  const coldMs = variant.results.flatMap((r) => (r.serving ? [r.serving.coldMs] : []));
  const at = (q: number): number | null => (samplesMs.length > 0 ? tailQuantile(samplesMs, q) : null);
  return { samplesMs, coldMs, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

/** Log-spaced histogram bins over every value; counts per series. */
export function logHistogram(series: readonly (readonly number[])[], binCount = 24): { centers: number[]; counts: number[][] } {
  const all = series.flat().filter((v) => v > 0);
  if (all.length === 0) return { centers: [], counts: series.map(() => []) };
  const lo = Math.log10(Math.min(...all));
  const hi = Math.log10(Math.max(...all));
  const span = Math.max(hi - lo, 0.02);
  const start = lo - span * 0.02;
  const width = (span * 1.04) / binCount;
  const centers = Array.from({ length: binCount }, (_, i) => 10 ** (start + (i + 0.5) * width));
  const counts = series.map((values) => {
    const bins = new Array<number>(binCount).fill(0);
    for (const v of values) {
      if (!(v > 0)) continue;
      const bin = Math.min(binCount - 1, Math.max(0, Math.floor((Math.log10(v) - start) / width)));
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    return bins;
  });
  return { centers, counts };
}

/** Empirical CDFs of several samples on one shared, sorted x axis (what uPlot needs). */
export function empiricalCdfs(series: readonly (readonly number[])[]): { xs: number[]; ys: (number | null)[][] } {
  const xs = [...new Set(series.flat())].sort((a, b) => a - b);
  const ys = series.map((values) => {
    if (values.length === 0) return xs.map(() => null);
    const sorted = [...values].sort((a, b) => a - b);
    let k = 0;
    return xs.map((x) => {
      while (k < sorted.length && (sorted[k] as number) <= x) k += 1;
      return k / sorted.length;
    });
  });
  return { xs, ys };
}

/** Tick text for a log-scale ms axis: each tick with its unit. */
export function msTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  if (value >= 1000) return `${Number((value / 1000).toPrecision(3))} s`;
  return `${Number(value.toPrecision(3))} ms`;
}

/** Tick texts for a linear ms axis: one unit for the whole axis (s from 1 s up), so 800 ms is never next to 1 s. */
export function msTicks(splits: readonly (number | null)[]): string[] {
  const max = Math.max(0, ...splits.filter((v): v is number => v !== null && Number.isFinite(v)));
  const seconds = max >= 1000;
  return splits.map((v) => (v === null || !Number.isFinite(v) ? '' : seconds ? `${Number((v / 1000).toPrecision(3))} s` : `${Number(v.toPrecision(3))} ms`));
}
