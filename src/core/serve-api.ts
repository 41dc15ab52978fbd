/**
 * The page ↔ serving-worker contract, declared once. workers/serve.worker.ts implements
 * ServeWorkerApi with `satisfies`; the page talks to it through `wrap<ServeWorkerApi>()` and
 * parses every reply with the schemas below (replies enter as `unknown`).
 */
import { z } from 'zod';
import { envSchema } from './result.ts';
import { driftInjectionSchema } from './serving/drift.ts';
import { type JobSpec, parseWith } from './spec.ts';

export interface ServeWorkerApi {
  /**
   * Imports tfjs, starts the backend, builds the spec's model and trains it `spec.steps` steps of
   * `spec.batchSize` on its task (`spec.dataSeed`), makes query inputs of `spec.servingBatchSize`.
   * A worker can hold several models of one backend in `slot`s (a canary's baseline and candidate
   * side by side on one thread); calls without a slot use slot 0.
   */
  load(spec: JobSpec, slot?: number): Promise<unknown>;
  /**
   * One query on input `inputIndex` of the worker's pool. Queries are answered strictly in
   * arrival order (a FIFO queue inside the worker), so a query sent while others run waits.
   */
  query(id: number, inputIndex: number, slot?: number): Promise<unknown>;
  /** Offline: `batches` back-to-back batches of `batchSize`, each read back. */
  offline(batchSize: number, batches: number, slot?: number): Promise<unknown>;
  /** Decisions and accuracy on a labelled hold-out of the synthetic task (the same examples for every model of one task). */
  holdout(examples: number, slot?: number): Promise<unknown>;
  /** Retrieval stage (two-tower): scores every item for `userId`, returns the top K item ids. */
  retrieve(id: number, userId: number, topK: number, slot?: number): Promise<unknown>;
  /** Ranking stage (ranker): scores the given items, returns them in score order. */
  rank(id: number, itemIds: readonly number[], slot?: number): Promise<unknown>;
  /** Serving streams with an injected shift: monitored features and model scores per query, and the training reference. */
  driftStreams(request: DriftStreamRequest, slot?: number): Promise<unknown>;
}

export const loadReplySchema = z.object({
  env: envSchema,
  /** Worker-side phases (ms): import, backend, build, train, inputs. */
  phasesMs: z.object({ import: z.number(), backend: z.number(), build: z.number(), train: z.number(), inputs: z.number() }),
  finalLoss: z.number().nullable(),
  queryInputs: z.number().int().min(1),
});
export type LoadReply = z.infer<typeof loadReplySchema>;

export const queryReplySchema = z.object({
  id: z.number().int(),
  startAbsMs: z.number(),
  endAbsMs: z.number(),
});
export type QueryReply = z.infer<typeof queryReplySchema>;

export const offlineReplySchema = z.object({
  batchSize: z.number().int().min(1),
  batchMs: z.array(z.number().min(0)),
});
export type OfflineReply = z.infer<typeof offlineReplySchema>;

export const holdoutReplySchema = z.object({
  examples: z.number().int().min(1),
  accuracy: z.number().min(0).max(1),
  /** One decision per example: the arg-max class, or 1/0 for a score at or above the decision threshold. */
  decisions: z.array(z.number()),
});
export type HoldoutReply = z.infer<typeof holdoutReplySchema>;

export const stageReplySchema = z.object({
  id: z.number().int(),
  startAbsMs: z.number(),
  endAbsMs: z.number(),
  itemIds: z.array(z.number().int()),
  scores: z.array(z.number()),
});
export type StageReply = z.infer<typeof stageReplySchema>;

export const driftStreamRequestSchema = z.object({
  injection: driftInjectionSchema,
  queries: z.number().int().min(1),
  streams: z.number().int().min(1),
  referenceSize: z.number().int().min(2),
  /** Picks the streams' data: the same seed gives the same streams. */
  streamSeed: z.number().int().min(0).max(1_000_000),
});
export type DriftStreamRequest = z.infer<typeof driftStreamRequestSchema>;

const monitoredSchema = z.object({
  /** NaN is kept (a broken upstream value is what the detectors must count and report). */
  features: z.array(z.array(z.union([z.number(), z.nan()]))), scores: z.array(z.union([z.number(), z.nan()])),
  /** Each query's true label (0/1), for the performance detectors; they arrive after the suite's label delay. */
  labels: z.array(z.number()).optional(),
});
export const driftStreamsReplySchema = z.object({
  featureNames: z.array(z.string()),
  /** The model's categorical fields (none for a workload without them). */
  categoricalFields: z.array(z.object({ name: z.string(), vocabulary: z.number().int().min(1) })).optional(),
  reference: monitoredSchema,
  streams: z.array(monitoredSchema.extend({
    positiveRate: z.number(),
    /** Per categorical field, the queries whose value was unseen (past the vocabulary), counted before the model was served a valid id. */
    unseenCategories: z.array(z.array(z.number().int())).optional(),
  })),
  referencePositiveRate: z.number(),
});
export type DriftStreamsReply = z.infer<typeof driftStreamsReplySchema>;

/** Parses a worker reply, naming the bad field. */
export const parseReply = parseWith;
