import { describe, expect, it } from 'vitest';
import { checkTrace, toTrace, TRACE_SCHEMA_VERSION, TRACKS, type TraceEvent } from '../../src/core/trace.ts';
import { syntheticJob } from './trace-fixture.ts';

type Slice = Extract<TraceEvent, { ph: 'X' }>;
const slices = (events: TraceEvent[]): Slice[] => events.filter((e): e is Slice => e.ph === 'X');

describe('toTrace', () => {
  const prewarm = { poolMs: 900, spawnMs: 80, importMs: 700, backendMs: 20, pipelineCacheMs: null, reused: 'a pool worker' };
  const jobs = [syntheticJob({ anatomy: true }), syntheticJob({ seed: 9, prewarm, spec: { prewarm: true, precompile: true } })];
  const trace = toTrace(jobs);

  it('is versioned trace-event JSON that survives a round trip', () => {
    expect(trace, 'ts/dur in µs, the format default; no displayTimeUnit for Perfetto to misread').not.toHaveProperty('displayTimeUnit');
    expect(trace.metadata.firstbatch.schemaVersion).toBe(TRACE_SCHEMA_VERSION);
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
    expect(checkTrace(JSON.parse(JSON.stringify(trace)))).toEqual([]);
  });

  it('names a page and a worker track per job, one process per job', () => {
    for (const pid of [1, 2]) {
      const names = trace.traceEvents.filter((e) => e.ph === 'M' && e.pid === pid && e.name === 'thread_name').map((e) => [e.tid, e.args?.name]);
      expect(names, `job ${pid}`).toEqual([[TRACKS.page, 'page'], [TRACKS.worker, 'job worker']]);
    }
  });

  it('puts TTFB phases inside the TTFB slice, adding up to it within 1 µs', () => {
    for (const [index, job] of jobs.entries()) {
      const worker = slices(trace.traceEvents).filter((e) => e.pid === index + 1 && e.tid === TRACKS.worker);
      const ttfb = worker.find((e) => e.name === 'TTFB')!;
      const phases = worker.filter((e) => e.cat === 'ttfb-phase');
      expect(phases.map((p) => p.name.replace(' (prewarmed)', ''))).toEqual(job.ttfb!.phases.map((p) => p.name));
      expect(Math.abs(phases.reduce((sum, p) => sum + p.dur, 0) - ttfb.dur), `job ${index + 1}`).toBeLessThan(1);
      expect(phases[0]!.ts).toBeCloseTo(ttfb.ts, 6);
      phases.forEach((p, i) => i > 0 && expect(p.ts, `${p.name} starts where the previous phase ends`).toBeCloseTo(phases[i - 1]!.ts + phases[i - 1]!.dur, 3));
    }
  });

  it('has one slice per measured step and serving query, inside their stage', () => {
    const worker = slices(trace.traceEvents).filter((e) => e.pid === 1 && e.tid === TRACKS.worker);
    const steps = worker.filter((e) => e.cat === 'step' && e.name.startsWith('step '));
    expect(steps).toHaveLength(jobs[0]!.steps!.samplesMs.length);
    steps.forEach((s, i) => expect(s.dur / 1000, `step ${i + 1}`).toBeCloseTo(jobs[0]!.steps!.samplesMs[i]!, 6));
    const queries = worker.filter((e) => e.cat === 'query');
    expect(queries).toHaveLength(jobs[0]!.serving!.samplesMs.length + 1);
    const stage = worker.find((e) => e.name === 'measured steps')!;
    for (const s of steps) expect(s.ts >= stage.ts && s.ts + s.dur <= stage.ts + stage.dur + 1e-6).toBe(true);
  });

  it('nests the profiled step’s kernels in it, in dispatch order', () => {
    const worker = slices(trace.traceEvents).filter((e) => e.pid === 1 && e.tid === TRACKS.worker);
    const step = worker.find((e) => e.name === 'profiled step (tf.profile)')!;
    const kernels = worker.filter((e) => e.cat === 'kernel');
    expect(kernels.map((k) => k.name)).toEqual(jobs[0]!.anatomy!.kernels.available ? jobs[0]!.anatomy!.kernels.list.map((k) => k.name) : []);
    for (const k of kernels) expect(k.ts >= step.ts && k.ts + k.dur <= step.ts + step.dur).toBe(true);
  });

  it('leaves kernels out (with a note) when their times cannot fit their step', () => {
    const oversized = toTrace([syntheticJob({ anatomy: true, kernelMsScale: 10 })]);
    expect(slices(oversized.traceEvents).filter((e) => e.cat === 'kernel')).toHaveLength(0);
    expect(oversized.metadata.firstbatch.notes.join(' ')).toMatch(/not nested/);
    expect(checkTrace(oversized)).toEqual([]);
  });

  it('shows a prewarm pool before submission and labels the phases it saved', () => {
    const page = slices(trace.traceEvents).filter((e) => e.pid === 2 && e.tid === TRACKS.page);
    const pool = page.find((e) => e.cat === 'prewarm')!;
    const job = page.find((e) => e.cat === 'job')!;
    expect(pool.ts).toBe(0);
    expect(job.ts).toBeCloseTo(pool.dur, 6);
    const saved = slices(trace.traceEvents).filter((e) => e.pid === 2 && e.args?.prewarmed === true).map((e) => e.name);
    expect(saved).toEqual(['spawn (prewarmed)', 'import (prewarmed)', 'backend (prewarmed)']);
    expect(slices(trace.traceEvents).some((e) => e.pid === 2 && e.name === 'compile')).toBe(true);
  });
});

describe('checkTrace', () => {
  const base = (): TraceEvent[] => [
    { name: 'thread_name', ph: 'M', pid: 1, tid: 2, args: { name: 'w' } },
    { name: 'outer', cat: 'c', ph: 'X', ts: 0, dur: 100, pid: 1, tid: 2 },
    { name: 'inner', cat: 'c', ph: 'X', ts: 10, dur: 20, pid: 1, tid: 2 },
  ];
  it.each([
    { label: 'valid', events: base(), problem: null },
    { label: 'partial overlap', events: [...base(), { name: 'bad', cat: 'c', ph: 'X' as const, ts: 90, dur: 20, pid: 1, tid: 2 }], problem: /overlaps "outer"/ },
    { label: 'unnamed track', events: [...base(), { name: 'x', cat: 'c', ph: 'X' as const, ts: 0, dur: 1, pid: 1, tid: 3 }], problem: /no thread_name/ },
    { label: 'negative duration', events: [...base(), { name: 'x', cat: 'c', ph: 'X' as const, ts: 0, dur: -1, pid: 1, tid: 2 }], problem: /dur -1/ },
  ])('$label', ({ events, problem }) => {
    const problems = checkTrace({ traceEvents: events });
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('\n')).toMatch(problem);
  });
  it('rejects a non-trace', () => expect(checkTrace({ events: [] })).toEqual(['traceEvents is not an array']));
});
