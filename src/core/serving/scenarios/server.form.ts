/** Server's form: a p99 target, the rates of a sweep and the max-QPS search. */
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { intField, numberField, ONE_MODEL, scenarioField as field, shownWhen, type ScenarioForm } from './form.ts';

const searchOn = shownWhen('search', 'true');

export const serverForm: ScenarioForm = {
  label: 'Server',
  about: 'Poisson arrivals at a target QPS: p99 against a latency target, a QPS sweep and the largest QPS that meets it',
  fields: [
    field('latencyTargetMs', 'p99 target', numberField(), 'latency a rate must meet', D.latencyTargetMs, { unit: 'ms' }),
    field('durationMs', 'duration', intField(), 'per rate', D.serverDurationMs, { unit: 'ms' }),
    field('minQueries', 'min queries', intField(), 'per rate', D.serverMinQueries),
    field('sweepQps', 'sweep', { kind: 'list', integer: false }, 'rates for the latency/QPS curve, comma-separated', '', { unit: 'QPS' }),
    field('search', 'QPS search', { kind: 'boolean' }, 'find the largest rate that meets the target', undefined, { section: true }),
    field('search.lowQps', 'search from', numberField(), 'a rate that should meet the target', undefined, { unit: 'QPS', ...searchOn }),
    field('search.highQps', 'search to', numberField(), 'a rate that should miss it', undefined, { unit: 'QPS', ...searchOn }),
    field('search.relativeTolerance', 'tolerance', numberField(), 'stop when the bracket is this close', D.qpsRelativeTolerance, searchOn),
    field('search.maxProbes', 'max probes', intField(), 'rates tried at most', D.qpsMaxProbes, searchOn),
  ],
  models: ONE_MODEL,
  presets: {
    'Server (ranker, cpu)': { model: { workload: 'ranker', backend: 'cpu', width: 128 }, latencyTargetMs: 50, durationMs: 3000, sweepQps: [20, 50, 100], search: { lowQps: 10, highQps: 400 } },
  },
};
