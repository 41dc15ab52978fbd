/** SingleStream's form: how many queries, and for how long at least. */
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { intField, ONE_MODEL, scenarioField as field, type ScenarioForm } from './form.ts';

export const singleStreamForm: ScenarioForm = {
  label: 'SingleStream',
  about: 'one query at a time: p50/p90/p99 and the cold first query',
  fields: [
    field('minQueries', 'min queries', intField(), 'queries after the cold one', D.singleStreamMinQueries),
    field('minDurationMs', 'min duration', intField(), 'and at least this long', D.singleStreamMinDurationMs, { unit: 'ms' }),
  ],
  models: ONE_MODEL,
  presets: {
    'SingleStream (ranker, cpu)': { model: { workload: 'ranker', backend: 'cpu' }, minQueries: 100, minDurationMs: 2000 },
  },
};
