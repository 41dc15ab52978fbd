/**
 * A deterministic serving host for the scenario drivers: a fake clock whose timers fire in
 * time order when the test drives it, and fake serving workers (one FIFO thread per worker,
 * models in slots) whose compute time per query comes from a seeded RNG.
 */
import { createRng, type Rng } from '../../../src/core/random.ts';
import type { Env } from '../../../src/core/result.ts';
import { loadReplySchema, parseReply, type DriftStreamRequest, type LoadReply, type ServeWorkerApi } from '../../../src/core/serve-api.ts';
import { servingWorkerHandle, type ServingHost, type ServingWorker } from '../../../src/core/serving/index.ts';
import type { JobSpec } from '../../../src/core/spec.ts';

interface Timer {
  readonly atAbsMs: number;
  readonly order: number;
  readonly callback: () => void;
}

export class FakeClock {
  nowMs = 1_700_000_000_000;
  private timers: Timer[] = [];
  private armed = 0;
  /** Timers armed so far, and how many were pending when each one fired (to check open-loop arming). */
  readonly pendingWhenFired: number[] = [];

  nowAbsMs = (): number => this.nowMs;

  setTimer = (callback: () => void, delayMs: number): void => {
    this.timers.push({ atAbsMs: this.nowMs + Math.max(0, delayMs), order: this.armed++, callback });
  };

  /** Fires the earliest timer (ties in arming order); false when none is left. */
  fireNext(): boolean {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.atAbsMs - b.atAbsMs || a.order - b.order);
    const [next] = this.timers.splice(0, 1);
    this.pendingWhenFired.push(this.timers.length + 1);
    this.nowMs = Math.max(this.nowMs, next!.atAbsMs);
    next!.callback();
    return true;
  }

  /** Settles `work` by letting promise callbacks run, then firing timers one at a time. */
  async drive<T>(work: Promise<T>): Promise<T> {
    let outcome: { value: T } | { error: unknown } | null = null;
    work.then((value) => (outcome = { value }), (error: unknown) => (outcome = { error }));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // every pending promise callback runs first
      const settled = outcome as { value: T } | { error: unknown } | null;
      if (settled) {
        if ('error' in settled) throw settled.error;
        return settled.value;
      }
      if (!this.fireNext()) throw new Error('the drivers wait for something that never comes (no timer left)');
    }
  }
}

/** Compute ms per query of a model: 1 ms per 128 width units, ±10% seeded noise. */
export const computeMsOf = (spec: JobSpec, rng: Rng): number => (spec.width / 128) * (0.9 + 0.2 * rng.next());

const MESSAGE_MS = 0.05;
const LOAD_MS = 30;

const env = (backend: JobSpec['backend']): Env => ({
  userAgent: 'fake', hardwareConcurrency: 2, backend, tfjsVersion: 'fake', tfjsFlags: {}, adapter: null, webgl: null,
  softwareRenderer: false, timerResolutionMs: 0.005, crossOriginIsolated: true, date: '2025-01-01T00:00:00.000Z',
});

/** One fake worker: its models, a FIFO thread, and replies delivered after a message hop. */
function fakeWorkerApi(clock: FakeClock, seed: number): ServeWorkerApi {
  const models = new Map<number, JobSpec>();
  const rng = createRng(seed);
  let freeAtAbsMs = 0;
  /** Runs `computeMs` of work on the worker's thread after the request arrives; the reply arrives a hop later. */
  const serve = <T>(computeMs: number, reply: (startAbsMs: number, endAbsMs: number) => T): Promise<T> => new Promise((resolve) => {
    const startAbsMs = Math.max(clock.nowAbsMs() + MESSAGE_MS, freeAtAbsMs);
    const endAbsMs = startAbsMs + computeMs;
    freeAtAbsMs = endAbsMs;
    clock.setTimer(() => resolve(reply(startAbsMs, endAbsMs)), endAbsMs + MESSAGE_MS - clock.nowAbsMs());
  });
  const model = (slot = 0): JobSpec => {
    const spec = models.get(slot);
    if (!spec) throw new Error(`no model in slot ${slot}`);
    return spec;
  };
  return {
    load: (spec, slot = 0) => serve(LOAD_MS, (): LoadReply => {
      models.set(slot, spec);
      return { env: env(spec.backend), phasesMs: { import: 10, backend: 5, build: 1, train: 10, inputs: 1 }, finalLoss: spec.steps > 0 ? 0.5 : null, queryInputs: 16 };
    }),
    query: (id, _inputIndex, slot) => serve(computeMsOf(model(slot), rng), (startAbsMs, endAbsMs) => ({ id, startAbsMs, endAbsMs })),
    // The same task for every model: decisions depend on the seed only (same seed, same model).
    holdout: (examples, slot) => serve(5, () => {
      const decide = createRng(model(slot).seed);
      return { examples, accuracy: 0.8, decisions: Array.from({ length: examples }, () => (decide.next() < 0.5 ? 1 : 0)) };
    }),
    offline: (batchSize, batches, slot) => serve(batches * computeMsOf(model(slot), rng), () => ({ batchSize, batchMs: Array.from({ length: batches }, () => batchSize * 0.01) })),
    retrieve: () => Promise.reject(new Error('not faked')),
    rank: () => Promise.reject(new Error('not faked')),
    driftStreams: (_request: DriftStreamRequest) => Promise.reject(new Error('not faked')),
  };
}

export function fakeHost(clock: FakeClock): ServingHost & { opened: JobSpec[]; closed: number } {
  const apis = new WeakMap<ServingWorker, ServeWorkerApi>();
  let workers = 0;
  const host = {
    opened: [] as JobSpec[],
    closed: 0,
    nowAbsMs: clock.nowAbsMs,
    setTimer: clock.setTimer,
    async open(spec: JobSpec): Promise<ServingWorker> {
      host.opened.push(spec);
      const spawnedAbsMs = clock.nowAbsMs();
      const api = fakeWorkerApi(clock, 100 + workers++);
      const reply = parseReply(loadReplySchema, 'load reply', await api.load(spec, 0));
      const handle = servingWorkerHandle(api, { spec, load: { ...reply, spawnToLoadedMs: clock.nowAbsMs() - spawnedAbsMs }, slot: 0 }, clock, () => host.closed++);
      apis.set(handle, api);
      return handle;
    },
    async colocate(worker: ServingWorker, spec: JobSpec): Promise<ServingWorker> {
      const api = apis.get(worker);
      if (!api) throw new Error('not a fake worker');
      const reply = parseReply(loadReplySchema, 'load reply', await api.load(spec, worker.slot + 1));
      return servingWorkerHandle(api, { spec, load: { ...reply, spawnToLoadedMs: LOAD_MS }, slot: worker.slot + 1 }, clock, () => undefined);
    },
  };
  return host;
}
