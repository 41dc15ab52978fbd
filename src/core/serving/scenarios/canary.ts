/**
 * Canary: a baseline and a candidate model serve one Poisson stream, the candidate a share of it
 * (with a matched control when they run in separate workers); the judge says promote, roll back
 * or inconclusive from latency, compute per query, hold-out accuracy and agreement.
 */
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { deriveSeed } from '../../random.ts';
import { canaryArms, poissonArrivalsMs } from '../arrivals.ts';
import { agreementOf, serviceRatio, timelineOf } from '../assemble.ts';
import { judgeCanary } from '../canary.ts';
import { openLoop, type ServingHost, type ServingProgress, type ServingWorker } from '../host.ts';
import { serviceMs, type QueryTiming } from '../latency.ts';
import { envLine, modelLabel, pct, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { modelLoadSchema, timelinePointSchema } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { canaryForm } from './canary.form.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const canaryPolicySchema = z.object({
  minCanaryQueries: int(2, 1_000_000).default(D.minCanaryQueries),
  latencyTolerance: z.number().min(0).max(10).default(D.latencyTolerance),
  level: z.number().gt(0.5).lt(1).default(0.95),
  maxAccuracyDrop: z.number().min(0).max(1).default(D.maxAccuracyDrop),
  minAgreement: z.number().min(0).max(1).default(D.minAgreement),
}).strict();
export type CanaryPolicyConfig = z.output<typeof canaryPolicySchema>;

export const canarySuiteSchema = z.object({
  kind: z.literal('canary'),
  ...suiteBase,
  baseline: servingModelSchema(),
  candidate: servingModelSchema(),
  share: z.number().min(0).max(1).default(D.canaryShare),
  /**
   * Serve the candidate in the baseline's worker (same thread and queue, so CPU contention hits
   * both alike) when both use one backend; otherwise each model gets its own worker.
   */
  colocate: z.boolean().default(true),
  /** Without colocation: a fresh baseline instance on the candidate's share, which the judge compares against (Kayenta's practice). */
  control: z.boolean().default(true),
  qps: z.number().positive().max(10_000),
  queries: int(1, 1_000_000),
  holdoutExamples: int(1, 100_000).default(D.holdoutExamples),
  /** Queries each model answers, one at a time, before the stream (JIT tiering and caches warm equally on both sides). */
  warmupQueries: int(0, 100_000).default(D.canaryWarmupQueries),
  policy: canaryPolicySchema.prefault({}),
  /** Run the whole canary this many times with derived seeds (for calibrating the judge). */
  repetitions: int(1, 100).default(1),
  /** The verdict this suite expects; a different one fails the CI job. Default: anything but "roll back". */
  expect: z.enum(['promote', 'roll back', 'inconclusive', 'not roll back']).default('not roll back'),
}).strict();
export type CanarySuite = z.output<typeof canarySuiteSchema>;

const estimateSchema = z.object({ value: z.number(), ci: z.object({ low: z.number(), high: z.number(), level: z.number() }), method: z.string() });

export const canaryRunSchema = z.object({
  seed: z.number().int(),
  judgement: z.object({
    verdict: z.enum(['promote', 'roll back', 'inconclusive']),
    reasons: z.array(z.string()),
    checks: z.array(z.object({ name: z.string(), outcome: z.enum(['pass', 'fail', 'inconclusive']), reason: z.string() })),
    baselineQueries: z.number().int(),
    canaryQueries: z.number().int(),
    baselineMedianMs: z.number().nullable(),
    canaryMedianMs: z.number().nullable(),
    latencyShift: estimateSchema.nullable(),
    mannWhitneyP: z.number().nullable(),
    computeShift: estimateSchema.nullable(),
  }),
  /** Median worker compute time, candidate / compared arm (control, else baseline): how much slower the candidate model itself is. */
  serviceRatio: z.number().nullable(),
  holdout: z.object({ examples: z.number().int(), baselineAccuracy: z.number(), candidateAccuracy: z.number(), agreement: z.number() }),
  timeline: z.array(timelinePointSchema),
});
export const canaryReportSchema = z.object({
  kind: z.literal('canary'),
  suite: canarySuiteSchema,
  /** Baseline and candidate served from one worker. */
  colocated: z.boolean(),
  baselineLoad: modelLoadSchema,
  candidateLoad: modelLoadSchema,
  controlLoad: modelLoadSchema.nullable(),
  runs: z.array(canaryRunSchema),
  verdicts: z.object({ promote: z.number().int(), 'roll back': z.number().int(), inconclusive: z.number().int() }),
  /** Did every run give the verdict the suite expects? */
  expectationMet: z.boolean(),
});
export type CanaryReport = z.output<typeof canaryReportSchema>;

/** Latency as the user sees it: scheduled arrival to result. */
const latencyOf = (t: QueryTiming): number => t.receivedAbsMs - t.scheduledAbsMs;

export async function runCanary(suite: CanarySuite, host: ServingHost, progress: ServingProgress): Promise<CanaryReport> {
  const opened: ServingWorker[] = [];
  const open = async (spec: CanarySuite['baseline']): Promise<ServingWorker> => {
    const worker = await host.open(spec);
    opened.push(worker);
    return worker;
  };
  try {
    const baseline = await open(suite.baseline);
    const colocated = suite.colocate && suite.candidate.backend === suite.baseline.backend;
    const candidate = colocated ? await host.colocate(baseline, suite.candidate) : await open(suite.candidate);
    const control = suite.control && !colocated ? await open(suite.baseline) : null;
    const compared = control ?? baseline;
    const [b, c] = await Promise.all([baseline.holdout(suite.holdoutExamples), candidate.holdout(suite.holdoutExamples)]);
    const holdout = { examples: b.examples, baselineAccuracy: b.accuracy, candidateAccuracy: c.accuracy, agreement: agreementOf(b.decisions, c.decisions) };
    const serving = [baseline, candidate, ...(control ? [control] : [])];
    for (let i = 0; i <= suite.warmupQueries; i++) await Promise.all(serving.map((w) => w.query(i)));
    const runs: CanaryReport['runs'] = [];
    for (let r = 0; r < suite.repetitions; r++) {
      const seed = deriveSeed(suite.seed, r);
      const arms = canaryArms(suite.queries, suite.share, seed, control !== null);
      const workerOf = { baseline, control: compared, candidate } as const;
      const timings = await openLoop(host, poissonArrivalsMs(suite.qps, suite.queries, seed), (i, scheduled) => workerOf[arms[i]!].query(i, scheduled));
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

export function formatCanary(report: CanaryReport): string {
  const { suite, verdicts } = report;
  const single = report.runs.length === 1 ? report.runs[0] : undefined;
  return [
    `## Canary: ${modelLabel(suite.candidate)} vs baseline ${modelLabel(suite.baseline)}`, envLine(report.baselineLoad), '',
    `${pct(suite.share)} of ${suite.queries} queries at ${suite.qps} QPS go to the candidate` +
      (report.colocated ? ', served by the baseline\'s worker (one thread and queue for both) and judged against the baseline. '
        : report.controlLoad ? ', as many to a control (a fresh baseline instance) it is judged against. ' : ', judged against the production baseline. ') +
      `Verdicts over ${report.runs.length} run(s): promote ${verdicts.promote}, roll back ${verdicts['roll back']}, inconclusive ${verdicts.inconclusive} ` +
      `(expected: ${suite.expect}; ${report.expectationMet ? 'met' : '**not met**'}).`,
    ...(single ? ['', `**${single.judgement.verdict}**: ${single.judgement.reasons.join('; ')}`] : []), '',
    table(['run', 'verdict', 'canary queries', 'latency shift (CI)', 'compute shift (CI)', 'compute median ×', 'accuracy base → cand', 'agreement'], report.runs.map((r, i) => {
      const shift = (s: typeof r.judgement.latencyShift): string => (s ? `${pct(s.value)} (${pct(s.ci.low)} … ${pct(s.ci.high)})` : '—');
      return [String(i + 1), r.judgement.verdict, String(r.judgement.canaryQueries),
        shift(r.judgement.latencyShift), shift(r.judgement.computeShift), r.serviceRatio?.toFixed(3) ?? '—',
        `${pct(r.holdout.baselineAccuracy)} → ${pct(r.holdout.candidateAccuracy)}`, pct(r.holdout.agreement)];
    })),
  ].join('\n');
}

/** Exit 1 when a run's verdict is not the one the suite expects. */
export function canaryFailure(report: CanaryReport): string | null {
  return report.expectationMet ? null : `canary verdicts ${JSON.stringify(report.verdicts)} do not meet the expectation "${report.suite.expect}"`;
}

export const canaryScenario = defineScenario({
  suiteSchema: canarySuiteSchema, reportSchema: canaryReportSchema, run: runCanary, format: formatCanary, failure: canaryFailure, form: canaryForm,
});
