/** Text cells shared by the terminal table and the Markdown summary of a comparison. */
import { formatMs } from '../format.ts';
import { STATS_DEFAULTS, type Estimate } from '../stats/index.ts';
import type { MetricDifference, VariantEstimate, Verdict } from './compare.ts';
import type { Sampling } from './results-file.ts';

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value < 0) return `−${formatValue(-value, unit)}`;
  return unit === 'ms' ? formatMs(value) : `${value.toFixed(value >= 100 ? 0 : 1)} ${unit}`;
}

/** A signed value: "+12.0 ms", "−3.1%". */
export function formatSigned(value: number, unit: string | '%'): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  if (unit === '%') return `${sign}${Math.abs(value * 100).toFixed(1)}%`;
  return `${sign}${formatValue(Math.abs(value), unit)}`;
}

/**
 * "[−2.1%, +4.0%]", or "[unbounded]" when the interval is infinite (too few samples) or, for a
 * relative one, so wide that it carries no information (STATS_DEFAULTS.maxInformativeRatioSpan).
 */
export function formatInterval(estimate: Estimate, unit: string | '%'): string {
  const { low, high } = estimate.ci;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return '[unbounded]';
  if (unit === '%' && (low <= -1 || (1 + high) / (1 + low) > STATS_DEFAULTS.maxInformativeRatioSpan)) return '[unbounded]';
  return `[${formatSigned(low, unit)}, ${formatSigned(high, unit)}]`;
}

/** "168 ms [160 ms–175 ms]" with an interval; "52 ms (n=3; CI needs ≥ 6 jobs)" without one; "—" for none. */
export function formatVariantEstimate(variant: Pick<VariantEstimate, 'estimate' | 'point' | 'needs' | 'n'>, unit: string): string {
  if (variant.estimate) {
    const { value, ci } = variant.estimate;
    return `${formatValue(value, unit)} [${formatValue(ci.low, unit)}–${formatValue(ci.high, unit)}]`;
  }
  if (variant.point === null) return '—';
  const needs = variant.needs !== null && variant.n > 1 ? `; CI needs ≥ ${variant.needs} jobs` : '';
  return `${formatValue(variant.point, unit)} (n=${variant.n}${needs})`;
}

/** "+17.0 ms (+10.1% [+4.0%, +16.2%])", or "+17.0 ms (+10.1%; CI needs ≥ 4 jobs a side)" when too few jobs ran for an interval. */
export function formatDifference(difference: MetricDifference, unit: string): string {
  const relative = formatSigned(difference.relative.value, '%');
  if (difference.needsPerSide !== null) {
    const what = difference.method.startsWith('paired') ? 'rounds' : 'jobs a side';
    return `${formatSigned(difference.absolute.value, unit)} (${relative}; CI needs ≥ ${difference.needsPerSide} ${what})`;
  }
  return `${formatSigned(difference.absolute.value, unit)} (${relative} ${formatInterval(difference.relative, '%')})`;
}

export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  faster: '✅ faster',
  slower: '🔺 slower',
  'no detectable difference': '≈ no detectable difference',
  unresolved: '❔ unresolved',
};

/** "95%", "99.17%": a confidence level with as many decimals as it needs (two at most). */
export function formatLevel(level: number): string {
  // Two decimals, more when an early look's level is closer to 1 than that (never "100%").
  const decimals = Math.max(2, Math.min(14, Math.ceil(-Math.log10((1 - level) * 100))));
  return `${Number((level * 100).toFixed(decimals))}%`;
}

/**
 * "resolved after 5 rounds" / "budget spent after 9 rounds: 2 differences unresolved" / "3 rounds",
 * with the looks of auto-sampling when it looked more than once.
 */
export function formatSampling(sampling: Sampling): string {
  const rounds = `${sampling.rounds} round${sampling.rounds === 1 ? '' : 's'}`;
  const looks =
    sampling.looks !== undefined && sampling.looks > 1 && sampling.level !== undefined
      ? ` (${sampling.looks} looks, so ${formatLevel(sampling.level)} intervals: ${formatLevel(STATS_DEFAULTS.level)} over all looks together)`
      : '';
  switch (sampling.stop) {
    case 'resolved':
      return `resolved after ${rounds}${looks}`;
    case 'budget':
      return `budget spent after ${rounds}${looks}: ${sampling.unresolved} difference${sampling.unresolved === 1 ? '' : 's'} unresolved`;
    case 'fixed':
      return `${rounds} (fixed)${sampling.unresolved > 0 ? `, ${sampling.unresolved} difference${sampling.unresolved === 1 ? '' : 's'} unresolved` : ''}`;
  }
}
