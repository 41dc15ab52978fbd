import { LIMITS } from '../core/defaults.ts';
import { describeIssues, jobSpecObject, jobSpecSchema, type JobSpec } from '../core/spec.ts';
import { SPEC_FIELDS, type FieldInfo, type FieldKind } from './spec-fields.ts';

/**
 * The job-spec schema for the form: loaded on the first edit (it brings zod), so the first
 * screen does not wait for it. Validation is the schema's, the same as the CLI's.
 */

/** Validates a spec input with the schema; problems are grouped by field (root problems under ''). */
export function validateSpec(input: Record<string, unknown>): { spec: JobSpec | null; problems: Map<string, string[]> } {
  const parsed = jobSpecSchema.safeParse(input);
  const problems = new Map<string, string[]>();
  if (parsed.success) return { spec: parsed.data, problems };
  const messages = describeIssues(parsed.error, input, LIMITS);
  parsed.error.issues.forEach((issue, i) => {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    problems.set(field, [...(problems.get(field) ?? []), messages[i] ?? issue.message]);
  });
  return { spec: null, problems };
}

/**
 * The form's fields and any field the schema gained since, with a control inferred from its
 * default, so the form never silently lacks a field the CLI accepts.
 */
export function schemaFields(): readonly FieldInfo[] {
  const defaults: Record<string, unknown> = jobSpecSchema.parse({});
  const known = new Set(SPEC_FIELDS.map((f) => f.name));
  const extra = Object.keys(jobSpecObject.shape)
    .filter((name) => !known.has(name))
    .map((name): FieldInfo => {
      const value = defaults[name];
      const field: FieldKind = typeof value === 'boolean' ? { kind: 'boolean' } : typeof value === 'number' ? { kind: 'number', integer: false, min: -Infinity, max: Infinity } : { kind: 'text' };
      return { name, label: name, group: 'Runtime', field, hint: '' };
    });
  return [...SPEC_FIELDS.filter((f) => f.name in jobSpecObject.shape), ...extra];
}
