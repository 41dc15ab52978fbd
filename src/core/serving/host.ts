/**
 * What the page-side scenario drivers need from the place they run in, injected so the
 * drivers stay pure: serving workers, the clock and a timer. src/client/serve.ts is the real
 * host (Web Workers through comlink); a test gives a fake one with a fake clock.
 */
import {
  driftStreamsReplySchema, holdoutReplySchema, offlineReplySchema, parseReply, queryReplySchema, stageReplySchema,
  type DriftStreamRequest, type DriftStreamsReply, type HoldoutReply, type OfflineReply, type ServeWorkerApi, type StageReply,
} from '../serve-api.ts';
import type { JobSpec } from '../spec.ts';
import type { QueryTiming } from './latency.ts';
import type { ModelLoad } from './reports.ts';

export type ServingProgress = (message: string) => void;

export interface ServingClock {
  /** Absolute ms on the shared clock (src/core/clock.ts's nowAbsMs in a page). */
  nowAbsMs(): number;
  /** Calls `callback` after `delayMs` (setTimeout in a page). */
  setTimer(callback: () => void, delayMs: number): void;
}

/** A persistent serving worker with its model loaded; every reply is parsed. */
export interface ServingWorker {
  readonly spec: JobSpec;
  readonly load: ModelLoad;
  /** Which of the worker's models this handle serves. */
  readonly slot: number;
  /** One query, timed on the page; `scheduledAbsMs` defaults to when it is sent. */
  query(id: number, scheduledAbsMs?: number): Promise<QueryTiming>;
  /** Offline: `batches` back-to-back batches of `batchSize`, each read back. */
  offline(batchSize: number, batches: number): Promise<OfflineReply>;
  holdout(examples: number): Promise<HoldoutReply>;
  retrieve(id: number, userId: number, topK: number): Promise<StageReply>;
  rank(id: number, itemIds: readonly number[]): Promise<StageReply>;
  driftStreams(request: DriftStreamRequest): Promise<DriftStreamsReply>;
  /** Ends the worker (a colocated model's close does nothing: its host's close ends both). */
  close(): void;
}

export interface ServingHost extends ServingClock {
  /** A fresh serving worker, the spec's model loaded (trained) in it. */
  open(spec: JobSpec): Promise<ServingWorker>;
  /** A second model in `host`'s worker (same thread, same FIFO queue). */
  colocate(host: ServingWorker, spec: JobSpec): Promise<ServingWorker>;
}

/**
 * The handle for the model in `slot` of a serving worker reached through `api`: sends the
 * requests, parses every reply (they enter as unknown) and times queries on the page's clock.
 */
export function servingWorkerHandle(
  api: ServeWorkerApi,
  model: { readonly spec: JobSpec; readonly load: ModelLoad; readonly slot: number },
  clock: Pick<ServingClock, 'nowAbsMs'>,
  close: () => void,
): ServingWorker {
  const { slot } = model;
  return {
    ...model,
    async query(id, scheduledAbsMs) {
      const sentAbsMs = clock.nowAbsMs();
      const reply = parseReply(queryReplySchema, 'query reply', await api.query(id, id, slot));
      return { scheduledAbsMs: scheduledAbsMs ?? sentAbsMs, sentAbsMs, startAbsMs: reply.startAbsMs, endAbsMs: reply.endAbsMs, receivedAbsMs: clock.nowAbsMs() };
    },
    offline: async (batchSize, batches) => parseReply(offlineReplySchema, 'offline reply', await api.offline(batchSize, batches, slot)),
    holdout: async (examples) => parseReply(holdoutReplySchema, 'hold-out reply', await api.holdout(examples, slot)),
    retrieve: async (id, userId, topK) => parseReply(stageReplySchema, 'retrieval reply', await api.retrieve(id, userId, topK, slot)),
    rank: async (id, itemIds) => parseReply(stageReplySchema, 'ranking reply', await api.rank(id, itemIds, slot)),
    driftStreams: async (request) => parseReply(driftStreamsReplySchema, 'drift streams reply', await api.driftStreams(request, slot)),
    close,
  };
}

/**
 * Fires `fire(i, scheduledAbsMs)` at each arrival (ms after a short lead-in) without awaiting
 * earlier ones. Every timer is armed up front from one task, so none is nested in another
 * (nested timers are clamped to ≥ 4 ms by the HTML timer rules); a timer that fires late
 * still counts its query from the scheduled time.
 */
export async function openLoop<T>(clock: ServingClock, arrivalsMs: readonly number[], fire: (index: number, scheduledAbsMs: number) => Promise<T>): Promise<T[]> {
  const startAbsMs = clock.nowAbsMs() + LEAD_IN_MS;
  return Promise.all(arrivalsMs.map((arrivalMs, i) => new Promise<T>((resolve, reject) => {
    clock.setTimer(() => fire(i, startAbsMs + arrivalMs).then(resolve, reject), Math.max(0, startAbsMs + arrivalMs - clock.nowAbsMs()));
  })));
}

const LEAD_IN_MS = 20;

/** Runs `run(i)` for i < count one after another. */
export async function sequential<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(await run(i));
  return out;
}
