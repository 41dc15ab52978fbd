/** The multi-stage form: requests, top K and rate; a retrieval and a ranking model. */
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { intField, numberField, scenarioField as field, type ScenarioForm } from './form.ts';

export const multistageForm: ScenarioForm = {
  label: 'Multi-stage',
  about: 'retrieval (two-tower) → top K → ranking (ranker), per request',
  fields: [
    field('requests', 'requests', intField(), 'retrieval → ranking each', 100),
    field('topK', 'top K', intField(), 'items retrieval hands to ranking', D.topK),
    field('qps', 'rate', numberField(), 'Poisson requests per second; 0 sends one at a time', 0, { unit: 'QPS' }),
  ],
  models: [{ role: 'retrieval', label: 'Retrieval model', workload: 'two-tower' }, { role: 'ranking', label: 'Ranking model', workload: 'ranker' }],
  presets: {
    'Retrieval → ranking (webgpu)': { retrieval: { workload: 'two-tower', width: 64 }, ranking: { workload: 'ranker' }, requests: 40 },
  },
};
