/**
 * What a suite kind that runs jobs is (comparison, lab, calibration): one object with its schema,
 * the checks its schema cannot make, the run options that mean something for it, its run and the
 * reader of the file it saves. Each kind's is in ./kinds/<kind>.ts; SUITE_KINDS in
 * src/core/suite.ts lists them, and parseSuite, runSuite, applicableOptions and
 * outcomeOfSavedFile dispatch through that list.
 */
import type { z } from 'zod';
import type { MetricId, SuiteResultFile, Threshold } from '../compare/index.ts';
import type { RunnerContext, RunOverrides, SuiteOutcome } from './context.ts';
import type { RunOption } from './options.ts';

/** A strict object schema whose `kind` literal names the suite kind. */
export type JobKindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> }, z.core.$ZodObjectConfig>;

/** What outcomeOfSavedFile has read of the runner's results file before the kind's reader takes it. */
export interface SavedResults<S> {
  readonly file: SuiteResultFile;
  /** The suite that ran, when the file holds one of this kind (files written before it was recorded hold none). */
  readonly definition: S | undefined;
  /** --threshold, else the file's, else the default. */
  readonly threshold: Threshold;
  readonly thresholdText: string;
  readonly metrics: readonly MetricId[];
  /** Level of the intervals: the file's sampling level, else the default. */
  readonly level: number;
}

/** How a kind's saved results file is read back (the CLI's --from). */
export type SavedReader<S, K extends string> =
  /** The runner's results file (comparison, lab), its `suite.kind` naming the kind; `earlier` reads files of earlier versions as one. */
  | { readonly file: 'results'; read(saved: SavedResults<S>): SuiteOutcome<K>; earlier?(input: unknown): SuiteResultFile | null }
  /** A file of the kind's own, `kind` at its top (calibration). */
  | { readonly file: 'own'; read(input: unknown): SuiteOutcome<K> };

export interface JobKindDescriptor<S extends JobKindSchema = JobKindSchema> {
  /** The suite kind, read off the schema's `kind` literal. */
  readonly kind: S['shape']['kind']['value'];
  readonly schema: S;
  /** What the schema cannot check (a merged spec that breaks a rule of the job spec): SpecError naming the field. */
  resolve(suite: z.output<S>): void;
  /** The run options that mean something for the kind, run now or re-rendered from a saved file; any other is a usage error. */
  readonly options: { readonly run: readonly RunOption[]; readonly saved: readonly RunOption[] };
  /** Whether the kind fans out over several browsers at once (context.devices). */
  readonly fansOut: boolean;
  run(suite: z.output<S>, context: RunnerContext, overrides: RunOverrides): Promise<SuiteOutcome<S['shape']['kind']['value']>>;
  readonly saved: SavedReader<z.output<S>, S['shape']['kind']['value']>;
}

type KindOf<S extends JobKindSchema> = S['shape']['kind']['value'];

/** A kind from its parts; its kind is its schema's, and its reader keeps its own type (which file it reads). */
export function defineJobKind<S extends JobKindSchema, R extends SavedReader<z.output<S>, KindOf<S>>>(
  parts: Omit<JobKindDescriptor<S>, 'kind' | 'saved'> & { readonly saved: R },
): JobKindDescriptor<S> & { readonly saved: R } {
  return { kind: parts.schema.shape.kind.value, ...parts };
}
