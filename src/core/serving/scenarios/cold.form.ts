/** Cold's form: how many fresh workers. */
import { intField, ONE_MODEL, scenarioField as field, type ScenarioForm } from './form.ts';

export const coldForm: ScenarioForm = {
  label: 'Cold',
  about: 'the first query in a fresh worker, repeated',
  fields: [field('repetitions', 'workers', intField(), 'fresh workers, one first query each', 3)],
  models: ONE_MODEL,
  presets: {
    'Cold start (mlp, wasm)': { model: { workload: 'mlp', backend: 'wasm' }, repetitions: 3 },
  },
};
