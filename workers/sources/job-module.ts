/**
 * Job modules, checked against contract 1 (workers/workloads/types.ts). The built-in workloads
 * pass through the same check as a user's module, so the public contract is the one in use.
 */
import { JobFailure } from '../job-failure.ts';
import { JOB_CONTRACT, type JobModule } from '../workloads/types.ts';

/** A module namespace (or object) as a job module; throws JobFailure('bad-model') naming `what` and the missing export. */
export function checkJobModule(module: unknown, what: string): JobModule {
  if (module === null || typeof module !== 'object') throw new JobFailure('bad-model', `${what} is not an ES module`);
  const contract: unknown = Reflect.get(module, 'contract');
  if (contract === undefined) throw new JobFailure('bad-model', `${what} exports no \`contract\`: a job module starts with \`export const contract = ${JOB_CONTRACT};\``);
  if (contract !== JOB_CONTRACT) throw new JobFailure('bad-model', `${what} is written for job-module contract ${JSON.stringify(contract)}; this firstbatch runs contract ${JOB_CONTRACT}`);
  for (const name of ['build', 'makeBatch'] as const) {
    if (typeof Reflect.get(module, name) !== 'function') throw new JobFailure('bad-model', `${what} exports no function \`${name}\` (contract ${JOB_CONTRACT}: build(tf, options) and makeBatch(tf, options, batchIndex, batchSize))`);
  }
  const description: unknown = Reflect.get(module, 'description');
  const build = Reflect.get(module, 'build') as JobModule['build'];
  const makeBatch = Reflect.get(module, 'makeBatch') as JobModule['makeBatch'];
  return {
    contract: JOB_CONTRACT,
    ...(typeof description === 'string' ? { description } : {}),
    build: (tf, options) => build.call(module, tf, options),
    makeBatch: (tf, options, batchIndex, batchSize) => makeBatch.call(module, tf, options, batchIndex, batchSize),
  };
}

/** Checks what build() returned: variables (tf.Variable[]), loss and predict functions. */
export function checkBuiltModel(tf: { Variable: abstract new (...args: never[]) => unknown }, model: unknown, what: string): void {
  if (model === null || typeof model !== 'object') throw new JobFailure('bad-model', `${what}: build() returned ${model === null ? 'null' : typeof model}, not a model object`);
  const variables: unknown = Reflect.get(model, 'variables');
  if (!Array.isArray(variables) || !variables.every((v) => v instanceof tf.Variable)) {
    throw new JobFailure('bad-model', `${what}: build() must return { variables: tf.Variable[] } (made with tf.variable), got ${Array.isArray(variables) ? 'an array with other values' : typeof variables}`);
  }
  for (const name of ['loss', 'predict'] as const) {
    if (typeof Reflect.get(model, name) !== 'function') throw new JobFailure('bad-model', `${what}: the model build() returned has no function \`${name}\``);
  }
}
