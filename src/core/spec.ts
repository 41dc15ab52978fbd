import { z } from 'zod';
import { BACKENDS, backendsWith } from './backends.ts';
import { DEFAULTS, LIMITS } from './defaults.ts';
import type { TextKind } from './spec-text.ts';

export { BACKENDS, FAULTS, IMPORT_MODES, INSTRUMENTATIONS, LOSSES, MODES, VISITS, WORKLOADS, type BackendName, type LossName, type Visit, type WorkloadName } from './spec-values.ts';
import { FAULTS, IMPORT_MODES, INSTRUMENTATIONS, LOSSES, MODES, VISITS, WORKLOADS } from './spec-values.ts';

type Limit = { readonly min: number; readonly max: number };

function int(limit: Limit) {
  return z.number().int().min(limit.min).max(limit.max);
}

const flagValue = z.union([z.boolean(), z.number(), z.string()]);


/** A model input's name as model.json gives it ("input_1", "serving_default_x:0"). */
const inputName = z.string().min(1).max(256);
/** Where a model or job module is: a URL (absolute, or relative to the app) or, on the CLI, a file path. */
const whereText = z.string().min(1).max(LIMITS.locationChars.max);

/** The source fields: one of them names what the job runs; with none, the default workload. */
export const SOURCE_FIELDS = ['workload', 'model', 'job'] as const;

export const jobSpecObject = z
  .object({
    /** A built-in synthetic workload; absent with `model` or `job`, else DEFAULTS.workload. */
    workload: z.enum(WORKLOADS).optional(),
    /** A TensorFlow.js model.json (LayersModel or GraphModel): URL, or a file path on the CLI. */
    model: whereText.optional(),
    /** A job module (ES module, contract 1: docs/models.md): URL, or a file path on the CLI. */
    job: whereText.optional(),
    /** Shapes for a user model's inputs the model leaves unknown, by input name (dimension 0 takes the batch size). */
    inputShapes: z.record(inputName, z.array(z.number().int().min(1).max(LIMITS.dimension.max)).min(1).max(8)).default({}),
    /** Value ranges of a user model's synthetic inputs, by input name: min ≤ value < max (integers for int inputs). */
    inputRanges: z.record(inputName, z.object({ min: z.number().finite(), max: z.number().finite() }).strict()).default({}),
    /** The loss a user LayersModel trains with; absent: the model's saved training config. */
    loss: z.enum(LOSSES).optional(),
    mode: z.enum(MODES).default(DEFAULTS.mode),
    /** Compare the first outputs with the cpu backend's on the same inputs and weights. */
    agreement: z.boolean().default(DEFAULTS.agreement),
    backend: z.enum(BACKENDS).default(DEFAULTS.backend),
    batchSize: int(LIMITS.batchSize).default(DEFAULTS.batchSize),
    steps: int(LIMITS.steps).default(DEFAULTS.steps),
    warmupSteps: int(LIMITS.warmupSteps).default(DEFAULTS.warmupSteps),
    width: int(LIMITS.width).default(DEFAULTS.width),
    /** Initial weights; the task and its batches too, unless dataSeed is given. */
    seed: int(LIMITS.seed).default(DEFAULTS.seed),
    /** The synthetic task and its data (batches, labels, serving inputs); absent = seed. Models compared on one task share it. */
    dataSeed: int(LIMITS.seed).optional(),
    learningRate: z.number().min(LIMITS.learningRate.min).max(LIMITS.learningRate.max).default(DEFAULTS.learningRate),
    servingQueries: int(LIMITS.servingQueries).default(DEFAULTS.servingQueries),
    servingBatchSize: int(LIMITS.servingBatchSize).default(DEFAULTS.servingBatchSize),
    syncEvery: int(LIMITS.syncEvery).default(DEFAULTS.syncEvery),
    profileSteps: int(LIMITS.profileSteps).default(DEFAULTS.profileSteps),
    timeoutMs: int(LIMITS.timeoutMs).default(DEFAULTS.timeoutMs),
    importMode: z.enum(IMPORT_MODES).default(DEFAULTS.importMode),
    flags: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), flagValue).default({}),
    fault: z.enum(FAULTS).default(DEFAULTS.fault),
    prewarm: z.boolean().default(DEFAULTS.prewarm),
    precompile: z.boolean().default(DEFAULTS.precompile),
    warmPipelineCache: z.boolean().default(DEFAULTS.warmPipelineCache),
    overlapData: z.boolean().default(DEFAULTS.overlapData),
    anatomySteps: int(LIMITS.anatomySteps).default(DEFAULTS.anatomySteps),
    visit: z.enum(VISITS).default(DEFAULTS.visit),
    instrumentation: z.enum(INSTRUMENTATIONS).default(DEFAULTS.instrumentation),
    efficiency: z.boolean().default(DEFAULTS.efficiency),
  })
  .strict();

/** The job spec; `workload` takes its default only when neither `model` nor `job` is given. */
export const jobSpecSchema = jobSpecObject
  .superRefine((spec, ctx) => {
    const given = SOURCE_FIELDS.filter((field) => spec[field] !== undefined);
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', path: [given[1] ?? 'model'], message: `give one of ${given.join(' and ')}, not both: each names what the job runs` });
    }
    const userModel = spec.model !== undefined || spec.job !== undefined;
    for (const field of ['precompile', 'warmPipelineCache', 'overlapData'] as const) {
      if (spec[field] && userModel) ctx.addIssue({ code: 'custom', path: [field], message: 'works with built-in workloads only (not with model or job)' });
    }
    if (!userModel) {
      for (const field of ['inputShapes', 'inputRanges'] as const) {
        if (Object.keys(spec[field]).length > 0) ctx.addIssue({ code: 'custom', path: [field], message: 'applies to a model or job, not to a built-in workload' });
      }
      if (spec.loss !== undefined) ctx.addIssue({ code: 'custom', path: ['loss'], message: 'applies to a model (a built-in workload has its own loss)' });
    }
    for (const [name, range] of Object.entries(spec.inputRanges)) {
      if (!(range.max > range.min)) ctx.addIssue({ code: 'custom', path: ['inputRanges', name], message: `needs min < max (got ${range.min}..${range.max})` });
    }
    const withDevice = backendsWith((b) => b.gpuDevice);
    if (spec.fault === 'device-lost' && !withDevice.includes(spec.backend)) {
      ctx.addIssue({ code: 'custom', path: ['fault'], message: `device-lost needs backend ${withDevice.map((b) => JSON.stringify(b)).join(' or ')}` });
    }
    if (spec.steps % spec.syncEvery !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['syncEvery'],
        message: `must divide steps (${spec.steps}) so every window has the same number of steps`,
      });
    }
    if (spec.warmPipelineCache && !spec.prewarm) {
      ctx.addIssue({ code: 'custom', path: ['warmPipelineCache'], message: 'needs prewarm: true (the pipelines are compiled by the pool\'s worker before submission)' });
    }
  })
  .transform((spec) => (spec.model === undefined && spec.job === undefined && spec.workload === undefined ? { ...spec, workload: DEFAULTS.workload } : spec));

export type JobSpec = z.output<typeof jobSpecSchema>;

/**
 * A partial job spec: every field optional and without its default, so overrides can be merged
 * (a comparison variant over its suite's base; a serving model over the serving defaults) and
 * unset fields take their defaults only after merging. Strict: a typo names its field.
 */
const specFieldsWithoutDefaults = Object.fromEntries(
  Object.entries(jobSpecObject.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.removeDefault() : field).optional()]),
);
export const specOverridesSchema = z
  .object(specFieldsWithoutDefaults)
  .strict()
  .describe('Job-spec fields (see the job spec table in README.md); the rest take their defaults.');
export type JobSpecInput = z.input<typeof jobSpecSchema>;

/**
 * How a spec field's text is read (`valueOfText`, src/core/spec-text.ts), from its schema type: a
 * number field reads "64" and ".5" as numbers, a boolean field "true", every other field keeps its
 * text. The CLI reads its job flags by it; the form's controls say the same (a unit test checks).
 */
export function textKindOf(field: keyof typeof jobSpecObject.shape): TextKind {
  let type: z.ZodType = jobSpecObject.shape[field];
  while (type instanceof z.ZodDefault || type instanceof z.ZodOptional) type = type.unwrap() as z.ZodType;
  if (type instanceof z.ZodNumber) return 'number';
  if (type instanceof z.ZodBoolean) return 'boolean';
  if (type instanceof z.ZodString || type instanceof z.ZodEnum) return 'text';
  return 'any';
}

/** A bad input, with every problem named by its field. */
export class SpecError extends Error {
  readonly issues: readonly string[];
  constructor(what: string, issues: readonly string[]) {
    super(`invalid ${what}: ${issues.join('; ')}`);
    this.name = 'SpecError';
    this.issues = issues;
  }
}

/**
 * Parses untrusted input at a boundary: the typed value, or a SpecError that names `what` and every
 * bad field (with its allowed range where `ranges` has one). The one parse-or-explain of the code base.
 */
export function parseWith<T>(schema: z.ZodType<T>, what: string, input: unknown, ranges: Readonly<Record<string, Limit>> = {}): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new SpecError(what, describeIssues(parsed.error, input, ranges));
  return parsed.data;
}

/** One sentence per zod issue, naming the field, the value and the allowed range or set. */
export function describeIssues(
  error: z.ZodError,
  input: unknown,
  ranges: Readonly<Record<string, Limit>> = {},
): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const value = valueAt(input, issue.path);
    const range = ranges[field];
    const allowed = range ? `, allowed ${range.min}…${range.max}` : '';
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)}${allowed})`;
    switch (issue.code) {
      case 'too_small':
        return `${field} must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}${shown}`;
      case 'too_big':
        return `${field} must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}${shown}`;
      case 'invalid_value':
        return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${shown}`;
      case 'unrecognized_keys':
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${field === '(root)' ? '' : ` in ${field}`}`;
      case 'invalid_type':
        return `${field} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}${shown}`;
      case 'invalid_key':
        return `${field}: ${JSON.stringify(issue.path.at(-1))} is not a valid key${shown}`;
      default:
        return `${field} ${issue.message.replace(/^Invalid input: /, '')}${shown}`;
    }
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Parses a job spec from untrusted input; missing fields take DEFAULTS. Throws SpecError. */
export function parseJobSpec(input: unknown): JobSpec {
  return parseWith(jobSpecSchema, 'job spec', input ?? {}, LIMITS);
}

/** The fields of a spec that differ from the defaults, for compact labels and links. */
export function specDelta(spec: JobSpec): Partial<JobSpec> {
  const defaults = parseJobSpec({});
  const delta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (JSON.stringify(value) !== JSON.stringify(defaults[key as keyof JobSpec])) delta[key] = value;
  }
  return delta as Partial<JobSpec>;
}
