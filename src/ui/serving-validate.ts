import { describeIssues } from '../core/spec.ts';
import { SERVING_FIELD_RANGES, servingSuiteSchema, type ServingSuite } from '../core/serving/index.ts';

/**
 * The serving suite schema for the form (it brings zod, so it loads on the Serving view's first
 * edit): the suite, or its problems by field path ('' for the suite as a whole), in the CLI's words.
 */
export function validateServing(input: Record<string, unknown>): { suite: ServingSuite | null; problems: Map<string, string[]> } {
  const parsed = servingSuiteSchema.safeParse(input);
  const problems = new Map<string, string[]>();
  if (parsed.success) return { suite: parsed.data, problems };
  const messages = describeIssues(parsed.error, input, SERVING_FIELD_RANGES);
  parsed.error.issues.forEach((issue, i) => {
    const path = issue.path.filter((key) => typeof key === 'string' || typeof key === 'number').join('.');
    // A tuple's element (injection.features.1) belongs to its field.
    const field = path.replace(/\.\d+$/, '');
    problems.set(field, [...(problems.get(field) ?? []), messages[i] ?? issue.message]);
  });
  return { suite: null, problems };
}
