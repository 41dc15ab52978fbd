/**
 * The canary judge: a baseline and a candidate model serve one stream, the candidate a share of
 * it; the judge says promote, roll back or inconclusive, with its reasons.
 */
import { hodgesLehmann, mannWhitney, median, type Estimate } from '../stats/index.ts';

export interface CanaryPolicy {
  /** Fewer canary queries than this and the verdict is "not enough canary traffic yet". */
  readonly minCanaryQueries: number;
  /** Relative latency increase the candidate may have, e.g. 0.1 = 10% slower is acceptable. */
  readonly latencyTolerance: number;
  /** Confidence level of the latency interval. */
  readonly level: number;
  /** Largest acceptable hold-out accuracy drop, absolute (0.02 = two points). */
  readonly maxAccuracyDrop: number;
  /** Smallest acceptable agreement of the candidate's decisions with the baseline's on the hold-out. */
  readonly minAgreement: number;
}

export interface HoldoutEvidence {
  readonly examples: number;
  readonly baselineAccuracy: number;
  readonly candidateAccuracy: number;
  /** Fraction of hold-out examples where both models make the same decision. */
  readonly agreement: number;
}

export type CanaryVerdict = 'promote' | 'roll back' | 'inconclusive';
export type CheckOutcome = 'pass' | 'fail' | 'inconclusive';

export interface CanaryCheck {
  readonly name: 'traffic' | 'latency' | 'compute' | 'accuracy' | 'agreement';
  readonly outcome: CheckOutcome;
  readonly reason: string;
}

export interface CanaryJudgement {
  readonly verdict: CanaryVerdict;
  readonly reasons: string[];
  readonly checks: CanaryCheck[];
  readonly baselineQueries: number;
  readonly canaryQueries: number;
  readonly baselineMedianMs: number | null;
  readonly canaryMedianMs: number | null;
  /** Hodges–Lehmann shift canary − baseline, relative to the baseline median; null without enough traffic. */
  readonly latencyShift: Estimate | null;
  readonly mannWhitneyP: number | null;
  /** The same for the worker's compute time per query (queueing and messaging excluded); null when not given. */
  readonly computeShift: Estimate | null;
}

/** Per-query worker compute times of both arms: a second metric, judged like latency. */
export interface ComputeEvidence {
  readonly baselineMs: readonly number[];
  readonly canaryMs: readonly number[];
}

/**
 * Latency follows Kayenta's Mann–Whitney classifier (Netflix/Spinnaker Kayenta,
 * MannWhitneyClassifier): the Hodges–Lehmann shift with its confidence interval decides.
 * Accuracy and agreement are read on a fixed labelled hold-out both models predict. When
 * per-query compute times are given (the worker's own time, queueing and messaging excluded),
 * they are a second metric judged the same way, as Kayenta judges several metrics: queueing
 * shared by both arms dilutes a slower model's latency.
 *
 * The rule, per metric, with the tolerance τ (`latencyTolerance`) and the shift's interval [l, h]:
 *  - **fail** (roll back) when l > τ: slower than the tolerance allows, with confidence;
 *  - **pass** when h ≤ τ — including *significantly slower but within tolerance* (0 < l, h ≤ τ):
 *    a real slowdown the policy accepts, said so in the reason;
 *  - **inconclusive** otherwise (the interval straddles τ): keep the canary running.
 * Rolling back only when the whole interval is beyond τ makes a false roll-back of a candidate
 * inside its tolerance a one-sided error at the interval's level (Wellek 2010, "Testing Statistical
 * Hypotheses of Equivalence and Noninferiority", ch. 2), where "point estimate beyond τ and
 * interval above 0" rolled back a +5% candidate in ~10% of streams.
 *
 * The metrics are one family: with m shift metrics each interval is built at 1 − (1 − level)/m
 * (Bonferroni), so the chance that *any* of them fails a candidate within tolerance stays below
 * 1 − level (tested by simulation in test/core/serving/canary-error.test.ts).
 * Any failed check rolls back; promote needs every check to pass; anything else is inconclusive.
 */
export function judgeCanary(
  baselineLatencyMs: readonly number[],
  canaryLatencyMs: readonly number[],
  holdout: HoldoutEvidence | null,
  policy: CanaryPolicy,
  compute: ComputeEvidence | null = null,
): CanaryJudgement {
  const checks: CanaryCheck[] = [];
  let latencyShift: Estimate | null = null;
  let mannWhitneyP: number | null = null;
  let computeShift: Estimate | null = null;
  const enough = canaryLatencyMs.length >= policy.minCanaryQueries && baselineLatencyMs.length >= policy.minCanaryQueries;
  if (!enough) {
    checks.push({
      name: 'traffic',
      outcome: 'inconclusive',
      reason: `not enough canary traffic yet: ${canaryLatencyMs.length} canary and ${baselineLatencyMs.length} baseline queries, ` +
        `the judge needs ${policy.minCanaryQueries} of each`,
    });
  } else {
    checks.push({ name: 'traffic', outcome: 'pass', reason: `${canaryLatencyMs.length} canary and ${baselineLatencyMs.length} baseline queries` });
    const judgeCompute = compute !== null && compute.baselineMs.length >= policy.minCanaryQueries && compute.canaryMs.length >= policy.minCanaryQueries;
    const level = canaryMetricLevel(policy.level, judgeCompute ? 2 : 1);
    latencyShift = hodgesLehmann(baselineLatencyMs, canaryLatencyMs, level).relative;
    mannWhitneyP = mannWhitney(baselineLatencyMs, canaryLatencyMs).pValue;
    checks.push(shiftCheck('latency', 'canary latency', latencyShift, mannWhitneyP, policy));
    if (compute && judgeCompute) {
      computeShift = hodgesLehmann(compute.baselineMs, compute.canaryMs, level).relative;
      checks.push(shiftCheck('compute', 'canary compute per query', computeShift, mannWhitney(compute.baselineMs, compute.canaryMs).pValue, policy));
    }
  }
  if (holdout) {
    const drop = holdout.baselineAccuracy - holdout.candidateAccuracy;
    checks.push({
      name: 'accuracy',
      outcome: drop > policy.maxAccuracyDrop ? 'fail' : 'pass',
      reason: `hold-out accuracy ${pct(holdout.candidateAccuracy)} vs baseline ${pct(holdout.baselineAccuracy)} on ${holdout.examples} examples` +
        (drop > policy.maxAccuracyDrop ? `: drops ${pct(drop)}, more than the ${pct(policy.maxAccuracyDrop)} allowed` : ''),
    });
    checks.push({
      name: 'agreement',
      outcome: holdout.agreement < policy.minAgreement ? 'fail' : 'pass',
      reason: `agrees with the baseline on ${pct(holdout.agreement)} of the hold-out` +
        (holdout.agreement < policy.minAgreement ? `, below the ${pct(policy.minAgreement)} required` : ''),
    });
  }
  const failed = checks.filter((c) => c.outcome === 'fail');
  const open = checks.filter((c) => c.outcome === 'inconclusive');
  const verdict: CanaryVerdict = failed.length > 0 ? 'roll back' : open.length > 0 || !holdout ? 'inconclusive' : 'promote';
  const reasons = failed.length > 0 ? failed.map((c) => c.reason)
    : open.length > 0 ? open.map((c) => c.reason)
    : holdout ? checks.map((c) => c.reason) : ['no hold-out evaluation yet'];
  return {
    verdict,
    reasons,
    checks,
    baselineQueries: baselineLatencyMs.length,
    canaryQueries: canaryLatencyMs.length,
    baselineMedianMs: baselineLatencyMs.length > 0 ? median(baselineLatencyMs) : null,
    canaryMedianMs: canaryLatencyMs.length > 0 ? median(canaryLatencyMs) : null,
    latencyShift,
    mannWhitneyP,
    computeShift,
  };
}

/** Each metric's interval level when m shift metrics are judged together: Bonferroni, 1 − (1 − level)/m. */
export function canaryMetricLevel(level: number, metrics: number): number {
  return 1 - (1 - level) / metrics;
}

function shiftCheck(name: 'latency' | 'compute', what: string, shift: Estimate, pValue: number, policy: CanaryPolicy): CanaryCheck {
  const text = `${what} ${signedPct(shift.value)} vs baseline (${levelPct(shift.ci.level)} CI ` +
    `${signedPct(shift.ci.low)} … ${signedPct(shift.ci.high)}, Mann–Whitney p = ${pValue.toPrecision(2)})`;
  const tolerance = pct(policy.latencyTolerance);
  if (shift.ci.low > policy.latencyTolerance) {
    return { name, outcome: 'fail', reason: `${text}: slower by more than the ${tolerance} tolerance` };
  }
  if (shift.ci.high <= policy.latencyTolerance) {
    const slower = shift.ci.low > 0 ? 'significantly slower but ' : '';
    return { name, outcome: 'pass', reason: `${text}: ${slower}within the ${tolerance} tolerance` };
  }
  return { name, outcome: 'inconclusive', reason: `${text}: cannot yet tell whether the slowdown is within ${tolerance}` };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const levelPct = (x: number): string => `${Number((x * 100).toFixed(2))}%`;
const signedPct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
