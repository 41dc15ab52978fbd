/** Multi-stage recommendation: retrieval (two-tower, top K of the catalogue) then ranking (ranker) per request, each stage in its own worker. */
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { formatMs } from '../../format.ts';
import { createRng, deriveSeed } from '../../random.ts';
import type { StageReply } from '../../serve-api.ts';
import { poissonArrivalsMs } from '../arrivals.ts';
import { openLoop, sequential, type ServingHost, type ServingProgress } from '../host.ts';
import { summarizeLatencies } from '../latency.ts';
import { modelLabel, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { latencySummarySchema, modelLoadSchema } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { multistageForm } from './multistage.form.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const multistageSuiteSchema = z.object({
  kind: z.literal('multistage'),
  ...suiteBase,
  retrieval: servingModelSchema({ workload: 'two-tower' }).prefault({}),
  ranking: servingModelSchema({ workload: 'ranker' }).prefault({}),
  requests: int(1, 100_000).default(100),
  topK: int(1, 128).default(D.topK),
  /** Requests per second (Poisson); 0 sends one request at a time. */
  qps: z.number().min(0).max(10_000).default(0),
}).strict();
export type MultistageSuite = z.output<typeof multistageSuiteSchema>;

export const multistageReportSchema = z.object({
  kind: z.literal('multistage'),
  suite: multistageSuiteSchema,
  retrievalLoad: modelLoadSchema,
  rankingLoad: modelLoadSchema,
  /** Worker compute per stage, the page-side remainder (messaging, top-K hand-off, queueing) and the whole request. */
  retrieval: latencySummarySchema,
  ranking: latencySummarySchema,
  overhead: latencySummarySchema,
  endToEnd: latencySummarySchema,
  /** The first request's final ranking, to show the pipeline did its job. */
  example: z.object({ userId: z.number().int(), retrieved: z.array(z.number().int()), ranked: z.array(z.number().int()) }),
});
export type MultistageReport = z.output<typeof multistageReportSchema>;

/** The two-tower task's user count (workers/workloads/two-tower.ts); the worker rejects ids beyond it. */
const USERS = 128;

export async function runMultistage(suite: MultistageSuite, host: ServingHost, progress: ServingProgress): Promise<MultistageReport> {
  const [retrieval, ranking] = [await host.open(suite.retrieval), await host.open(suite.ranking)];
  try {
    const rng = createRng(deriveSeed(suite.seed, 1));
    const users = Array.from({ length: suite.requests }, () => rng.int(USERS));
    const request = async (i: number, scheduledAbsMs: number): Promise<{ retrieved: StageReply; ranked: StageReply; endToEndMs: number }> => {
      const retrieved = await retrieval.retrieve(i, users[i]!, suite.topK);
      const ranked = await ranking.rank(i, retrieved.itemIds);
      return { retrieved, ranked, endToEndMs: host.nowAbsMs() - scheduledAbsMs };
    };
    await request(0, host.nowAbsMs()); // compile both stages' shapes first
    const results = suite.qps > 0
      ? await openLoop(host, poissonArrivalsMs(suite.qps, suite.requests, suite.seed), request)
      : await sequential(suite.requests, (i) => request(i, host.nowAbsMs()));
    const stage = (r: StageReply): number => r.endAbsMs - r.startAbsMs;
    const endToEnd = summarizeLatencies(results.map((r) => r.endToEndMs));
    progress(`multistage: ${results.length} requests, end to end p99 ${endToEnd.p99Ms.toFixed(1)} ms`);
    return {
      kind: 'multistage', suite, retrievalLoad: retrieval.load, rankingLoad: ranking.load,
      retrieval: summarizeLatencies(results.map((r) => stage(r.retrieved))),
      ranking: summarizeLatencies(results.map((r) => stage(r.ranked))),
      overhead: summarizeLatencies(results.map((r) => r.endToEndMs - stage(r.retrieved) - stage(r.ranked))),
      endToEnd,
      example: { userId: users[0]!, retrieved: results[0]!.retrieved.itemIds, ranked: results[0]!.ranked.itemIds },
    };
  } finally {
    retrieval.close();
    ranking.close();
  }
}

export function formatMultistage(report: MultistageReport): string {
  return [
    `## Multi-stage: retrieval (${modelLabel(report.suite.retrieval)}) → top ${report.suite.topK} → ranking (${modelLabel(report.suite.ranking)})`, '',
    `${report.endToEnd.count} requests${report.suite.qps > 0 ? ` at ${report.suite.qps} QPS (Poisson)` : ', one at a time'}; end to end p99 ${formatMs(report.endToEnd.p99Ms)}.`, '',
    table(['stage', 'p50', 'p90', 'p99'], ([['retrieval (worker)', report.retrieval], ['ranking (worker)', report.ranking], ['messaging, hand-off and queueing', report.overhead], ['end to end', report.endToEnd]] as const)
      .map(([name, s]) => [name, formatMs(s.p50Ms), formatMs(s.p90Ms), formatMs(s.p99Ms)])),
  ].join('\n');
}

/** Multi-stage measures; it guards nothing. */
export function multistageFailure(_report: MultistageReport): string | null {
  return null;
}

export const multistageScenario = defineScenario({
  suiteSchema: multistageSuiteSchema, reportSchema: multistageReportSchema, run: runMultistage, format: formatMultistage, failure: multistageFailure, form: multistageForm,
});
