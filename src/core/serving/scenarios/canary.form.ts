/** The canary's form: share, rate and stream, colocation, the policy it is judged by; a baseline and a candidate model. */
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { intField, numberField, scenarioField as field, type ScenarioForm } from './form.ts';

export const canaryForm: ScenarioForm = {
  label: 'Canary',
  about: 'a candidate model on a share of traffic, judged promote / roll back / inconclusive',
  fields: [
    field('share', 'canary share', numberField(), 'fraction of queries to the candidate', D.canaryShare),
    field('qps', 'rate', numberField(), 'Poisson queries per second', undefined, { unit: 'QPS' }),
    field('queries', 'queries', intField(), 'in the stream'),
    field('colocate', 'colocate', { kind: 'boolean' }, "serve the candidate in the baseline's worker when both use one backend", undefined, { initial: 'true' }),
    field('control', 'control', { kind: 'boolean' }, 'without colocation: judge against a fresh baseline on an equal share', undefined, { initial: 'true' }),
    field('warmupQueries', 'warm-up', intField(), 'queries each model answers first', D.canaryWarmupQueries),
    field('holdoutExamples', 'hold-out', intField(), 'examples for accuracy and agreement', D.holdoutExamples),
    field('repetitions', 'repetitions', intField(), 'whole canaries with derived seeds', 1),
    field('expect', 'expect', { kind: 'choice', options: ['not roll back', 'promote', 'roll back', 'inconclusive'] }, 'the verdict this check guards', undefined, { initial: 'not roll back' }),
    field('policy.minCanaryQueries', 'min canary queries', intField(), 'fewer is inconclusive', D.minCanaryQueries),
    field('policy.latencyTolerance', 'latency tolerance', numberField(), 'allowed latency increase (0.1 = 10%)', D.latencyTolerance),
    field('policy.level', 'confidence', numberField(), 'of the shift intervals', 0.95),
    field('policy.maxAccuracyDrop', 'max accuracy drop', numberField(), 'hold-out accuracy the candidate may lose', D.maxAccuracyDrop),
    field('policy.minAgreement', 'min agreement', numberField(), "share of the baseline's decisions it must agree with", D.minAgreement),
  ],
  models: [{ role: 'baseline', label: 'Baseline model' }, { role: 'candidate', label: 'Candidate model' }],
  presets: {
    'Canary (5%, 20% costlier, wasm)': {
      baseline: { workload: 'mlp', backend: 'wasm', width: 768, servingBatchSize: 32 },
      candidate: { workload: 'mlp', backend: 'wasm', width: 922, servingBatchSize: 32 }, share: 0.05, qps: 20, queries: 1200,
    },
  },
};
