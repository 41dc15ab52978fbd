/**
 * Server (MLPerf): queries arrive as a Poisson process at a target QPS, open loop from the page,
 * so queueing and messaging count; p99 against a latency target, a latency/QPS sweep and the
 * largest QPS that meets the target.
 */
import { sourceLabel } from '../../source.ts';
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { formatMs } from '../../format.ts';
import { deriveSeed } from '../../random.ts';
import { poissonArrivalsMs, queryCountFor } from '../arrivals.ts';
import { timelineOf } from '../assemble.ts';
import { openLoop, type ServingClock, type ServingHost, type ServingProgress, type ServingWorker } from '../host.ts';
import { summarizeServer, type QueryTiming, type ServerSummary } from '../latency.ts';
import { envLine, modelLabel, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { searchMaxQps } from '../qps-search.ts';
import { latencySummarySchema, modelLoadSchema, timelinePointSchema } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { serverForm } from './server.form.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const serverSuiteSchema = z.object({
  kind: z.literal('server'),
  ...suiteBase,
  model: servingModelSchema(),
  latencyTargetMs: z.number().positive().max(600_000).default(D.latencyTargetMs),
  durationMs: int(100, 600_000).default(D.serverDurationMs),
  minQueries: int(1, 1_000_000).default(D.serverMinQueries),
  /** Rates for the latency/QPS curve. */
  sweepQps: z.array(z.number().positive().max(100_000)).max(50).default([]),
  search: z.object({
    lowQps: z.number().positive(),
    highQps: z.number().positive(),
    relativeTolerance: z.number().positive().max(10).default(D.qpsRelativeTolerance),
    maxProbes: int(2, 50).default(D.qpsMaxProbes),
  }).strict().optional(),
}).strict();
export type ServerSuite = z.output<typeof serverSuiteSchema>;

export const serverSummarySchema = z.object({
  targetQps: z.number(),
  achievedQps: z.number(),
  latency: latencySummarySchema,
  service: latencySummarySchema,
  queue: latencySummarySchema,
  sendLateP99Ms: z.number(),
  latencyTargetMs: z.number(),
  meetsTarget: z.boolean(),
  durationMs: z.number(),
});

export const serverReportSchema = z.object({
  kind: z.literal('server'),
  suite: serverSuiteSchema,
  load: modelLoadSchema,
  sweep: z.array(serverSummarySchema),
  search: z.object({
    maxQps: z.number().nullable(),
    failedQps: z.number().nullable(),
    stoppedBecause: z.string(),
    probes: z.array(serverSummarySchema),
  }).nullable(),
  /** The last run's queries, for the latency-over-time view. */
  timeline: z.array(timelinePointSchema),
});
export type ServerReport = z.output<typeof serverReportSchema>;

/** One Server run: Poisson arrivals at `qps` for about `durationMs` (at least `minQueries`). */
export async function serverRun(
  clock: ServingClock, worker: ServingWorker, qps: number, options: { durationMs: number; minQueries: number; seed: number; latencyTargetMs: number },
): Promise<{ timings: QueryTiming[]; summary: ServerSummary }> {
  const arrivals = poissonArrivalsMs(qps, queryCountFor(qps, options.durationMs, options.minQueries), options.seed);
  const timings = await openLoop(clock, arrivals, (i, scheduled) => worker.query(i, scheduled));
  return { timings, summary: summarizeServer(timings, qps, options.latencyTargetMs) };
}

export async function runServer(suite: ServerSuite, host: ServingHost, progress: ServingProgress): Promise<ServerReport> {
  const worker = await host.open(suite.model);
  try {
    progress(`loaded ${sourceLabel(suite.model)} on ${suite.model.backend} in ${Math.round(worker.load.spawnToLoadedMs)} ms`);
    await worker.query(0); // the serving shape's compilation is the cold scenario's business, not the Server's
    let last: QueryTiming[] = [];
    let probeIndex = 0;
    const probe = async (qps: number): Promise<ServerSummary> => {
      const run = await serverRun(host, worker, qps, { ...suite, seed: deriveSeed(suite.seed, probeIndex++) });
      last = run.timings;
      const s = run.summary;
      progress(`${qps.toFixed(1)} QPS: p99 ${s.latency.p99Ms.toFixed(1)} ms (target ${suite.latencyTargetMs}) ${s.meetsTarget ? 'meets' : 'misses'}, achieved ${s.achievedQps.toFixed(1)} QPS`);
      return s;
    };
    const sweep: ServerSummary[] = [];
    for (const qps of suite.sweepQps) sweep.push(await probe(qps));
    const search = suite.search ? await searchMaxQps(probe, suite.search) : null;
    return {
      kind: 'server', suite, load: worker.load, sweep,
      search: search && { maxQps: search.maxQps, failedQps: search.failedQps, stoppedBecause: search.stoppedBecause, probes: search.probes.map((p) => p.summary) },
      timeline: last.length > 0 ? timelineOf(last) : [],
    };
  } finally {
    worker.close();
  }
}

export function formatServer(report: ServerReport): string {
  const rows = [...report.sweep, ...(report.search?.probes ?? [])].sort((a, b) => a.targetQps - b.targetQps);
  const search = report.search;
  const finding = search === null ? '' : search.maxQps === null
    ? `No rate met the p99 target of ${formatMs(report.suite.latencyTargetMs)} (even ${report.suite.search?.lowQps} QPS missed it).`
    : `Largest rate meeting p99 ≤ ${formatMs(report.suite.latencyTargetMs)}: **${search.maxQps.toFixed(1)} QPS**` +
      (search.failedQps !== null ? ` (${search.failedQps.toFixed(1)} QPS missed; search ${search.stoppedBecause})` : ` (the ceiling ${search.stoppedBecause})`) + '.';
  return [
    `## Server: ${modelLabel(report.suite.model)}`, envLine(report.load), '',
    'Latency runs from each query\'s scheduled (Poisson) arrival to its result on the page, so timer lateness, messaging and the worker\'s queue all count.',
    finding, '',
    table(['target QPS', 'achieved QPS', 'queries', 'p50', 'p90', 'p99', 'queue p99', 'compute p50', 'meets target'], rows.map((s) => [
      s.targetQps.toFixed(1), s.achievedQps.toFixed(1), String(s.latency.count), formatMs(s.latency.p50Ms), formatMs(s.latency.p90Ms),
      formatMs(s.latency.p99Ms), formatMs(s.queue.p99Ms), formatMs(s.service.p50Ms), s.meetsTarget ? 'yes' : 'no'])),
  ].join('\n');
}

/** Exit 1 when a max-QPS search found no rate that meets the target. */
export function serverFailure(report: ServerReport): string | null {
  return report.search && report.search.maxQps === null ? `no probed rate met the p99 target of ${report.suite.latencyTargetMs} ms` : null;
}

export const serverScenario = defineScenario({
  suiteSchema: serverSuiteSchema, reportSchema: serverReportSchema, run: runServer, format: formatServer, failure: serverFailure, form: serverForm,
});
