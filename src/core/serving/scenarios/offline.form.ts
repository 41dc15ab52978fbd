/** Offline's form: the batch sizes and how many batches of each. */
import { intField, ONE_MODEL, scenarioField as field, type ScenarioForm } from './form.ts';

export const offlineForm: ScenarioForm = {
  label: 'Offline',
  about: 'back-to-back batches: throughput per batch size',
  fields: [
    field('batchSizes', 'batch sizes', { kind: 'list', integer: true }, 'comma-separated', '1, 8, 32, 128, 512'),
    field('batchesPerSize', 'batches each', intField(), 'back-to-back, each read back', 20),
  ],
  models: ONE_MODEL,
  presets: {
    'Offline (mlp, wasm)': { model: { workload: 'mlp', backend: 'wasm' }, batchSizes: [1, 8, 32, 128], batchesPerSize: 10 },
  },
};
