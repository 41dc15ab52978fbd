/**
 * A pure, seeded stand-in for the ranker's dense drift streams, so the detectors' calibration
 * (false alarms, expected run time) and delays can be measured in Node over millions of queries
 * without a model: `features` independent N(0, 1) columns like the ranker's dense inputs, a
 * score from a fixed logistic model of them (with the ranker's pairwise interaction), and a
 * Bernoulli label drawn from the true probability before any injected shift (a concept drift
 * then flips it). Categorical ids like the ranker's fields (uniform over each vocabulary, drawn
 * from a stream of their own so they leave the dense draws unchanged) carry an unseen-category
 * injection; the score does not read them.
 */
import { createRng, deriveSeed } from '../random.ts';
import { driftLabel, shiftCategories, shiftFeatures, keepProbability, type DriftInjection } from './drift.ts';

/** Vocabulary sizes of the synthetic categorical fields: the ranker's (workers/workloads/ranker.ts). */
export const SYNTHETIC_VOCABULARIES = [32, 16, 8, 24] as const;

export interface SyntheticStream {
  /** Column-major: features[f][query]. */
  readonly features: number[][];
  readonly scores: number[];
  readonly labels: number[];
  /** Column-major categorical ids, categories[field][query], unseen ones included as injected. */
  readonly categories: number[][];
}

const WEIGHT_SCALE = 0.75;
const INTERACTION = 1.5;

/** The fixed model's click probability of a feature row. */
export function syntheticScore(row: ArrayLike<number>, weights: readonly number[]): number {
  let logit = -0.5 + INTERACTION * (row[0] ?? 0) * (row[1] ?? 0);
  for (let f = 0; f < weights.length; f++) logit += weights[f]! * (row[f] ?? 0);
  return 1 / (1 + Math.exp(-logit));
}

export function syntheticWeights(features: number): number[] {
  const rng = createRng(0x5eed);
  return Array.from({ length: features }, () => WEIGHT_SCALE * rng.normal());
}

/** `queries` rows of stream `streamIndex` (seeded), with `injection` applied from its query on. */
export function syntheticStream(seed: number, streamIndex: number, queries: number, features: number, injection: DriftInjection): SyntheticStream {
  const rng = createRng(deriveSeed(seed, streamIndex));
  const weights = syntheticWeights(features);
  const columns = Array.from({ length: features }, () => new Array<number>(queries));
  const scores = new Array<number>(queries);
  const labels = new Array<number>(queries);
  const sd = new Array<number>(features).fill(1);
  const row = new Float32Array(features);
  const categoryRng = createRng(deriveSeed(seed, 1_000_000 + streamIndex));
  const categories = SYNTHETIC_VOCABULARIES.map(() => new Array<number>(queries));
  const ids = new Array<number>(SYNTHETIC_VOCABULARIES.length);
  for (let q = 0; q < queries;) {
    for (let f = 0; f < features; f++) row[f] = rng.normal();
    const label = rng.next() < syntheticScore(row, weights) ? 1 : 0;
    if (rng.next() >= keepProbability(injection, q, label, syntheticPositiveRate(weights), row)) continue;
    shiftFeatures(injection, q, row, sd);
    for (let f = 0; f < features; f++) columns[f]![q] = row[f]!;
    scores[q] = syntheticScore(row, weights);
    labels[q] = driftLabel(injection, q, label, row);
    SYNTHETIC_VOCABULARIES.forEach((vocabulary, f) => (ids[f] = categoryRng.int(vocabulary)));
    shiftCategories(injection, q, ids, SYNTHETIC_VOCABULARIES, categoryRng.next());
    ids.forEach((id, f) => (categories[f]![q] = id));
    q++;
  }
  return { features: columns, scores, labels, categories };
}

const positiveRates = new Map<string, number>();
/** The undrifted positive rate, by simulation once per weight vector. */
export function syntheticPositiveRate(weights: readonly number[]): number {
  const key = weights.join(',');
  const known = positiveRates.get(key);
  if (known !== undefined) return known;
  const rng = createRng(0xba5e);
  const row = new Float64Array(weights.length);
  let sum = 0;
  const draws = 20_000;
  for (let i = 0; i < draws; i++) {
    for (let f = 0; f < weights.length; f++) row[f] = rng.normal();
    sum += syntheticScore(row, weights);
  }
  positiveRates.set(key, sum / draws);
  return sum / draws;
}
