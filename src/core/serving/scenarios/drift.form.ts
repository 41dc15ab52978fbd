/** The drift form: the stream, the injected shift and its parameters, and the detectors' settings. */
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { intField, numberField, ONE_MODEL, scenarioField as field, shownWhen, type ScenarioForm } from './form.ts';

const injection = (...kinds: string[]) => shownWhen('injection.kind', ...kinds);
const DRIFT_MODEL = { workload: 'ranker', backend: 'cpu', width: 64 } as const;

export const driftForm: ScenarioForm = {
  label: 'Drift',
  about: 'an injected data shift, watched per feature (KS/PSI), jointly (MMD, pair correlations, PCA reconstruction) and on the errors (DDM, ADWIN, CUSUM)',
  fields: [
    field('queries', 'queries', intField(), 'per stream', 1000),
    field('streams', 'streams', intField(), 'independent streams, to count detections and false alarms', 1),
    field('referenceSize', 'reference', intField(), 'training-distribution examples', D.driftReferenceSize),
    field('injection.kind', 'injected shift', { kind: 'choice', options: ['none', 'mean-shift', 'variance', 'correlation', 'covariate-swap', 'label-prior', 'nan-burst', 'concept', 'unseen-category'] }, 'what changes in the stream', undefined, { initial: 'none' }),
    field('injection.feature', 'feature', intField(), 'index of the feature that moves (concept: whose region flips labels)', undefined, injection('mean-shift', 'variance', 'nan-burst', 'concept')),
    field('injection.above', 'above', numberField(), 'labels flip where the feature is above this value (inputs unchanged)', undefined, injection('concept')),
    field('injection.field', 'categorical field', intField(), 'index of the field that gets a value training never saw', undefined, injection('unseen-category')),
    field('injection.rate', 'unseen share', numberField(), 'share of queries with the unseen value (0–1)', undefined, injection('unseen-category')),
    field('injection.factor', 'spread ×', numberField(), "multiplies the feature's spread", undefined, injection('variance')),
    field('injection.rho', 'correlation ρ', numberField(), 'between the two features; marginals unchanged', undefined, injection('correlation')),
    field('injection.rampQueries', 'ramp', intField(), 'queries to reach ρ (0: sudden)', 0, injection('correlation')),
    field('injection.queries', 'NaN queries', intField(), 'length of the burst of NaN values', undefined, injection('nan-burst')),
    field('injection.shiftSd', 'shift', numberField(), 'in training standard deviations', undefined, { unit: 'SD', ...injection('mean-shift') }),
    field('injection.features', 'features', { kind: 'list', integer: true }, 'two feature indices (swapped, or b correlated with a)', undefined, injection('covariate-swap', 'correlation')),
    field('injection.positiveRate', 'positive rate', numberField(), 'the new share of positive labels', undefined, injection('label-prior')),
    field('injection.atQuery', 'from query', intField(), 'where the shift starts', undefined, injection('mean-shift', 'variance', 'correlation', 'covariate-swap', 'label-prior', 'nan-burst', 'concept', 'unseen-category')),
    field('detector.windowSize', 'window', intField(), 'queries per KS/PSI window', D.driftWindow),
    field('detector.checkEvery', 'check every', intField(), 'queries', D.driftCheckEvery),
    field('detector.familyAlpha', 'false-alarm rate', numberField(), 'per stream, over all checks and variables', D.driftFamilyAlpha),
    field('detector.bins', 'PSI bins', intField(), 'quantile bins of the reference', D.driftBins),
    field('labelDelayQueries', 'label delay', intField(), 'queries until a query\'s label arrives (DDM, ADWIN and CUSUM on the errors)', D.driftLabelDelay, { unit: 'queries' }),
    field('adwin.delta', 'ADWIN δ', numberField(), 'confidence of each window cut on the errors', D.driftAdwinDelta),
    field('adwin.clock', 'ADWIN clock', intField(), 'updates between tests of the cuts', D.driftAdwinClock),
    field('adwin.bound', 'ADWIN bound', { kind: 'choice', options: ['bernstein', 'hoeffding'] }, 'the form of ε_cut', 'bernstein'),
    field('cusum.increase', 'CUSUM increase', numberField(), 'the rise of the error rate over the reference\'s it is tuned to find', D.driftCusumIncrease),
    field('cusum.ertQueries', 'CUSUM ERT', intField(), 'labelled queries between false alarms without drift (calibrated)', D.driftCusumErt, { unit: 'queries' }),
    field('joint.windowSize', 'joint window', intField(), 'queries per MMD / pair-correlation window', D.driftJointWindow),
    field('joint.centres', 'MMD centres', intField(), 'reference rows the kernel compares against', D.driftJointCentres),
    field('joint.ertQueries', 'joint ERT', intField(), 'queries between false alarms without drift (calibrated)', D.driftJointErt, { unit: 'queries' }),
  ],
  models: ONE_MODEL,
  presets: {
    'Drift (0.5 SD mean shift)': { model: DRIFT_MODEL, injection: { kind: 'mean-shift', feature: 2, shiftSd: 0.5, atQuery: 1000 }, queries: 1500 },
    'Drift (correlation, same marginals)': { model: DRIFT_MODEL, injection: { kind: 'correlation', features: [2, 3], rho: 0.6, atQuery: 1000 }, queries: 1500 },
    'Drift (features 0 and 3 swapped)': { model: DRIFT_MODEL, injection: { kind: 'covariate-swap', features: [0, 3], atQuery: 1000 }, queries: 1500 },
    'Drift (NaN burst)': { model: DRIFT_MODEL, injection: { kind: 'nan-burst', feature: 4, queries: 50, atQuery: 1000 }, queries: 1500 },
    'Drift (concept: labels flip, inputs unchanged)': { model: DRIFT_MODEL, injection: { kind: 'concept', feature: 2, above: 0.5, atQuery: 1000 }, queries: 1500 },
    'Drift (unseen category)': { model: DRIFT_MODEL, injection: { kind: 'unseen-category', field: 1, rate: 0.05, atQuery: 1000 }, queries: 1500 },
  },
};
