/**
 * Per-detector rows of a drift report: for each detector, its first alarm after the shift and
 * its false alarms before it on every stream, summarised as detection rate, median delay with a
 * distribution-free interval, false alarms per 10,000 monitored queries without drift (and the
 * ERT that implies) and cost per query.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import { median } from '../stats/index.ts';

export interface StreamAlarms {
  /** Queries where this detector alarmed. */
  readonly alarms: readonly number[];
  /** Queries it watched before the shift (or in all, without one). */
  readonly monitoredBeforeShift: number;
}

export interface DetectorRow {
  readonly name: string;
  readonly streamsDetected: number;
  readonly streamsWithFalseAlarm: number;
  readonly medianDelayQueries: number | null;
  /** 95% interval of the median delay from order statistics; null with fewer than 6 delays. */
  readonly delayInterval: [number, number] | null;
  readonly falseAlarms: number;
  readonly falseAlarmsPer10k: number;
  /** Monitored queries before the shift per false alarm; null without a false alarm (then > monitoredQueries). */
  readonly measuredErtQueries: number | null;
  readonly monitoredQueries: number;
  readonly configuredErtQueries: number | null;
  readonly msPerQuery: number | null;
}

export function firstDetection(alarms: readonly number[], shiftAtQuery: number | null): number | null {
  if (shiftAtQuery === null) return null;
  return alarms.find((q) => q >= shiftAtQuery) ?? null;
}

export function detectorRow(
  name: string, streams: readonly StreamAlarms[], shiftAtQuery: number | null, configuredErtQueries: number | null, msPerQuery: number | null,
): DetectorRow {
  const delays: number[] = [];
  let falseAlarms = 0;
  let streamsWithFalseAlarm = 0;
  let monitoredQueries = 0;
  for (const s of streams) {
    const before = s.alarms.filter((q) => shiftAtQuery === null || q < shiftAtQuery).length;
    falseAlarms += before;
    if (before > 0) streamsWithFalseAlarm++;
    monitoredQueries += s.monitoredBeforeShift;
    const hit = firstDetection(s.alarms, shiftAtQuery);
    if (hit !== null && shiftAtQuery !== null) delays.push(hit - shiftAtQuery);
  }
  return {
    name,
    streamsDetected: delays.length,
    streamsWithFalseAlarm,
    medianDelayQueries: delays.length > 0 ? median(delays) : null,
    delayInterval: medianInterval(delays),
    falseAlarms,
    falseAlarmsPer10k: monitoredQueries > 0 ? (10_000 * falseAlarms) / monitoredQueries : 0,
    measuredErtQueries: falseAlarms > 0 ? monitoredQueries / falseAlarms : null,
    monitoredQueries,
    configuredErtQueries,
    msPerQuery,
  };
}

/**
 * Distribution-free 95% interval of a median: the order statistics x₍ₗ₎, x₍ᵤ₎ with
 * P(l ≤ Bin(k, ½) < u) ≥ 0.95 (Conover 1999, Practical Nonparametric Statistics, §3.2).
 */
export function medianInterval(values: readonly number[]): [number, number] | null {
  const k = values.length;
  if (k < 6) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let l = 0;
  while (binomialCdf(l, k, 0.5) <= 0.025) l++;
  return [sorted[Math.max(0, l - 1)]!, sorted[Math.min(k - 1, k - l)]!];
}
