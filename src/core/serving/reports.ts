/**
 * Report parts every serving scenario shares. The page returns reports; the CLI parses them
 * (page.evaluate results are untrusted) and writes them, versioned, as JSON.
 */
import { z } from 'zod';
import { envSchema } from '../result.ts';

export const latencySummarySchema = z.object({
  count: z.number().int(), p50Ms: z.number(), p90Ms: z.number(), p99Ms: z.number(), meanMs: z.number(), maxMs: z.number(),
});

export const modelLoadSchema = z.object({
  env: envSchema,
  phasesMs: z.object({ import: z.number(), backend: z.number(), build: z.number(), train: z.number(), inputs: z.number() }),
  finalLoss: z.number().nullable(),
  queryInputs: z.number().int(),
  /** new Worker() → load() answered, page clock. */
  spawnToLoadedMs: z.number(),
});

/** One point of a latency-over-time chart: ms since the stream started, and the query's latency. */
export const timelinePointSchema = z.object({
  atMs: z.number(), latencyMs: z.number(), canary: z.boolean(), arm: z.enum(['baseline', 'control', 'candidate']),
});

export type ModelLoad = z.infer<typeof modelLoadSchema>;
export type TimelinePoint = z.infer<typeof timelinePointSchema>;
