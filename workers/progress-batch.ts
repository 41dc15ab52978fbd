/**
 * Step and query progress in batches: the first sample goes out at once (a live chart starts),
 * then at most one message every PROGRESS_DEFAULTS.intervalMs, and the last sample always (the
 * bar ends at 100%). Sent between timed steps, never inside one.
 */
import { PROGRESS_DEFAULTS } from '../src/core/defaults.ts';
import type { Progress } from './job-report.ts';

export interface ProgressBatch {
  /** Sample `index` (0-based) of `total`: its time and, for steps, its loss. */
  add(index: number, ms: number, loss?: number): void;
}

export function progressBatch(
  kind: 'steps' | 'queries',
  total: number,
  send: Progress | undefined,
  intervalMs: number = PROGRESS_DEFAULTS.intervalMs,
  nowMs: () => number = () => performance.now(),
): ProgressBatch {
  let first = 0;
  let ms: number[] = [];
  let loss: number[] = [];
  let sentAtMs = Number.NEGATIVE_INFINITY;
  return {
    add(index, sampleMs, sampleLoss = Number.NaN) {
      if (!send) return;
      if (ms.length === 0) first = index;
      ms.push(sampleMs);
      loss.push(sampleLoss);
      const atMs = nowMs();
      if (atMs - sentAtMs < intervalMs && index < total - 1) return;
      send(kind === 'steps' ? { kind, first, total, ms, loss } : { kind, first, total, ms });
      sentAtMs = atMs;
      ms = [];
      loss = [];
    },
  };
}
