import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients (the full @tensorflow/tfjs bundle imports this itself).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  WORKLOAD_NAMES, disposeBatch, getWorkload, type Batch, type WorkloadName, type WorkloadOptions,
} from '../../workers/workloads/index.ts';

const SEED = 1234;
const STEPS = 50;
const LEARNING_RATE = 0.01;
const HOLDOUT_BATCH = 10_000;

interface Case {
  readonly name: WorkloadName;
  readonly width: number;
  readonly batchSize: number;
  /** What predict() returns for n examples: its shape, and whether rows are distributions. */
  readonly output: { readonly shape: (n: number) => number[]; readonly kind: 'distribution' | 'probability' | 'score' };
  /** Held-out accuracy the trained model must reach: well above chance (or the majority class). */
  readonly minHoldoutAccuracy: number;
}

// Width 128 and batch 64 unless the cpu backend makes that too slow for a unit test:
// - cnn: tfjs-backend-cpu's Conv2DBackpropFilter is a naive loop (~0.4 µs per multiply-add), so
//   batch 64 takes ~7 s a step at width 128 and ~1.5 s even at the smallest width; width 8 (c = 4), batch 8.
// - transformer: width 128 (d_model 64) costs ~0.8 s a step on the cpu backend; width 32 (d_model 16).
const CASES: readonly Case[] = [
  { name: 'mlp', width: 128, batchSize: 64, output: { shape: (n) => [n, 10], kind: 'distribution' }, minHoldoutAccuracy: 0.9 },
  { name: 'cnn', width: 8, batchSize: 8, output: { shape: (n) => [n, 10], kind: 'distribution' }, minHoldoutAccuracy: 0.8 },
  { name: 'two-tower', width: 128, batchSize: 64, output: { shape: (n) => [n], kind: 'score' }, minHoldoutAccuracy: 3 / 64 },
  { name: 'ranker', width: 128, batchSize: 64, output: { shape: (n) => [n], kind: 'probability' }, minHoldoutAccuracy: 0.7 },
  { name: 'fraud', width: 128, batchSize: 64, output: { shape: (n) => [n], kind: 'probability' }, minHoldoutAccuracy: 0.9 },
  { name: 'transformer', width: 32, batchSize: 64, output: { shape: (n) => [n, 64], kind: 'distribution' }, minHoldoutAccuracy: 0.6 },
];

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const batchValues = (batch: Batch): number[][] => [...batch.inputs.map(values), values(batch.labels)];

function initialLoss(name: WorkloadName, options: WorkloadOptions, batch: Batch): number {
  const model = getWorkload(name).build(tf, options);
  const loss = tf.tidy(() => model.loss(batch).dataSync()[0]);
  model.dispose();
  return loss ?? Number.NaN;
}

interface TrainingRun {
  readonly losses: number[];
  readonly variableCount: number;
  readonly tensorsAddedByBuild: number;
  /** numTensors after each step, batch and loss disposed. */
  readonly tensorsAfterStep: number[];
  readonly tensorsAfterDispose: number;
  readonly tensorsBefore: number;
  readonly holdoutAccuracy: number;
  readonly prediction: { shape: number[]; values: number[] };
}

function train(c: Case): TrainingRun {
  const workload = getWorkload(c.name);
  const options = { width: c.width, seed: SEED };
  const tensorsBefore = tf.memory().numTensors;
  const model = workload.build(tf, options);
  const tensorsAddedByBuild = tf.memory().numTensors - tensorsBefore;
  const optimizer = tf.train.adam(LEARNING_RATE);
  const losses: number[] = [];
  const tensorsAfterStep: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const batch = workload.makeBatch(tf, options, step, c.batchSize);
    const loss = optimizer.minimize(() => model.loss(batch), true, model.variables);
    losses.push(loss?.dataSync()[0] ?? Number.NaN);
    loss?.dispose();
    disposeBatch(batch);
    tensorsAfterStep.push(tf.memory().numTensors);
  }
  const holdout = workload.makeBatch(tf, options, HOLDOUT_BATCH, 64);
  const holdoutAccuracy = tf.tidy(() => model.accuracy(holdout).dataSync()[0]) ?? Number.NaN;
  const prediction = tf.tidy(() => {
    const output = model.predict(holdout.inputs);
    return { shape: output.shape, values: values(output) };
  });
  disposeBatch(holdout);
  const variableCount = model.variables.length;
  model.dispose();
  optimizer.dispose();
  const tensorsAfterDispose = tf.memory().numTensors;
  return {
    losses, variableCount, tensorsAddedByBuild, tensorsAfterStep, tensorsAfterDispose, tensorsBefore,
    holdoutAccuracy, prediction,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('has one test case per workload', () => {
  expect(CASES.map((c) => c.name), 'cases').toEqual([...WORKLOAD_NAMES]);
  for (const name of WORKLOAD_NAMES) expect(getWorkload(name).name, `getWorkload(${name})`).toBe(name);
});

it('rejects a width outside 8..4096 with a message that names it', () => {
  expect(() => getWorkload('mlp').build(tf, { width: 4, seed: 1 })).toThrow(/width must be an integer in 8\.\.4096, got 4/);
});

describe.each(CASES)('$name (width $width, batch $batchSize)', (c) => {
  let run: TrainingRun;
  // One real training run per workload, shared by the assertions below. Up to ~12 s of cpu on an
  // idle core; the timeout is generous so that a busy machine slows the run down without failing it.
  beforeAll(() => {
    run = train(c);
    const [first, last] = [run.losses[0], run.losses[STEPS - 1]];
    console.info(`${c.name}: first loss ${first?.toFixed(4)}, loss after ${STEPS} steps ${last?.toFixed(4)}, holdout accuracy ${run.holdoutAccuracy.toFixed(3)}`);
  }, 300_000);

  it(`learns: loss after ${STEPS} Adam steps ≤ 0.75 × the first step's loss`, () => {
    const first = run.losses[0] ?? Number.NaN;
    const last = run.losses[STEPS - 1] ?? Number.NaN;
    expect(run.losses.every(Number.isFinite), `${c.name}: losses finite`).toBe(true);
    expect(last, `${c.name}: loss ${last} after ${STEPS} steps vs first ${first}`).toBeLessThanOrEqual(0.75 * first);
    expect(run.holdoutAccuracy, `${c.name}: held-out accuracy`).toBeGreaterThanOrEqual(c.minHoldoutAccuracy);
    expect(run.holdoutAccuracy, `${c.name}: held-out accuracy`).toBeLessThanOrEqual(1);
  });

  it('leaks no tensors: build adds only its variables, steps add none, dispose frees them', () => {
    expect(run.tensorsAddedByBuild, `${c.name}: tensors added by build`).toBe(run.variableCount);
    // Step 1 creates Adam's slot variables; from then on the count must not move.
    const afterFirst = run.tensorsAfterStep[0];
    expect(run.tensorsAfterStep, `${c.name}: numTensors after each step`).toEqual(run.tensorsAfterStep.map(() => afterFirst));
    expect(run.tensorsAfterDispose, `${c.name}: numTensors after model + optimizer dispose`).toBe(run.tensorsBefore);
  });

  it('predicts batch-major output of the documented shape and range', () => {
    const { shape, values: output } = run.prediction;
    expect(shape, `${c.name}: predict() shape`).toEqual(c.output.shape(64));
    expect(output.every(Number.isFinite), `${c.name}: predict() finite`).toBe(true);
    if (c.output.kind !== 'score') {
      expect(Math.min(...output), `${c.name}: min probability`).toBeGreaterThanOrEqual(0);
      expect(Math.max(...output), `${c.name}: max probability`).toBeLessThanOrEqual(1);
    }
    if (c.output.kind === 'distribution') {
      const classes = shape[1] ?? 1;
      const rowSum = output.slice(0, classes).reduce((a, b) => a + b, 0);
      expect(rowSum, `${c.name}: first row sums to 1`).toBeCloseTo(1, 4);
    }
  });

  it('is deterministic from the seed: same seed, same batch and initial loss; other seed, different', () => {
    const workload = getWorkload(c.name);
    const options = { width: c.width, seed: SEED };
    const otherOptions = { width: c.width, seed: SEED + 1 };
    const a = workload.makeBatch(tf, options, 0, 16);
    const b = workload.makeBatch(tf, options, 0, 16);
    const next = workload.makeBatch(tf, options, 1, 16);
    const other = workload.makeBatch(tf, otherOptions, 0, 16);
    try {
      expect(batchValues(b), `${c.name}: batch 0 twice`).toEqual(batchValues(a));
      expect(batchValues(next), `${c.name}: batch 1 vs batch 0`).not.toEqual(batchValues(a));
      expect(batchValues(other), `${c.name}: other seed's batch 0`).not.toEqual(batchValues(a));
      const loss = initialLoss(c.name, options, a);
      expect(initialLoss(c.name, options, b), `${c.name}: initial loss, same seed`).toBe(loss);
      expect(initialLoss(c.name, otherOptions, other), `${c.name}: initial loss, other seed`).not.toBe(loss);
    } finally {
      for (const batch of [a, b, next, other]) disposeBatch(batch);
    }
  });
});
