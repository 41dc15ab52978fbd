/**
 * The job-spec schema module for the form (zod and the spec, spec-validate.ts), loaded once on the
 * first edit so the first screen does not carry it. A leaf of its own, so the field list
 * (spec-fields.ts) and the schema module import each other in one direction only.
 */
export type SpecSchemaModule = typeof import('./spec-validate.ts');

let loading: Promise<SpecSchemaModule> | undefined;

/** The schema module, loaded once, on demand. */
export function loadSpecSchema(): Promise<SpecSchemaModule> {
  loading ??= import('./spec-validate.ts');
  return loading;
}
