/**
 * Chrome trace-event JSON from job results (pure), for Perfetto and
 * chrome://tracing: per job a process with a page track and a worker track,
 * TTFB phases as slices, every measured step and serving query as a slice,
 * kernels of the profiled step nested where known.
 *
 * Clock: each job's times are ms after its submission on the one clock page
 * and worker share (timeOrigin + now()); a trace puts a job's submission at
 * its pool time (0 without a prewarm pool), so the pool's work before
 * submission shows at the start. Jobs are separate processes, each from 0.
 * Format: https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
 */
import type { JobResult } from './result.ts';

export const TRACE_SCHEMA_VERSION = 1;

export const TRACKS = { page: 1, worker: 2 } as const;

export type TraceEvent =
  | { name: string; cat: string; ph: 'X'; ts: number; dur: number; pid: number; tid: number; args?: Record<string, unknown> }
  | { name: 'process_name' | 'thread_name' | 'process_sort_index' | 'thread_sort_index'; ph: 'M'; pid: number; tid: number; args: Record<string, unknown> };

/**
 * No displayTimeUnit: the format's default display unit is already ms, and a
 * Perfetto UI build read `displayTimeUnit: "ms"` as "timestamps are in ms"
 * (a 60 s job drew as 60,000 s); ts and dur are µs as the format defines.
 */
export interface Trace {
  traceEvents: TraceEvent[];
  metadata: { firstbatch: { schemaVersion: typeof TRACE_SCHEMA_VERSION; tool: 'firstbatch'; jobs: number; clock: string; notes: string[] } };
}

const US_PER_MS = 1000;

/** The trace of one or more job results (one process per job, in order). */
export function toTrace(results: readonly JobResult[]): Trace {
  const traceEvents: TraceEvent[] = [];
  const notes: string[] = [];
  results.forEach((result, index) => traceEvents.push(...jobEvents(result, index + 1, notes)));
  return {
    traceEvents,
    metadata: {
      firstbatch: {
        schemaVersion: TRACE_SCHEMA_VERSION,
        tool: 'firstbatch',
        jobs: results.length,
        clock: 'ms after each job’s submission (performance.timeOrigin + now(), shared by page and worker), shifted by the prewarm pool’s time',
        notes,
      },
    },
  };
}

function jobEvents(result: JobResult, pid: number, notes: string[]): TraceEvent[] {
  const { spec } = result;
  const events: TraceEvent[] = [];
  const originMs = result.ttfb?.prewarm?.poolMs ?? 0;
  const slice = (tid: number, name: string, cat: string, startMs: number, ms: number, args?: Record<string, unknown>): void => {
    events.push({ name, cat, ph: 'X', ts: (originMs + startMs) * US_PER_MS, dur: Math.max(0, ms) * US_PER_MS, pid, tid, ...(args ? { args } : {}) });
  };
  const label = `job ${pid}: ${spec.workload}/${spec.backend}`;
  events.push(
    { name: 'process_name', ph: 'M', pid, tid: 0, args: { name: label } },
    { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } },
    { name: 'thread_name', ph: 'M', pid, tid: TRACKS.page, args: { name: 'page' } },
    { name: 'thread_name', ph: 'M', pid, tid: TRACKS.worker, args: { name: 'job worker' } },
  );
  const prewarm = result.ttfb?.prewarm;
  if (prewarm) slice(TRACKS.page, 'prewarm pool (before submission)', 'prewarm', -originMs, prewarm.poolMs, { ...prewarm });
  slice(TRACKS.page, `job ${spec.workload}/${spec.backend}`, 'job', 0, result.wallMs, { spec, error: result.error });

  const ttfb = result.ttfb;
  if (ttfb) {
    slice(TRACKS.worker, 'TTFB', 'ttfb', 0, ttfb.totalMs, { totalMs: ttfb.totalMs, residualMs: ttfb.residualMs });
    for (const phase of ttfb.phases) {
      const saved = ttfb.prewarmed && (phase.name === 'spawn' || phase.name === 'import' || phase.name === 'backend');
      slice(TRACKS.worker, saved ? `${phase.name} (prewarmed)` : phase.name, 'ttfb-phase', phase.startMs, phase.ms, { ms: phase.ms, ...(saved ? { prewarmed: true } : {}) });
    }
  }
  for (const span of result.spans ?? []) {
    if (span.name === 'anatomy' || span.name === 'serving') continue;
    slice(TRACKS.worker, span.name, 'stage', span.startMs, span.ms);
  }
  const steps = result.steps;
  if (steps?.startsMs && steps.startsMs.length === steps.samplesMs.length && steps.startsMs.length > 0) {
    const durs = steps.samplesMs.map((ms) => ms * steps.syncEvery);
    const first = steps.startsMs[0] as number;
    const end = Math.max(...steps.startsMs.map((s, i) => s + (durs[i] ?? 0)));
    slice(TRACKS.worker, 'measured steps', 'stage', first, end - first, { syncEvery: steps.syncEvery, medianMs: steps.medianMs });
    steps.startsMs.forEach((start, i) => slice(TRACKS.worker, steps.syncEvery > 1 ? `steps ${i * steps.syncEvery + 1}–${(i + 1) * steps.syncEvery}` : `step ${i + 1}`, 'step', start, durs[i] ?? 0, { msPerStep: steps.samplesMs[i] }));
  }
  const anatomySpan = result.spans?.find((s) => s.name === 'anatomy');
  if (anatomySpan) {
    slice(TRACKS.worker, 'anatomy', 'stage', anatomySpan.startMs, anatomySpan.ms);
    const kernels = result.anatomy?.kernels;
    if (kernels?.available) {
      slice(TRACKS.worker, 'profiled step (tf.profile)', 'step', kernels.stepStartMs, kernels.stepMs, { source: kernels.source, note: kernels.note });
      const sumMs = kernels.list.reduce((sum, k) => sum + k.ms, 0);
      if (sumMs <= kernels.stepMs) {
        let at = kernels.stepStartMs;
        for (const kernel of kernels.list) {
          if (kernel.ms > 0) slice(TRACKS.worker, kernel.name, 'kernel', at, kernel.ms, { ms: kernel.ms, placement: 'laid end to end in dispatch order; only durations are measured' });
          at += kernel.ms;
        }
      } else {
        notes.push(`job ${pid}: kernel times (${sumMs.toFixed(1)} ms) exceed their profiled step (${kernels.stepMs.toFixed(1)} ms); kernels not nested`);
      }
    }
  }
  const serving = result.serving;
  const servingSpan = result.spans?.find((s) => s.name === 'serving');
  if (serving && servingSpan) {
    slice(TRACKS.worker, 'serving', 'stage', servingSpan.startMs, servingSpan.ms, { batchSize: serving.batchSize, p50Ms: serving.p50Ms });
    if (serving.coldStartMs !== undefined) slice(TRACKS.worker, 'query (cold)', 'query', serving.coldStartMs, serving.coldMs, { ms: serving.coldMs });
    serving.startsMs?.forEach((start, i) => slice(TRACKS.worker, `query ${i + 1}`, 'query', start, serving.samplesMs[i] ?? 0, { ms: serving.samplesMs[i] }));
  }
  return events;
}

/**
 * Structural check of a trace (what a viewer needs): known phases, finite
 * non-negative times, every track named, and complete slices on a track
 * either nested or disjoint, within toleranceUs (absolute times near 1.7e12 ms
 * carry ~0.25 µs of floating-point error). Returns the problems found; empty when valid.
 */
export function checkTrace(trace: unknown, toleranceUs = 1): string[] {
  const problems: string[] = [];
  if (trace === null || typeof trace !== 'object' || !('traceEvents' in trace) || !Array.isArray(trace.traceEvents)) return ['traceEvents is not an array'];
  const named = new Set<string>();
  const tracks = new Map<string, { name: string; ts: number; end: number }[]>();
  trace.traceEvents.forEach((event: unknown, i: number) => {
    if (event === null || typeof event !== 'object') return void problems.push(`event ${i} is not an object`);
    const e = event as Record<string, unknown>;
    if (typeof e.pid !== 'number' || typeof e.tid !== 'number') return void problems.push(`event ${i} has no numeric pid/tid`);
    if (e.ph === 'M') {
      if (e.name === 'thread_name') named.add(`${e.pid}/${e.tid}`);
      return;
    }
    if (e.ph !== 'X') return void problems.push(`event ${i} has phase ${JSON.stringify(e.ph)}, expected "X" or "M"`);
    if (typeof e.name !== 'string' || e.name.length === 0) problems.push(`event ${i} has no name`);
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) return void problems.push(`event ${i} (${String(e.name)}) has ts ${String(e.ts)}`);
    if (typeof e.dur !== 'number' || !Number.isFinite(e.dur) || e.dur < 0) return void problems.push(`event ${i} (${String(e.name)}) has dur ${String(e.dur)}`);
    const key = `${e.pid}/${e.tid}`;
    const list = tracks.get(key) ?? [];
    list.push({ name: String(e.name), ts: e.ts, end: e.ts + e.dur });
    tracks.set(key, list);
  });
  for (const [key, slices] of tracks) {
    if (!named.has(key)) problems.push(`track ${key} has no thread_name`);
    const sorted = [...slices].sort((a, b) => a.ts - b.ts || b.end - a.end);
    const open: { name: string; end: number }[] = [];
    for (const s of sorted) {
      while (open.length > 0 && (open.at(-1)?.end ?? 0) <= s.ts + toleranceUs) open.pop();
      const parent = open.at(-1);
      if (parent && s.end > parent.end + toleranceUs) problems.push(`track ${key}: "${s.name}" overlaps "${parent.name}" without nesting in it`);
      open.push(s);
    }
  }
  return problems;
}
