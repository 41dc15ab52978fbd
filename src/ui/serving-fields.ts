/**
 * The serving scenarios as forms: each kind's fields (dotted paths into its suite, e.g.
 * "search.lowQps"), the models it serves, and the text ↔ suite-input mapping. No schema here:
 * validation is the suite schema's (serving-validate.ts), the same as the CLI's, so a bad field
 * reads exactly as `npm run bench` would say it. Placeholders show each field's default.
 */
import { DEFAULTS, SERVING_DEFAULTS as D } from '../core/defaults.ts';
import type { FieldControl } from './field-control.ts';
import { parseFieldText, SPEC_FIELDS, type FieldKind } from './spec-fields.ts';

export const SERVING_KINDS = [
  { kind: 'single-stream', label: 'SingleStream', about: 'one query at a time: p50/p90/p99 and the cold first query' },
  { kind: 'server', label: 'Server', about: 'Poisson arrivals at a target QPS: p99 against a latency target, a QPS sweep and the largest QPS that meets it' },
  { kind: 'offline', label: 'Offline', about: 'back-to-back batches: throughput per batch size' },
  { kind: 'cold', label: 'Cold', about: 'the first query in a fresh worker, repeated' },
  { kind: 'multistage', label: 'Multi-stage', about: 'retrieval (two-tower) → top K → ranking (ranker), per request' },
  { kind: 'canary', label: 'Canary', about: 'a candidate model on a share of traffic, judged promote / roll back / inconclusive' },
  { kind: 'drift', label: 'Drift', about: 'an injected data shift, watched per feature (KS/PSI) and jointly (MMD, pair correlations)' },
] as const;

export type ServingKind = (typeof SERVING_KINDS)[number]['kind'];

export interface ServingField extends FieldControl {
  /** The value the field takes when left empty, shown as the placeholder; undefined = required (or none). */
  readonly placeholder?: string;
  /** Shown (and sent) only when this holds. */
  readonly when?: (draft: ServingDraft) => boolean;
}

/** The form's text for every field, by path ("kind" too); model fields under their role ("baseline.width"). */
export type ServingDraft = Readonly<Record<string, string>>;

const int = (): FieldKind => ({ kind: 'number', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
const num = (): FieldKind => ({ kind: 'number', integer: false, min: -Infinity, max: Infinity });
const field = (name: string, label: string, kind: FieldKind, hint: string, placeholder?: unknown, extra: Partial<ServingField> = {}): ServingField => ({
  name, label, field: kind, hint, ...(placeholder === undefined ? {} : { placeholder: String(placeholder) }), ...extra,
});

const searchOn = (d: ServingDraft): boolean => d['search'] === 'true';
const injection = (...kinds: string[]) => (d: ServingDraft): boolean => kinds.includes(d['injection.kind'] ?? 'none');

/** Fields every serving suite has. */
export const COMMON_FIELDS: readonly ServingField[] = [
  field('name', 'name', { kind: 'text' }, 'shown as the run title'),
  field('seed', 'seed', int(), 'arrivals, canary arms and drift streams', 1),
];

export const SCENARIO_FIELDS: Readonly<Record<ServingKind, readonly ServingField[]>> = {
  'single-stream': [
    field('minQueries', 'min queries', int(), 'queries after the cold one', D.singleStreamMinQueries),
    field('minDurationMs', 'min duration', int(), 'and at least this long', D.singleStreamMinDurationMs, { unit: 'ms' }),
  ],
  server: [
    field('latencyTargetMs', 'p99 target', num(), 'latency a rate must meet', D.latencyTargetMs, { unit: 'ms' }),
    field('durationMs', 'duration', int(), 'per rate', D.serverDurationMs, { unit: 'ms' }),
    field('minQueries', 'min queries', int(), 'per rate', D.serverMinQueries),
    field('sweepQps', 'sweep', { kind: 'list', integer: false }, 'rates for the latency/QPS curve, comma-separated', '', { unit: 'QPS' }),
    field('search', 'QPS search', { kind: 'boolean' }, 'find the largest rate that meets the target'),
    field('search.lowQps', 'search from', num(), 'a rate that should meet the target', undefined, { unit: 'QPS', when: searchOn }),
    field('search.highQps', 'search to', num(), 'a rate that should miss it', undefined, { unit: 'QPS', when: searchOn }),
    field('search.relativeTolerance', 'tolerance', num(), 'stop when the bracket is this close', D.qpsRelativeTolerance, { when: searchOn }),
    field('search.maxProbes', 'max probes', int(), 'rates tried at most', D.qpsMaxProbes, { when: searchOn }),
  ],
  offline: [
    field('batchSizes', 'batch sizes', { kind: 'list', integer: true }, 'comma-separated', '1, 8, 32, 128, 512'),
    field('batchesPerSize', 'batches each', int(), 'back-to-back, each read back', 20),
  ],
  cold: [field('repetitions', 'workers', int(), 'fresh workers, one first query each', 3)],
  multistage: [
    field('requests', 'requests', int(), 'retrieval → ranking each', 100),
    field('topK', 'top K', int(), 'items retrieval hands to ranking', D.topK),
    field('qps', 'rate', num(), 'Poisson requests per second; 0 sends one at a time', 0, { unit: 'QPS' }),
  ],
  canary: [
    field('share', 'canary share', num(), 'fraction of queries to the candidate', D.canaryShare),
    field('qps', 'rate', num(), 'Poisson queries per second', undefined, { unit: 'QPS' }),
    field('queries', 'queries', int(), 'in the stream'),
    field('colocate', 'colocate', { kind: 'boolean' }, "serve the candidate in the baseline's worker when both use one backend"),
    field('control', 'control', { kind: 'boolean' }, 'without colocation: judge against a fresh baseline on an equal share'),
    field('warmupQueries', 'warm-up', int(), 'queries each model answers first', D.canaryWarmupQueries),
    field('holdoutExamples', 'hold-out', int(), 'examples for accuracy and agreement', D.holdoutExamples),
    field('repetitions', 'repetitions', int(), 'whole canaries with derived seeds', 1),
    field('expect', 'expect', { kind: 'choice', options: ['not roll back', 'promote', 'roll back', 'inconclusive'] }, 'the verdict this check guards', undefined),
    field('policy.minCanaryQueries', 'min canary queries', int(), 'fewer is inconclusive', D.minCanaryQueries),
    field('policy.latencyTolerance', 'latency tolerance', num(), 'allowed latency increase (0.1 = 10%)', D.latencyTolerance),
    field('policy.level', 'confidence', num(), 'of the shift intervals', 0.95),
    field('policy.maxAccuracyDrop', 'max accuracy drop', num(), 'hold-out accuracy the candidate may lose', D.maxAccuracyDrop),
    field('policy.minAgreement', 'min agreement', num(), "share of the baseline's decisions it must agree with", D.minAgreement),
  ],
  drift: [
    field('queries', 'queries', int(), 'per stream', 1000),
    field('streams', 'streams', int(), 'independent streams, to count detections and false alarms', 1),
    field('referenceSize', 'reference', int(), 'training-distribution examples', D.driftReferenceSize),
    field('injection.kind', 'injected shift', { kind: 'choice', options: ['none', 'mean-shift', 'variance', 'correlation', 'covariate-swap', 'label-prior', 'nan-burst', 'concept', 'unseen-category'] }, 'what changes in the stream'),
    field('injection.feature', 'feature', int(), 'index of the feature that moves (concept: whose region flips labels)', undefined, { when: injection('mean-shift', 'variance', 'nan-burst', 'concept') }),
    field('injection.above', 'above', num(), 'labels flip where the feature is above this value (inputs unchanged)', undefined, { when: injection('concept') }),
    field('injection.field', 'categorical field', int(), 'index of the field that gets a value training never saw', undefined, { when: injection('unseen-category') }),
    field('injection.rate', 'unseen share', num(), 'share of queries with the unseen value (0–1)', undefined, { when: injection('unseen-category') }),
    field('injection.factor', 'spread ×', num(), "multiplies the feature's spread", undefined, { when: injection('variance') }),
    field('injection.rho', 'correlation ρ', num(), 'between the two features; marginals unchanged', undefined, { when: injection('correlation') }),
    field('injection.rampQueries', 'ramp', int(), 'queries to reach ρ (0: sudden)', 0, { when: injection('correlation') }),
    field('injection.queries', 'NaN queries', int(), 'length of the burst of NaN values', undefined, { when: injection('nan-burst') }),
    field('injection.shiftSd', 'shift', num(), 'in training standard deviations', undefined, { unit: 'SD', when: injection('mean-shift') }),
    field('injection.features', 'features', { kind: 'list', integer: true }, 'two feature indices (swapped, or b correlated with a)', undefined, { when: injection('covariate-swap', 'correlation') }),
    field('injection.positiveRate', 'positive rate', num(), 'the new share of positive labels', undefined, { when: injection('label-prior') }),
    field('injection.atQuery', 'from query', int(), 'where the shift starts', undefined, { when: injection('mean-shift', 'variance', 'correlation', 'covariate-swap', 'label-prior', 'nan-burst', 'concept', 'unseen-category') }),
    field('detector.windowSize', 'window', int(), 'queries per KS/PSI window', D.driftWindow),
    field('detector.checkEvery', 'check every', int(), 'queries', D.driftCheckEvery),
    field('detector.familyAlpha', 'false-alarm rate', num(), 'per stream, over all checks and variables', D.driftFamilyAlpha),
    field('detector.bins', 'PSI bins', int(), 'quantile bins of the reference', D.driftBins),
    field('labelDelayQueries', 'label delay', int(), 'queries until a query\'s label arrives (DDM and ADWIN on the errors)', D.driftLabelDelay, { unit: 'queries' }),
    field('adwin.delta', 'ADWIN δ', num(), 'confidence of each window cut on the errors', D.driftAdwinDelta),
    field('adwin.clock', 'ADWIN clock', int(), 'updates between tests of the cuts', D.driftAdwinClock),
    field('adwin.bound', 'ADWIN bound', { kind: 'choice', options: ['bernstein', 'hoeffding'] }, 'the form of ε_cut', 'bernstein'),
    field('joint.windowSize', 'joint window', int(), 'queries per MMD / pair-correlation window', D.driftJointWindow),
    field('joint.centres', 'MMD centres', int(), 'reference rows the kernel compares against', D.driftJointCentres),
    field('joint.ertQueries', 'joint ERT', int(), 'queries between false alarms without drift (calibrated)', D.driftJointErt, { unit: 'queries' }),
  ],
};

/** The models each kind serves (suite fields holding job-spec fields), with their role defaults. */
export const MODEL_ROLES: Readonly<Record<ServingKind, readonly { role: string; label: string; workload?: string }[]>> = {
  'single-stream': [{ role: 'model', label: 'Model' }],
  server: [{ role: 'model', label: 'Model' }],
  offline: [{ role: 'model', label: 'Model' }],
  cold: [{ role: 'model', label: 'Model' }],
  multistage: [{ role: 'retrieval', label: 'Retrieval model', workload: 'two-tower' }, { role: 'ranking', label: 'Ranking model', workload: 'ranker' }],
  canary: [{ role: 'baseline', label: 'Baseline model' }, { role: 'candidate', label: 'Candidate model' }],
  drift: [{ role: 'model', label: 'Model' }],
};

/** The job-spec fields a serving model form offers; the suite takes any job-spec field (the JSON editor of the CLI has them all). */
const MODEL_FIELD_NAMES = ['workload', 'backend', 'width', 'steps', 'batchSize', 'servingBatchSize', 'seed', 'dataSeed', 'learningRate', 'importMode', 'timeoutMs'] as const;

/** A model's fields under its role, each empty = the serving default (shown as the placeholder). */
export function modelFields(role: string, workload?: string): ServingField[] {
  const defaults: Record<string, unknown> = { ...DEFAULTS, ...D.spec, ...(workload ? { workload } : {}) };
  return MODEL_FIELD_NAMES.flatMap((name) => {
    const info = SPEC_FIELDS.find((f) => f.name === name);
    if (!info) return [];
    const hint = name === 'steps' ? 'training steps before serving' : name === 'batchSize' ? 'training batch' : info.hint;
    return [{ ...info, name: `${role}.${name}`, hint, ...(defaults[name] === undefined ? {} : { placeholder: String(defaults[name]) }) }];
  });
}

/** Every field of a kind (common, scenario, models), in form order. */
export function fieldsOf(kind: ServingKind): ServingField[] {
  return [...COMMON_FIELDS, ...SCENARIO_FIELDS[kind], ...MODEL_ROLES[kind].flatMap((m) => modelFields(m.role, m.workload))];
}

/** Booleans whose schema default is true start checked. */
const TRUE_BY_DEFAULT = new Set(['canary:colocate', 'canary:control']);

/** The suite input the form stands for: every shown, non-empty field at its path. */
export function servingInput(draft: ServingDraft): Record<string, unknown> {
  const kind = (draft['kind'] ?? 'single-stream') as ServingKind;
  const input: Record<string, unknown> = { kind };
  for (const info of fieldsOf(kind)) {
    if (info.when && !info.when(draft)) continue;
    if (info.name === 'search') continue;
    const text = draft[info.name] ?? '';
    const value = info.field.kind === 'boolean' ? text === 'true' : parseFieldText(info.field, text);
    if (value === undefined || value === '') continue;
    setPath(input, info.name, value);
  }
  return input;
}

/** The form's text for a suite (a preset, or the suite of a run shown again). */
export function draftFromSuite(suite: Record<string, unknown>): ServingDraft {
  const kind = (typeof suite.kind === 'string' && SERVING_KINDS.some((k) => k.kind === suite.kind) ? suite.kind : 'single-stream') as ServingKind;
  const draft: Record<string, string> = { kind };
  for (const info of fieldsOf(kind)) {
    if (info.name === 'search') {
      draft.search = String(suite.search !== undefined && suite.search !== null);
      continue;
    }
    const value = getPath(suite, info.name);
    if (info.field.kind === 'boolean') draft[info.name] = String(value ?? TRUE_BY_DEFAULT.has(`${kind}:${info.name}`));
    else if (value === undefined || value === null) draft[info.name] = '';
    else if (Array.isArray(value)) draft[info.name] = value.join(', ');
    // A model shown again holds its full spec: keep the fields that differ from the default the placeholder shows.
    else draft[info.name] = info.placeholder !== undefined && String(value) === info.placeholder && isModelField(kind, info.name) ? '' : String(value);
  }
  if (kind === 'drift' && !draft['injection.kind']) draft['injection.kind'] = 'none';
  if (kind === 'canary' && !draft.expect) draft.expect = 'not roll back';
  return draft;
}

const isModelField = (kind: ServingKind, path: string): boolean => MODEL_ROLES[kind].some((m) => path.startsWith(`${m.role}.`));

function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    current = (current[key] = next !== null && typeof next === 'object' ? next : {}) as Record<string, unknown>;
  }
  current[keys.at(-1)!] = value;
}
