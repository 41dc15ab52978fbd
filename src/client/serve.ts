/**
 * Page-side serving drivers. Each model is served by one persistent worker; load is generated
 * from the page open-loop (MLPerf LoadGen style): every query is posted at its scheduled
 * arrival without waiting for earlier answers, and latency runs from the scheduled arrival to
 * the result, so queueing in the page, the message channel and the worker all count.
 */
import { wrap, type Remote } from 'comlink';
import {
  driftStreamsReplySchema, holdoutReplySchema, loadReplySchema, offlineReplySchema, parseReply, queryReplySchema,
  stageReplySchema, type ServeWorkerApi, type StageReply,
} from '../core/serve-api.ts';
import { canaryArms, poissonArrivalsMs, queryCountFor } from '../core/serving/arrivals.ts';
import { agreementOf, assembleDrift, serviceRatio, timelineOf } from '../core/serving/assemble.ts';
import { judgeCanary } from '../core/serving/canary.ts';
import { serviceMs, summarizeLatencies, summarizeServer, type QueryTiming, type ServerSummary } from '../core/serving/latency.ts';
import { searchMaxQps } from '../core/serving/qps-search.ts';
import type { CanaryReport, ModelLoad, ServingReport } from '../core/serving/reports.ts';
import {
  servingSuiteSchema, type CanarySuite, type ColdSuite, type DriftSuite, type MultistageSuite, type OfflineSuite,
  type ServeModel, type ServerSuite, type SingleStreamSuite,
} from '../core/serving/suites.ts';
import { nowAbsMs } from '../core/clock.ts';
import { deriveSeed, createRng } from '../core/random.ts';
import { describeIssues, SpecError } from '../core/spec.ts';
import { assertNever } from '../core/assert.ts';

export type ServingProgress = (message: string) => void;

/** A persistent serving worker with its model loaded. */
export interface ServingWorker {
  readonly api: Remote<ServeWorkerApi>;
  readonly load: ModelLoad;
  /** Which of the worker's models this handle serves. */
  readonly slot: number;
  /** One query, timed on the page; `scheduledAbsMs` defaults to now. */
  query(id: number, scheduledAbsMs?: number): Promise<QueryTiming>;
  close(): void;
}

export async function openServingWorker(model: ServeModel): Promise<ServingWorker> {
  const spawnedAbsMs = nowAbsMs();
  const worker = new Worker(new URL('../../workers/serve.worker.ts', import.meta.url), {
    type: 'module', name: `firstbatch serve ${model.workload}/${model.backend}`,
  });
  const api = wrap<ServeWorkerApi>(worker);
  const crashed = new Promise<never>((_, reject) => worker.addEventListener('error', (event) => {
    event.preventDefault();
    reject(new Error(`the serving worker crashed: ${event.message || 'its script failed to load or run'}`));
  }));
  try {
    const reply = parseReply(loadReplySchema, 'serving worker load reply', await Promise.race([api.load(model), crashed]));
    const load = { ...reply, spawnToLoadedMs: nowAbsMs() - spawnedAbsMs };
    return servingHandle(api, load, 0, () => worker.terminate());
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

function servingHandle(api: Remote<ServeWorkerApi>, load: ModelLoad, slot: number, close: () => void): ServingWorker {
  return {
    api,
    load,
    slot,
    async query(id, scheduledAbsMs) {
      const sentAbsMs = nowAbsMs();
      const reply = parseReply(queryReplySchema, 'query reply', await api.query(id, id, slot));
      return { scheduledAbsMs: scheduledAbsMs ?? sentAbsMs, sentAbsMs, startAbsMs: reply.startAbsMs, endAbsMs: reply.endAbsMs, receivedAbsMs: nowAbsMs() };
    },
    close,
  };
}

/** A second model in `host`'s worker (same thread, same FIFO queue); the host's close() ends both. */
export async function colocate(host: ServingWorker, model: ServeModel): Promise<ServingWorker> {
  const startedAbsMs = nowAbsMs();
  const reply = parseReply(loadReplySchema, 'serving worker load reply', await host.api.load(model, host.slot + 1));
  return servingHandle(host.api, { ...reply, spawnToLoadedMs: nowAbsMs() - startedAbsMs }, host.slot + 1, () => undefined);
}

/**
 * Fires `fire(i, scheduledAbsMs)` at each arrival (ms after a short lead-in) without awaiting
 * earlier ones. Every timer is armed up front from one task, so none is nested in another
 * (nested timers are clamped to ≥ 4 ms by the HTML timer rules); a timer that fires late
 * still counts its query from the scheduled time.
 */
export async function openLoop<T>(arrivalsMs: readonly number[], fire: (index: number, scheduledAbsMs: number) => Promise<T>): Promise<T[]> {
  const startAbsMs = nowAbsMs() + LEAD_IN_MS;
  return Promise.all(arrivalsMs.map((arrivalMs, i) => new Promise<T>((resolve, reject) => {
    setTimeout(() => fire(i, startAbsMs + arrivalMs).then(resolve, reject), Math.max(0, startAbsMs + arrivalMs - nowAbsMs()));
  })));
}

const LEAD_IN_MS = 20;

/** One Server run: Poisson arrivals at `qps` for about `durationMs` (at least `minQueries`). */
export async function serverRun(
  worker: ServingWorker, qps: number, options: { durationMs: number; minQueries: number; seed: number; latencyTargetMs: number },
): Promise<{ timings: QueryTiming[]; summary: ServerSummary }> {
  const arrivals = poissonArrivalsMs(qps, queryCountFor(qps, options.durationMs, options.minQueries), options.seed);
  const timings = await openLoop(arrivals, (i, scheduled) => worker.query(i, scheduled));
  return { timings, summary: summarizeServer(timings, qps, options.latencyTargetMs) };
}

async function runServer(suite: ServerSuite, progress: ServingProgress): Promise<ServingReport> {
  const worker = await openServingWorker(suite.model);
  try {
    progress(`loaded ${suite.model.workload} on ${suite.model.backend} in ${Math.round(worker.load.spawnToLoadedMs)} ms`);
    await worker.query(0); // the serving shape's compilation is the cold scenario's business, not the Server's
    let last: QueryTiming[] = [];
    let probeIndex = 0;
    const probe = async (qps: number): Promise<ServerSummary> => {
      const run = await serverRun(worker, qps, { ...suite, seed: deriveSeed(suite.seed, probeIndex++) });
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

async function runSingleStream(suite: SingleStreamSuite, progress: ServingProgress): Promise<ServingReport> {
  const worker = await openServingWorker(suite.model);
  try {
    const cold = await worker.query(0);
    const samplesMs: number[] = [];
    const startMs = performance.now();
    for (let i = 1; samplesMs.length < suite.minQueries || performance.now() - startMs < suite.minDurationMs; i++) {
      const t = await worker.query(i);
      samplesMs.push(t.receivedAbsMs - t.sentAbsMs);
    }
    const latency = summarizeLatencies(samplesMs);
    progress(`SingleStream: ${samplesMs.length} queries, p90 ${latency.p90Ms.toFixed(2)} ms`);
    return {
      kind: 'single-stream', suite, load: worker.load, coldMs: cold.receivedAbsMs - cold.sentAbsMs, latency, samplesMs,
      durationMs: performance.now() - startMs,
    };
  } finally {
    worker.close();
  }
}

async function runOffline(suite: OfflineSuite, progress: ServingProgress): Promise<ServingReport> {
  const worker = await openServingWorker(suite.model);
  try {
    const points = [];
    for (const batchSize of suite.batchSizes) {
      const reply = parseReply(offlineReplySchema, 'offline reply', await worker.api.offline(batchSize, suite.batchesPerSize));
      const totalMs = reply.batchMs.reduce((a, b) => a + b, 0);
      const point = { batchSize, batches: reply.batchMs.length, examplesPerSec: (batchSize * reply.batchMs.length * 1000) / totalMs, batchMs: summarizeLatencies(reply.batchMs) };
      progress(`Offline batch ${batchSize}: ${point.examplesPerSec.toFixed(0)} examples/s`);
      points.push(point);
    }
    const best = points.reduce((a, b) => (b.examplesPerSec > a.examplesPerSec ? b : a));
    return { kind: 'offline', suite, load: worker.load, points, best };
  } finally {
    worker.close();
  }
}

async function runCold(suite: ColdSuite, progress: ServingProgress): Promise<ServingReport> {
  const runs = [];
  for (let r = 0; r < suite.repetitions; r++) {
    const worker = await openServingWorker(suite.model);
    try {
      const first = await worker.query(0);
      const second = await worker.query(1);
      runs.push({ load: worker.load, firstQueryMs: first.receivedAbsMs - first.sentAbsMs, secondQueryMs: second.receivedAbsMs - second.sentAbsMs });
      progress(`cold ${r + 1}/${suite.repetitions}: first query ${runs[r]!.firstQueryMs.toFixed(1)} ms`);
    } finally {
      worker.close();
    }
  }
  return { kind: 'cold', suite, runs, firstQuery: summarizeLatencies(runs.map((r) => r.firstQueryMs)) };
}

async function runMultistage(suite: MultistageSuite, progress: ServingProgress): Promise<ServingReport> {
  const [retrieval, ranking] = [await openServingWorker(suite.retrieval), await openServingWorker(suite.ranking)];
  try {
    const rng = createRng(deriveSeed(suite.seed, 1));
    const users = Array.from({ length: suite.requests }, () => rng.int(USERS));
    const request = async (i: number, scheduledAbsMs: number): Promise<{ retrieved: StageReply; ranked: StageReply; endToEndMs: number }> => {
      const retrieved = parseReply(stageReplySchema, 'retrieval reply', await retrieval.api.retrieve(i, users[i]!, suite.topK));
      const ranked = parseReply(stageReplySchema, 'ranking reply', await ranking.api.rank(i, retrieved.itemIds));
      return { retrieved, ranked, endToEndMs: nowAbsMs() - scheduledAbsMs };
    };
    await request(0, nowAbsMs()); // compile both stages' shapes first
    const results = suite.qps > 0
      ? await openLoop(poissonArrivalsMs(suite.qps, suite.requests, suite.seed), request)
      : await sequential(suite.requests, (i) => request(i, nowAbsMs()));
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

/** The two-tower task's user count (workers/workloads/two-tower.ts); the worker rejects ids beyond it. */
const USERS = 128;

async function sequential<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(await run(i));
  return out;
}

async function runCanary(suite: CanarySuite, progress: ServingProgress): Promise<ServingReport> {
  const opened: ServingWorker[] = [];
  const open = async (model: ServeModel): Promise<ServingWorker> => {
    const worker = await openServingWorker(model);
    opened.push(worker);
    return worker;
  };
  try {
    const baseline = await open(suite.baseline);
    const colocated = suite.colocate && suite.candidate.backend === suite.baseline.backend;
    const candidate = colocated ? await colocate(baseline, suite.candidate) : await open(suite.candidate);
    const control = suite.control && !colocated ? await open(suite.baseline) : null;
    const compared = control ?? baseline;
    const [baseHoldout, candHoldout] = await Promise.all([
      baseline.api.holdout(suite.holdoutExamples, baseline.slot), candidate.api.holdout(suite.holdoutExamples, candidate.slot),
    ]);
    const b = parseReply(holdoutReplySchema, 'baseline hold-out reply', baseHoldout);
    const c = parseReply(holdoutReplySchema, 'candidate hold-out reply', candHoldout);
    const holdout = { examples: b.examples, baselineAccuracy: b.accuracy, candidateAccuracy: c.accuracy, agreement: agreementOf(b.decisions, c.decisions) };
    const serving = [baseline, candidate, ...(control ? [control] : [])];
    for (let i = 0; i <= suite.warmupQueries; i++) await Promise.all(serving.map((w) => w.query(i)));
    const runs: CanaryReport['runs'] = [];
    for (let r = 0; r < suite.repetitions; r++) {
      const seed = deriveSeed(suite.seed, r);
      const arms = canaryArms(suite.queries, suite.share, seed, control !== null);
      const workerOf = { baseline, control: compared, candidate } as const;
      const timings = await openLoop(poissonArrivalsMs(suite.qps, suite.queries, seed), (i, scheduled) => workerOf[arms[i]!].query(i, scheduled));
      const comparedArm = control ? 'control' : 'baseline';
      const base = timings.filter((_, i) => arms[i] === comparedArm);
      const cand = timings.filter((_, i) => arms[i] === 'candidate');
      const judgement = judgeCanary(base.map(latencyOf), cand.map(latencyOf), holdout, suite.policy,
        { baselineMs: base.map(serviceMs), canaryMs: cand.map(serviceMs) });
      const ratio = serviceRatio(base, cand);
      progress(`canary run ${r + 1}/${suite.repetitions}: ${judgement.verdict} (${cand.length} canary queries, candidate compute ×${ratio?.toFixed(3) ?? '?'})`);
      runs.push({ seed, judgement, serviceRatio: ratio, holdout, timeline: timelineOf(timings, arms) });
    }
    const count = (v: string): number => runs.filter((run) => run.judgement.verdict === v).length;
    const verdicts = { promote: count('promote'), 'roll back': count('roll back'), inconclusive: count('inconclusive') };
    const expectationMet = runs.every((run) =>
      suite.expect === 'not roll back' ? run.judgement.verdict !== 'roll back' : run.judgement.verdict === suite.expect);
    return {
      kind: 'canary', suite, colocated, baselineLoad: baseline.load, candidateLoad: candidate.load, controlLoad: control?.load ?? null, runs, verdicts, expectationMet,
    };
  } finally {
    for (const worker of opened) worker.close();
  }
}

const latencyOf = (t: QueryTiming): number => t.receivedAbsMs - t.scheduledAbsMs;

async function runDrift(suite: DriftSuite, progress: ServingProgress): Promise<ServingReport> {
  const worker = await openServingWorker(suite.model);
  try {
    const raw = await worker.api.driftStreams({
      injection: suite.injection, queries: suite.queries, streams: suite.streams, referenceSize: suite.referenceSize, streamSeed: suite.seed,
    });
    const assembled = assembleDrift(suite, parseReply(driftStreamsReplySchema, 'drift streams reply', raw));
    progress(`drift: detected in ${assembled.summary.streamsDetected}/${suite.streams} streams, false alarms in ${assembled.summary.streamsWithFalseAlarm}`);
    return { kind: 'drift', suite, load: worker.load, ...assembled };
  } finally {
    worker.close();
  }
}

/** Runs one serving suite (untrusted input: parsed first) and returns its report. */
export async function runServingSuite(input: unknown, options: { onProgress?: ServingProgress } = {}): Promise<ServingReport> {
  const parsed = servingSuiteSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('serving suite', describeIssues(parsed.error, input));
  const suite = parsed.data;
  const progress = options.onProgress ?? (() => undefined);
  switch (suite.kind) {
    case 'server': return runServer(suite, progress);
    case 'single-stream': return runSingleStream(suite, progress);
    case 'offline': return runOffline(suite, progress);
    case 'cold': return runCold(suite, progress);
    case 'multistage': return runMultistage(suite, progress);
    case 'canary': return runCanary(suite, progress);
    case 'drift': return runDrift(suite, progress);
    default: return assertNever(suite, 'serving suite kind');
  }
}

