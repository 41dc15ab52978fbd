import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { JobFailure } from '../../workers/job-failure.ts';
import { checkBuiltModel, checkJobModule } from '../../workers/sources/job-module.ts';
import { disposeBatch, getWorkload, WORKLOAD_NAMES } from '../../workers/workloads/index.ts';
import * as regression from '../../examples/job-module/regression.js';

describe('the job-module contract', () => {
  it.each(WORKLOAD_NAMES.map((name) => ({ name })))('built-in $name passes the check a user\'s module passes', async ({ name }) => {
    await tf.setBackend('cpu');
    const module = checkJobModule(getWorkload(name), name);
    const options = { width: 16, seed: 1 };
    const model = module.build(tf, options);
    expect(() => checkBuiltModel(tf, model, name)).not.toThrow();
    // Through the checked module, a batch from its makeBatch goes into its model's loss: a finite scalar.
    const batch = module.makeBatch(tf, options, 0, 4);
    expect(batch.size).toBe(4);
    const loss = model.loss(batch);
    expect(loss.shape, `${name}: loss() returns a scalar`).toEqual([]);
    const value = (await loss.data())[0]!;
    expect(Number.isFinite(value), `${name}: loss ${value}`).toBe(true);
    loss.dispose();
    disposeBatch(batch);
    model.dispose?.();
  });

  it('runs the shipped example: its loss falls under Adam', async () => {
    await tf.setBackend('cpu');
    const module = checkJobModule(regression, 'examples/job-module/regression.js');
    const model = module.build(tf, { width: 16, seed: 1 });
    checkBuiltModel(tf, model, 'regression');
    const optimizer = tf.train.adam(0.01);
    const losses: number[] = [];
    for (let step = 0; step < 40; step++) {
      const batch = module.makeBatch(tf, { width: 16, seed: 1 }, step, 32);
      const cost = optimizer.minimize(() => model.loss(batch), true, model.variables)!;
      losses.push((await cost.data())[0]!);
      cost.dispose();
      disposeBatch(batch);
    }
    expect(losses.at(-1)!, `loss ${losses[0]} → ${losses.at(-1)}`).toBeLessThan(losses[0]! / 2);
  });

  it.each([
    { label: 'no contract', module: { build() {}, makeBatch() {} }, error: 'exports no `contract`' },
    { label: 'another contract', module: { contract: 2, build() {}, makeBatch() {} }, error: 'is written for job-module contract 2; this firstbatch runs contract 1' },
    { label: 'no makeBatch', module: { contract: 1, build() {} }, error: 'exports no function `makeBatch`' },
  ])('refuses a module with $label, naming it', ({ module, error }) => {
    expect(() => checkJobModule(module, 'job module my-job.js')).toThrow(JobFailure);
    expect(() => checkJobModule(module, 'job module my-job.js')).toThrow(`job module my-job.js ${error}`);
  });

  it('refuses a build() whose variables are not tf.Variables', () => {
    expect(() => checkBuiltModel(tf, { variables: [tf.scalar(1)], loss() {}, predict() {} }, 'my-job.js')).toThrow('build() must return { variables: tf.Variable[] }');
  });
});
