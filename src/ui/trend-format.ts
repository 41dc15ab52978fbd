import { formatMs } from '../core/format.ts';
import type { ChangePoint } from '../core/store/api.ts';

/** A value of a trend in its unit ("12.3 ms", "1,520 ex/s"); "—" for none. */
export function formatTrendValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value < 0) return `−${formatTrendValue(-value, unit)}`;
  if (value === 0) return `0 ${unit}`;
  if (unit === 'ms') return formatMs(value);
  return `${Number(value.toPrecision(3)).toLocaleString('en')} ${unit}`;
}

/** "+5.2% (95% CI +3.1% to +7.4%)". */
export function formatRelative(change: Pick<ChangePoint, 'relative' | 'relativeLow' | 'relativeHigh'>): string {
  const pct = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}%`;
  return `${pct(change.relative)} (95% CI ${pct(change.relativeLow)} to ${pct(change.relativeHigh)})`;
}
