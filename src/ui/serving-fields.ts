/**
 * The serving scenarios as forms: each kind's fields, models and presets are its descriptor's
 * (src/core/serving/scenarios/<kind>.form.ts); here they become the form's text and back. No
 * schema here: validation is the suite schema's (serving-validate.ts), the same as the CLI's, so
 * a bad field reads exactly as `npm run bench` would say it. Placeholders show each field's default.
 */
import { DEFAULTS, SERVING_DEFAULTS as D } from '../core/defaults.ts';
import { COMMON_SCENARIO_FIELDS, SCENARIOS, scenarioForm, type ModelRole, type ScenarioField, type ServingSuiteKind } from '../core/serving/index.ts';
import { parseFieldText, SPEC_FIELDS } from './spec-fields.ts';

export type ServingKind = ServingSuiteKind;

/** The kind a new form shows. */
export const DEFAULT_SERVING_KIND: ServingKind = 'single-stream';

/** The kinds as the form offers them: the default first, then the others in their registry's order. */
export const SERVING_KINDS: readonly { readonly kind: ServingKind; readonly label: string; readonly about: string }[] = [...SCENARIOS]
  .sort((a, b) => Number(b.kind === DEFAULT_SERVING_KIND) - Number(a.kind === DEFAULT_SERVING_KIND))
  .map(({ kind, form }) => ({ kind, label: form.label, about: form.about }));

/** A field of a serving form (a scenario's, a common one, or a model's under its role). */
export type ServingField = ScenarioField;

/** The form's text for every field, by path ("kind" too); model fields under their role ("baseline.width"). */
export type ServingDraft = Readonly<Record<string, string>>;

/** Fields every serving suite has. */
export const COMMON_FIELDS: readonly ServingField[] = COMMON_SCENARIO_FIELDS;

/** Each kind's own fields. */
export const SCENARIO_FIELDS: Readonly<Record<ServingKind, readonly ServingField[]>> = byKind((kind) => scenarioForm(kind).fields);

/** The models each kind serves (suite fields holding job-spec fields), with their role defaults. */
export const MODEL_ROLES: Readonly<Record<ServingKind, readonly ModelRole[]>> = byKind((kind) => scenarioForm(kind).models);

function byKind<T>(value: (kind: ServingKind) => T): Record<ServingKind, T> {
  return Object.fromEntries(SCENARIOS.map(({ kind }) => [kind, value(kind)])) as Record<ServingKind, T>;
}

/** Whether a field shows (and is sent) for the form's current text. */
export function isShown(info: ServingField, draft: ServingDraft): boolean {
  return info.shownWhen === undefined || info.shownWhen.oneOf.includes(draft[info.shownWhen.field] ?? '');
}

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

/** The suite input the form stands for: every shown, non-empty field at its path. */
export function servingInput(draft: ServingDraft): Record<string, unknown> {
  const kind = (draft['kind'] ?? DEFAULT_SERVING_KIND) as ServingKind;
  const input: Record<string, unknown> = { kind };
  for (const info of fieldsOf(kind)) {
    if (!isShown(info, draft) || info.section) continue;
    const text = draft[info.name] ?? '';
    const value = info.field.kind === 'boolean' ? text === 'true' : parseFieldText(info.field, text);
    if (value === undefined || value === '') continue;
    setPath(input, info.name, value);
  }
  return input;
}

/** The form's text for a suite (a preset, or the suite of a run shown again). */
export function draftFromSuite(suite: Record<string, unknown>): ServingDraft {
  const kind = (typeof suite.kind === 'string' && SERVING_KINDS.some((k) => k.kind === suite.kind) ? suite.kind : DEFAULT_SERVING_KIND) as ServingKind;
  const draft: Record<string, string> = { kind };
  for (const info of fieldsOf(kind)) {
    const value = getPath(suite, info.name);
    if (info.section) draft[info.name] = String(value !== undefined && value !== null);
    else if (info.field.kind === 'boolean') draft[info.name] = String(value ?? info.initial === 'true');
    else if (value === undefined || value === null) draft[info.name] = '';
    else if (Array.isArray(value)) draft[info.name] = value.join(', ');
    // A model shown again holds its full spec: keep the fields that differ from the default the placeholder shows.
    else draft[info.name] = info.placeholder !== undefined && String(value) === info.placeholder && isModelField(kind, info.name) ? '' : String(value);
    if (info.field.kind !== 'boolean' && draft[info.name] === '' && info.initial !== undefined) draft[info.name] = info.initial;
  }
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
