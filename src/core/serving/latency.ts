/** Scenario summaries: what a run of timed queries says about a model server. */
import { mean, quantile } from '../stats/index.ts';

/** One answered query on the shared clock (absolute ms). */
export interface QueryTiming {
  /** When the query was due to arrive (Server: the Poisson schedule; SingleStream: when it was sent). */
  readonly scheduledAbsMs: number;
  /** When the page posted it (≥ scheduled: timers fire late on a busy page). */
  readonly sentAbsMs: number;
  /** When the worker started computing it (after the queries queued before it). */
  readonly startAbsMs: number;
  /** When the worker had its result read back. */
  readonly endAbsMs: number;
  /** When the page received the result. */
  readonly receivedAbsMs: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

/** Percentiles by quantile type 7 (R's default), as the rest of firstbatch. */
export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) throw new RangeError('a latency summary needs at least one sample');
  return {
    count: samplesMs.length,
    p50Ms: quantile(samplesMs, 0.5),
    p90Ms: quantile(samplesMs, 0.9),
    p99Ms: quantile(samplesMs, 0.99),
    meanMs: mean(samplesMs),
    maxMs: Math.max(...samplesMs),
  };
}

/** Latency as the user sees it: from the scheduled arrival to the result, so queueing counts. */
export const latencyMs = (t: QueryTiming): number => t.receivedAbsMs - t.scheduledAbsMs;
/** Time inside the model: the worker's compute and read-back only. */
export const serviceMs = (t: QueryTiming): number => t.endAbsMs - t.startAbsMs;
/** Time waiting: page timer lateness, messaging and the worker's queue. */
export const queueMs = (t: QueryTiming): number => t.startAbsMs - t.scheduledAbsMs;

export interface ServerSummary {
  readonly targetQps: number;
  /** Completed queries / (last result − first scheduled arrival). */
  readonly achievedQps: number;
  readonly latency: LatencySummary;
  readonly service: LatencySummary;
  readonly queue: LatencySummary;
  /** How late the page's timers sent queries, p99 (ms): a busy page is a source of error, shown not hidden. */
  readonly sendLateP99Ms: number;
  readonly latencyTargetMs: number;
  readonly meetsTarget: boolean;
  readonly durationMs: number;
}

/** The MLPerf Server verdict: p99 of scheduled-arrival → result within the latency target. */
export function summarizeServer(timings: readonly QueryTiming[], targetQps: number, latencyTargetMs: number): ServerSummary {
  if (timings.length === 0) throw new RangeError('a Server run needs at least one answered query');
  const first = Math.min(...timings.map((t) => t.scheduledAbsMs));
  const last = Math.max(...timings.map((t) => t.receivedAbsMs));
  const durationMs = last - first;
  const latency = summarizeLatencies(timings.map(latencyMs));
  return {
    targetQps,
    achievedQps: durationMs > 0 ? (timings.length * 1000) / durationMs : Number.NaN,
    latency,
    service: summarizeLatencies(timings.map(serviceMs)),
    queue: summarizeLatencies(timings.map(queueMs)),
    sendLateP99Ms: quantile(timings.map((t) => t.sentAbsMs - t.scheduledAbsMs), 0.99),
    latencyTargetMs,
    meetsTarget: latency.p99Ms <= latencyTargetMs,
    durationMs,
  };
}

/** Offline: throughput (examples/s) of back-to-back batches at one batch size. */
export interface OfflinePoint {
  readonly batchSize: number;
  readonly batches: number;
  readonly examplesPerSec: number;
  readonly batchMs: LatencySummary;
}

/** The batch size with the highest throughput (MLPerf Offline reports the best configuration). */
export function bestOffline(points: readonly OfflinePoint[]): OfflinePoint {
  const best = points.reduce<OfflinePoint | undefined>((a, b) => (a === undefined || b.examplesPerSec > a.examplesPerSec ? b : a), undefined);
  if (!best) throw new RangeError('Offline needs at least one batch size');
  return best;
}
