import { expandCombinations } from '../core/combinations.ts';
import { DEFAULTS, ROUNDS_DEFAULTS } from '../core/defaults.ts';
import { parseThreshold } from '../core/compare/threshold.ts';
import { messageOf } from '../core/errors.ts';
import { jobLabel } from '../core/job-label.ts';
import { sourceLabel } from '../core/source.ts';
import type { Run } from '../core/share/run.ts';
import type { JobSpec } from '../core/spec.ts';
import type { RunPlan } from './controllers/run-controller.ts';
import { fieldValue, specInput, type FieldInfo, type SpecDraft } from './spec-fields.ts';
import type { SpecSchemaModule } from './spec-schema.ts';

/** A knob of the comparison: a spec field and the comma-separated values it takes. */
export interface Knob {
  field: string;
  values: string;
}

export interface DraftVariant {
  readonly name: string;
  /** The input the schema parses. */
  readonly input: Record<string, unknown>;
  /** The parsed spec; null while invalid or before the schema has loaded. */
  readonly spec: JobSpec | null;
  readonly problems: readonly string[];
}

export interface PlanSettings {
  readonly draft: SpecDraft;
  readonly fields: readonly FieldInfo[];
  readonly knobs: readonly Knob[];
  /** Variants from a preset or an opened run (overrides on the base), instead of the knobs. */
  readonly presetVariants: readonly { name: string; overrides: Record<string, unknown> }[] | null;
  readonly repetitions: string;
  readonly threshold: string;
  readonly title: string;
  /** Auto-sampling budget in minutes as typed; null runs a fixed number of repetitions. */
  readonly budgetMinutes: string | null;
  /** Job-module URLs the user confirmed may run in this page (a job module is code). */
  readonly confirmedJobs: ReadonlySet<string>;
}

/** The job-module URLs among the variants that the user has not confirmed yet. */
function unconfirmedJobs(settings: PlanSettings, variants: readonly DraftVariant[]): string[] {
  const jobs = variants.flatMap((v) => (typeof v.input.job === 'string' ? [v.input.job] : []));
  return [...new Set(jobs)].filter((job) => !settings.confirmedJobs.has(job));
}

const MAX_REPETITIONS = 50;
export const MAX_VARIANTS = 16;
/** Longest auto-sampling budget the form takes, as a suite does. */
const MAX_BUDGET_MINUTES = ROUNDS_DEFAULTS.maxBudgetSeconds / 60;

/** Every combination of the knobs (or the preset's variants), named by what tells them apart; validated when the schema is there. */
export function draftVariants(settings: PlanSettings, schema: SpecSchemaModule | null): DraftVariant[] {
  const baseInput = specInput(settings.draft, settings.fields);
  const validate = (name: string, input: Record<string, unknown>): DraftVariant => {
    if (!schema) return { name, input, spec: null, problems: [] };
    const { spec, problems } = schema.validateSpec(input);
    return { name, input, spec, problems: [...problems.values()].flat() };
  };
  if (settings.presetVariants) return settings.presetVariants.map(({ name, overrides }) => validate(name, { ...baseInput, ...overrides }));
  // A knob left empty varies nothing (it does not empty the plan).
  const axes = settings.knobs
    .map((knob) => [knob.field, knob.values.split(',').map((v) => v.trim()).filter((v) => v !== '')] as const)
    .filter(([, values]) => values.length > 0);
  const drafts = expandCombinations(axes).map((combo) => {
    const input = { ...baseInput };
    for (const [field, text] of Object.entries(combo)) input[field] = fieldValue(field, text, settings.fields);
    return validate('', input);
  });
  const labelled = drafts.map((d) => (d.spec ?? d.input) as JobSpec);
  return drafts.map((d, i) => ({ ...d, name: jobLabel(labelled[i]!, labelled) }));
}

/** The plan, or the problems that stop it; `plan` is null too while the schema has not loaded (the variants are not parsed yet). */
export function planOf(settings: PlanSettings, variants: readonly DraftVariant[]): { plan: RunPlan | null; problems: string[] } {
  const problems: string[] = [];
  const repetitions = Number(settings.repetitions);
  if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > MAX_REPETITIONS) problems.push(`repetitions must be an integer 1…${MAX_REPETITIONS} (got ${JSON.stringify(settings.repetitions)})`);
  try {
    parseThreshold(settings.threshold);
  } catch (error) {
    problems.push(messageOf(error));
  }
  let budgetSeconds: number | undefined;
  if (settings.budgetMinutes !== null) {
    const minutes = Number(settings.budgetMinutes);
    if (!(minutes > 0) || minutes > MAX_BUDGET_MINUTES) problems.push(`the auto-sampling budget must be a number of minutes above 0 and at most ${MAX_BUDGET_MINUTES} (got ${JSON.stringify(settings.budgetMinutes)})`);
    else budgetSeconds = Math.round(minutes * 60);
    if (variants.length < 2) problems.push('auto-sampling needs at least two variants: it adds rounds until every difference is resolved');
  }
  const unconfirmed = unconfirmedJobs(settings, variants);
  if (unconfirmed.length > 0) problems.push(`a job module is code: confirm below that ${unconfirmed.join(', ')} may run in this page`);
  const names = new Set(variants.map((v) => v.name));
  if (names.size !== variants.length) problems.push('two variants are the same: give each knob distinct values');
  if (variants.length > MAX_VARIANTS) problems.push(`${variants.length} variants is too many for one comparison (at most ${MAX_VARIANTS})`);
  const specs = variants.map((v) => v.spec);
  if (problems.length > 0 || specs.some((s) => s === null)) return { plan: null, problems };
  const title = settings.title.trim() || autoTitle(variants);
  const plan: RunPlan = {
    title,
    threshold: settings.threshold.trim(),
    repetitions,
    variants: variants.map((v, i) => ({ name: v.name, spec: specs[i]! })),
    ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
  };
  return { plan, problems };
}

export function autoTitle(variants: readonly DraftVariant[]): string {
  const first = variants[0]?.input ?? {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const model = text(first.model);
  const job = text(first.job);
  const workload = model !== undefined || job !== undefined ? sourceLabel({ workload: undefined, model, job }) : (text(first.workload) ?? DEFAULTS.workload);
  return variants.length > 1 ? `${workload}: ${variants.map((v) => v.name).join(' vs ')}` : (variants[0]?.name ?? workload);
}

/** The plan of a run shown again ("Run this again here"): its variants, repetitions, threshold, and its auto-sampling budget. */
export function planOfRun(run: Run): RunPlan {
  const budgetSeconds = run.sampling?.budgetSeconds;
  return {
    title: run.title,
    threshold: run.threshold,
    repetitions: budgetSeconds != null ? Math.min(run.repetitions, ROUNDS_DEFAULTS.minAutoSamplingRounds) : run.repetitions,
    variants: run.variants,
    ...(budgetSeconds != null ? { budgetSeconds } : {}),
  };
}
