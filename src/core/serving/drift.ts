/**
 * Drift: injected shifts of a serving stream, and a sliding-window detector over input
 * features and scores that raises an alarm when a window no longer looks like the training
 * reference.
 */
import { z } from 'zod';
import { binCounts, ksStatistic, psi, quantileEdges, sortedCopy } from './drift-stats.ts';
import { ksCriticalCached, psiCriticalCached } from './drift-null.ts';
import { assertNever } from '../assert.ts';

const atQuery = z.number().int().min(0).max(1_000_000);

/** A shift injected into a stream from query `atQuery` on (0-based). */
export const driftInjectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  /** Feature `feature` moves by `shiftSd` of its training standard deviation. */
  z.object({ kind: z.literal('mean-shift'), feature: z.number().int().min(0), shiftSd: z.number().min(-100).max(100), atQuery }).strict(),
  /** Two features trade places (a pipeline writing columns in the wrong order). */
  z.object({ kind: z.literal('covariate-swap'), features: z.tuple([z.number().int().min(0), z.number().int().min(0)]), atQuery }).strict(),
  /** The positive-label rate becomes `positiveRate`, by resampling examples by label (P(x|y) unchanged). */
  z.object({ kind: z.literal('label-prior'), positiveRate: z.number().gt(0).lt(1), atQuery }).strict(),
  /** Feature `feature`'s spread around its training mean (0) is multiplied by `factor`. */
  z.object({ kind: z.literal('variance'), feature: z.number().int().min(0), factor: z.number().gt(0).max(100), atQuery }).strict(),
  /**
   * Feature b becomes ρ·a + √(1 − ρ²)·b: both marginals stay N(0, 1) for independent standard
   * features, only their correlation moves to ρ — reached linearly over `rampQueries` (0: sudden).
   */
  z.object({
    kind: z.literal('correlation'), features: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
    rho: z.number().min(-1).max(1), rampQueries: z.number().int().min(0).max(1_000_000).default(0), atQuery,
  }).strict(),
  /**
   * Covariate shift proper: examples are resampled so feature `feature` (N(0, 1)) becomes
   * ≈ N(shiftSd, 1) while P(y | x) stays the same (exponential tilting by rejection).
   */
  z.object({ kind: z.literal('covariate-tilt'), feature: z.number().int().min(0), shiftSd: z.number().min(-2).max(2), atQuery }).strict(),
  /** Feature `feature` reads NaN for `queries` queries (a broken upstream join), then recovers. */
  z.object({ kind: z.literal('nan-burst'), feature: z.number().int().min(0), queries: z.number().int().min(1).max(1_000_000), atQuery }).strict(),
  /** Concept drift: where feature `feature` > `above`, labels flip (y → 1 − y); P(x) unchanged, so only the errors show it. */
  z.object({ kind: z.literal('concept'), feature: z.number().int().min(0), above: z.number().min(-100).max(100), atQuery }).strict(),
  /** A `rate` share of queries carry a value of categorical field `field` that training never saw (an id ≥ its vocabulary size). */
  z.object({ kind: z.literal('unseen-category'), field: z.number().int().min(0), rate: z.number().min(0).max(1), atQuery }).strict(),
]);
export type DriftInjection = z.infer<typeof driftInjectionSchema>;

/** The query where the shift starts; null for none. */
export function shiftStart(injection: DriftInjection): number | null {
  return injection.kind === 'none' ? null : injection.atQuery;
}

/** Applies a feature-level shift to query `index`'s feature row in place (label-prior acts by resampling). */
export function shiftFeatures(injection: DriftInjection, index: number, row: Float32Array, featureSd: ArrayLike<number>): void {
  switch (injection.kind) {
    case 'none':
    case 'label-prior':
    case 'covariate-tilt':
    case 'concept':
    case 'unseen-category':
      return;
    case 'mean-shift':
      if (index >= injection.atQuery) row[injection.feature]! += injection.shiftSd * (featureSd[injection.feature] ?? 1);
      return;
    case 'variance':
      if (index >= injection.atQuery) row[injection.feature]! *= injection.factor;
      return;
    case 'correlation': {
      if (index < injection.atQuery) return;
      const [a, b] = injection.features;
      const ramp = injection.rampQueries === 0 ? 1 : Math.min(1, (index - injection.atQuery + 1) / injection.rampQueries);
      const rho = injection.rho * ramp;
      row[b] = rho * row[a]! + Math.sqrt(1 - rho * rho) * row[b]!;
      return;
    }
    case 'nan-burst':
      if (index >= injection.atQuery && index < injection.atQuery + injection.queries) row[injection.feature] = Number.NaN;
      return;
    case 'covariate-swap': {
      if (index < injection.atQuery) return;
      const [a, b] = injection.features;
      const held = row[a]!;
      row[a] = row[b]!;
      row[b] = held;
      return;
    }
    default:
      return assertNever(injection, 'drift injection kind');
  }
}

/**
 * Probability of keeping an example with `label` (and feature `row`) at query `index`; for a
 * label-prior shift, so kept examples have the new positive rate: importance weights w₁ = π'/π, w₀ = (1 − π')/(1 − π), kept with
 * probability w_y / max(w₀, w₁) (rejection sampling; von Neumann 1951).
 */
export function keepProbability(injection: DriftInjection, index: number, label: number, basePositiveRate: number, row?: ArrayLike<number>): number {
  if (injection.kind === 'covariate-tilt' && index >= injection.atQuery) {
    // Density ∝ φ(x)·e^{δ(x − 3)} below x = 3 (= N(δ, 1) there); capped at 1 beyond.
    const x = row?.[injection.feature] ?? 0;
    return Math.min(1, Math.exp(injection.shiftSd * (x - 3 * Math.sign(injection.shiftSd))));
  }
  if (injection.kind !== 'label-prior' || index < injection.atQuery) return 1;
  const w1 = injection.positiveRate / basePositiveRate;
  const w0 = (1 - injection.positiveRate) / (1 - basePositiveRate);
  return (label >= 0.5 ? w1 : w0) / Math.max(w0, w1);
}

/**
 * Query `index`'s label under the injection: a concept drift flips it where the (shifted) feature
 * row has x_feature > above, from atQuery on; every other kind keeps it.
 */
export function driftLabel(injection: DriftInjection, index: number, label: number, row: ArrayLike<number>): number {
  if (injection.kind !== 'concept' || index < injection.atQuery) return label;
  const x = row[injection.feature];
  if (x === undefined) throw new RangeError(`concept drift on feature ${injection.feature}, but rows have ${row.length} features`);
  return x > injection.above ? 1 - label : label;
}

/**
 * Applies an unseen-category injection to query `index`'s categorical ids in place: when the
 * uniform draw `u` falls under `rate`, field `field` gets the id equal to its vocabulary size,
 * a value training never saw. Every other kind leaves the ids alone.
 */
export function shiftCategories(injection: DriftInjection, index: number, ids: { [field: number]: number; readonly length: number }, vocabularies: readonly number[], u: number): void {
  if (injection.kind !== 'unseen-category' || index < injection.atQuery) return;
  const vocabulary = vocabularies[injection.field];
  if (vocabulary === undefined) throw new RangeError(`unseen-category field ${injection.field}, but the model has ${vocabularies.length} categorical fields`);
  if (u < injection.rate) ids[injection.field] = vocabulary;
}

export interface DetectorConfig {
  /** Values per sliding window. */
  readonly windowSize: number;
  /** A check every this many queries (once the first window is full). */
  readonly checkEvery: number;
  /** Chance of any false alarm over the whole stream (Bonferroni over checks, variables and both tests). */
  readonly familyAlpha: number;
  /** Quantile bins of the PSI. */
  readonly bins: number;
}

/** A monitored quantity: its training reference and its value at every query of the stream. */
export interface MonitoredVariable {
  readonly name: string;
  readonly reference: ArrayLike<number>;
  readonly stream: ArrayLike<number>;
}

export interface DriftCheck {
  /** The window's last query (0-based); the window is [query − windowSize + 1, query]. */
  readonly query: number;
  readonly ks: readonly number[];
  readonly psi: readonly number[];
  readonly alarm: boolean;
  /** Variables whose KS or PSI crossed its threshold. */
  readonly flagged: readonly string[];
  /** Variables whose window held a NaN or infinite value: not tested at this check. */
  readonly untested: readonly string[];
}

export interface DriftDetection {
  readonly variables: readonly string[];
  readonly perCheckAlpha: number;
  /** KS D at or above which a window alarms (same reference size for every variable). */
  readonly ksThreshold: readonly number[];
  readonly psiThreshold: readonly number[];
  readonly checks: readonly DriftCheck[];
}

/**
 * Two-sample KS and PSI of every variable's last `windowSize` values against its training
 * reference, every `checkEvery` queries. Thresholds come from each test's exact null
 * distribution (drift-null.ts) at familyAlpha / (checks × variables × 2) (Bonferroni), so each
 * check fires at most at that level with no drift; overlapping windows are correlated, which
 * makes the family rate lower still. Measured by `npx tsx bench/drift/calibration.ts`.
 */
export function detectDrift(variables: readonly MonitoredVariable[], config: DetectorConfig): DriftDetection {
  const { windowSize, checkEvery, familyAlpha, bins } = config;
  if (variables.length === 0) throw new RangeError('detectDrift needs at least one variable');
  const length = variables[0]!.stream.length;
  if (variables.some((v) => v.stream.length !== length)) throw new RangeError('every monitored stream must have the same length');
  if (windowSize < 2 || windowSize > length) throw new RangeError(`windowSize must be in 2..${length} (the stream length), got ${windowSize}`);
  const checkQueries: number[] = [];
  for (let q = windowSize - 1; q < length; q += checkEvery) checkQueries.push(q);
  const perCheckAlpha = familyAlpha / (checkQueries.length * variables.length * 2);
  const prepared = variables.map((v) => {
    const finiteReference = Array.prototype.filter.call(v.reference, Number.isFinite) as number[];
    if (finiteReference.length < 2 * bins) throw new RangeError(`the reference of ${v.name} needs at least ${2 * bins} finite values (2 per PSI bin), got ${finiteReference.length}`);
    const sorted = sortedCopy(finiteReference);
    const edges = quantileEdges(sorted, bins);
    return {
      v,
      sorted,
      edges,
      expected: binCounts(sorted, edges),
      ksThreshold: ksCriticalCached(perCheckAlpha, windowSize, sorted.length),
      psiThreshold: psiCriticalCached(perCheckAlpha, binCounts(sorted, edges), windowSize),
    };
  });
  const checks = checkQueries.map((query): DriftCheck => {
    const ks: number[] = [];
    const psis: number[] = [];
    const flagged: string[] = [];
    const untested: string[] = [];
    for (const p of prepared) {
      const window = Array.prototype.slice.call(p.v.stream, query - windowSize + 1, query + 1) as number[];
      if (!window.every(Number.isFinite)) {
        // A NaN or infinite value: the window is not tested (its thresholds assume windowSize values) and is counted.
        ks.push(0);
        psis.push(0);
        untested.push(p.v.name);
        continue;
      }
      const d = ksStatistic(sortedCopy(window), p.sorted);
      const s = psi(p.expected, binCounts(window, p.edges));
      ks.push(d);
      psis.push(s);
      if (d >= p.ksThreshold || s > p.psiThreshold) flagged.push(p.v.name);
    }
    return { query, ks, psi: psis, alarm: flagged.length > 0, flagged, untested };
  });
  return {
    variables: variables.map((v) => v.name),
    perCheckAlpha,
    ksThreshold: prepared.map((p) => p.ksThreshold),
    psiThreshold: prepared.map((p) => p.psiThreshold),
    checks,
  };
}

export interface DetectionSummary {
  readonly shiftAtQuery: number | null;
  /** Alarmed checks whose window ended before the shift. */
  readonly falseAlarms: number;
  /** First alarmed check at or after the shift; null when none. */
  readonly detectedAtQuery: number | null;
  /** detectedAtQuery − shiftAtQuery, in queries. */
  readonly delayQueries: number | null;
}

export function summarizeDetection(detection: DriftDetection, shiftAtQuery: number | null): DetectionSummary {
  const before = detection.checks.filter((c) => c.alarm && (shiftAtQuery === null || c.query < shiftAtQuery));
  const after = shiftAtQuery === null ? undefined : detection.checks.find((c) => c.alarm && c.query >= shiftAtQuery);
  return {
    shiftAtQuery,
    falseAlarms: before.length,
    detectedAtQuery: after?.query ?? null,
    delayQueries: after && shiftAtQuery !== null ? after.query - shiftAtQuery : null,
  };
}

