/**
 * The job-spec fields as the form shows them, without the schema (zod), so the first screen
 * renders before it loads; parsing and validation are the spec schema's, the same as the CLI's
 * (spec-validate.ts, loaded on the first edit).
 */
import { DEFAULTS, LIMITS } from '../core/defaults.ts';
import type { FieldKind } from '../core/field-kind.ts';
import type { JobSpec } from '../core/spec.ts';
import { parseRangeText, parseShapeText, splitAssignment } from '../core/models/text.ts';
import { valueOfText } from '../core/spec-text.ts';
import { BACKENDS, FAULTS, IMPORT_MODES, INSTRUMENTATIONS, LOSSES, MODES, VISITS, WORKLOADS } from '../core/spec-values.ts';

export type { FieldKind };

export interface FieldInfo {
  readonly name: string;
  readonly label: string;
  readonly unit?: string;
  readonly group: (typeof FIELD_GROUPS)[number];
  readonly field: FieldKind;
  readonly hint: string;
}

export const FIELD_GROUPS = ['Job', 'Your model', 'Measurement', 'Start-up', 'Runtime'] as const;

const int = (limit: { min: number; max: number }): FieldKind => ({ kind: 'number', integer: true, ...limit });

const KNOWN_FIELDS: readonly FieldInfo[] = [
  { name: 'workload', label: 'workload', group: 'Job', field: { kind: 'choice', options: WORKLOADS, emptyLabel: '— your model or job module' }, hint: 'synthetic task, deterministic from the seed' },
  { name: 'backend', label: 'backend', group: 'Job', field: { kind: 'choice', options: BACKENDS }, hint: 'tfjs backend' },
  { name: 'width', label: 'width', group: 'Job', field: int(LIMITS.width), hint: 'main hidden width (size knob)' },
  { name: 'batchSize', label: 'batch size', group: 'Job', field: int(LIMITS.batchSize), hint: 'training batch' },
  { name: 'learningRate', label: 'learning rate', group: 'Job', field: { kind: 'number', integer: false, ...LIMITS.learningRate }, hint: 'Adam' },
  { name: 'seed', label: 'seed', group: 'Job', field: int(LIMITS.seed), hint: 'initial weights (and the task, unless a data seed is set)' },
  { name: 'dataSeed', label: 'data seed', group: 'Job', field: int(LIMITS.seed), hint: 'the task and its batches; empty = seed' },
  { name: 'model', label: 'model', group: 'Your model', field: { kind: 'text' }, hint: 'a model.json URL, or pick its files below (nothing is uploaded)' },
  { name: 'job', label: 'job module', group: 'Your model', field: { kind: 'text' }, hint: 'an ES module URL (contract 1): code, it runs only once you confirm' },
  { name: 'mode', label: 'mode', group: 'Your model', field: { kind: 'choice', options: MODES }, hint: 'auto: a GraphModel serves, the rest train' },
  { name: 'loss', label: 'loss', group: 'Your model', field: { kind: 'choice', options: LOSSES, emptyLabel: 'from model.json' }, hint: 'when model.json has no training config' },
  { name: 'inputShapes', label: 'input shapes', group: 'Your model', field: { kind: 'assignments', value: 'shape' }, hint: 'NAME=1x224x224x3 for unknown dimensions' },
  { name: 'inputRanges', label: 'input ranges', group: 'Your model', field: { kind: 'assignments', value: 'range' }, hint: 'NAME=0..30000 (max exclusive)' },
  { name: 'agreement', label: 'agreement', group: 'Your model', field: { kind: 'boolean' }, hint: 'compare the first outputs with cpu' },
  { name: 'steps', label: 'steps', group: 'Measurement', field: int(LIMITS.steps), hint: 'measured steps after warm-up' },
  { name: 'warmupSteps', label: 'warm-up steps', group: 'Measurement', field: int(LIMITS.warmupSteps), hint: 'run and discarded after the first' },
  { name: 'syncEvery', label: 'sync every', unit: 'steps', group: 'Measurement', field: int(LIMITS.syncEvery), hint: '1 = per-step latency; N = throughput windows' },
  { name: 'profileSteps', label: 'profile steps', group: 'Measurement', field: int(LIMITS.profileSteps), hint: 'extra steps under tf.time() for kernel time' },
  { name: 'servingQueries', label: 'serving queries', group: 'Measurement', field: int(LIMITS.servingQueries), hint: 'SingleStream queries after the cold one' },
  { name: 'servingBatchSize', label: 'serving batch', group: 'Measurement', field: int(LIMITS.servingBatchSize), hint: 'batch per query' },
  { name: 'anatomySteps', label: 'anatomy steps', group: 'Measurement', field: int(LIMITS.anatomySteps), hint: 'steps split into dispatch and read-back (slow on software)' },
  { name: 'efficiency', label: 'efficiency', group: 'Measurement', field: { kind: 'boolean' }, hint: "count each step's FLOPs and bytes against the device's measured peak (roofline)" },
  { name: 'prewarm', label: 'prewarm', group: 'Start-up', field: { kind: 'boolean' }, hint: 'a pooled worker already imported tfjs and started the backend' },
  { name: 'precompile', label: 'precompile', group: 'Start-up', field: { kind: 'boolean' }, hint: 'compile pipelines in parallel before the first step' },
  { name: 'warmPipelineCache', label: 'warm pipeline cache', group: 'Start-up', field: { kind: 'boolean' }, hint: 'needs prewarm: the pooled worker already ran these shapes' },
  { name: 'overlapData', label: 'overlap data', group: 'Start-up', field: { kind: 'boolean' }, hint: 'a helper worker makes the first batch while tfjs loads' },
  { name: 'visit', label: 'visit', group: 'Start-up', field: { kind: 'choice', options: VISITS }, hint: 'first / return visit restart the browser: CLI only' },
  { name: 'importMode', label: 'import', group: 'Runtime', field: { kind: 'choice', options: IMPORT_MODES }, hint: 'whole tfjs bundle, or core + backend' },
  { name: 'timeoutMs', label: 'time limit', unit: 'ms', group: 'Runtime', field: int(LIMITS.timeoutMs), hint: "the job's time limit" },
  { name: 'instrumentation', label: 'instrumentation', group: 'Runtime', field: { kind: 'choice', options: INSTRUMENTATIONS }, hint: "bare: a plain tfjs loop, the yardstick for the engine's overhead" },
  { name: 'fault', label: 'fault', group: 'Runtime', field: { kind: 'choice', options: FAULTS }, hint: 'a deliberate failure, to test reporting' },
  { name: 'flags', label: 'tfjs flags', group: 'Runtime', field: { kind: 'flags' }, hint: 'NAME=VALUE, one per line, set before the backend starts' },
];

/** The form's fields; fields the schema has and this list lacks are added once the schema loads (spec-validate.ts). */
export const SPEC_FIELDS: readonly FieldInfo[] = KNOWN_FIELDS;

/** The spec's defaults without the schema: DEFAULTS plus the fields whose default is in the schema only (a unit test checks they agree). */
export const SPEC_DEFAULTS: Readonly<Record<string, unknown>> = { ...DEFAULTS, flags: {}, inputShapes: {}, inputRanges: {} };

/** The form's text for every field, from a spec. */
export type SpecDraft = Record<string, string>;

export function draftFromSpec(spec: Partial<JobSpec>, fields: readonly FieldInfo[] = SPEC_FIELDS): SpecDraft {
  const full: Record<string, unknown> = { ...SPEC_DEFAULTS, ...spec };
  const draft: SpecDraft = {};
  for (const { name } of fields) {
    const value = full[name];
    // An optional field without a value (dataSeed) shows as empty, and empty text leaves it out again.
    draft[name] =
      name === 'flags' ? Object.entries((full.flags ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join('\n')
        : name === 'inputShapes' ? Object.entries((full.inputShapes ?? {}) as JobSpec['inputShapes']).map(([k, v]) => `${k}=${v.join('x')}`).join('\n')
          : name === 'inputRanges' ? Object.entries((full.inputRanges ?? {}) as JobSpec['inputRanges']).map(([k, v]) => `${k}=${v.min}..${v.max}`).join('\n')
            : value === undefined ? '' : String(value);
  }
  return draft;
}

/** Text → a value for the spec schema: numbers stay numbers only when they look like numbers, so the schema names the bad text. */
export function fieldValue(name: string, text: string, fields: readonly FieldInfo[] = SPEC_FIELDS): unknown {
  const info = fields.find((f) => f.name === name);
  return info ? parseFieldText(info.field, text) : valueOfText(text, 'text');
}

/** Text of a control → the value its schema parses (empty number = absent, so the default applies); the values read as the CLI reads them (valueOfText). */
export function parseFieldText(field: FieldKind, text: string): unknown {
  const trimmed = text.trim();
  switch (field.kind) {
    case 'choice':
      return trimmed === '' && field.emptyLabel !== undefined ? undefined : valueOfText(trimmed, 'text');
    case 'text':
      return trimmed === '' ? undefined : valueOfText(trimmed, 'text');
    case 'assignments':
      return parseAssignments(trimmed, field.value);
    case 'boolean':
      return valueOfText(trimmed, 'boolean');
    case 'number':
      return trimmed === '' ? undefined : valueOfText(trimmed, 'number');
    case 'flags':
      return parseFlags(trimmed);
    case 'list':
      return trimmed === '' ? undefined : trimmed.split(/[\s,]+/).filter((t) => t !== '').map((t) => valueOfText(t, 'number'));
  }
}

/** "x=1x224x224x3" lines → { x: [1, 224, 224, 3] }; a line that does not parse stays text, so the schema names it. */
function parseAssignments(text: string, value: 'shape' | 'range'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const pair = splitAssignment(line);
    if (!pair) {
      out[line.trim()] = line.trim();
      continue;
    }
    out[pair[0]] = (value === 'shape' ? parseShapeText(pair[1]) : parseRangeText(pair[1])) ?? pair[1];
  }
  return out;
}

function parseFlags(text: string): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const line of text.split(/[\n,]/)) {
    const entry = line.trim();
    if (entry === '') continue;
    const [name = '', ...rest] = entry.split('=');
    flags[name.trim()] = valueOfText(rest.join('='), 'any');
  }
  return flags;
}

export function specInput(draft: SpecDraft, fields: readonly FieldInfo[] = SPEC_FIELDS): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const { name } of fields) {
    const value = fieldValue(name, draft[name] ?? '', fields);
    if (value !== undefined) input[name] = value;
  }
  return input;
}
