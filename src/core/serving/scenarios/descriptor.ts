/**
 * What a serving scenario is: one object with its suite and report schemas, its driver, its
 * Markdown, its failure check and its form. Each file of this folder exports one; index.ts lists
 * them and derives the schemas, the kinds and the dispatch from that list.
 */
import type { z } from 'zod';
import type { ServingHost, ServingProgress } from '../host.ts';
import type { ScenarioForm } from './form.ts';

/** A strict object schema whose `kind` literal names the scenario (its suite's, or its report's). */
export type KindSchema<K extends string = string> = z.ZodObject<{ kind: z.ZodLiteral<K> }, z.core.$ZodObjectConfig>;

export interface ScenarioDescriptor<S extends KindSchema = KindSchema, R extends KindSchema = KindSchema> {
  /** The suite kind, read off the suite schema's `kind` literal. */
  readonly kind: S['shape']['kind']['value'];
  readonly suiteSchema: S;
  /** The report the driver returns; the CLI parses what the page sends back with it. */
  readonly reportSchema: R;
  /** Drives the scenario on the injected host (a page's workers, or a fake clock in tests). */
  run(suite: z.output<S>, host: ServingHost, progress: ServingProgress): Promise<z.output<R>>;
  /** The report in Markdown: one sentence per finding, then tables. */
  format(report: z.output<R>): string;
  /** CI outcome: did the report find what the suite guards against? (non-null = exit 1, with the reason) */
  failure(report: z.output<R>): string | null;
  readonly form: ScenarioForm;
}

/** A scenario from its parts; its kind is its suite schema's, and its report schema must carry the same. */
export function defineScenario<S extends KindSchema, R extends KindSchema<S['shape']['kind']['value']>>(
  parts: Omit<ScenarioDescriptor<S, R>, 'kind'>,
): ScenarioDescriptor<S, R> {
  return { kind: parts.suiteSchema.shape.kind.value, ...parts };
}
