import { sourceLabel } from './source.ts';
import type { JobSpec } from './spec.ts';

const SOURCE_KEYS: readonly (keyof JobSpec)[] = ['workload', 'model', 'job'];

/** A short label for a job: the knobs that tell it apart from the others in the table. */
export function jobLabel(spec: JobSpec, others: readonly JobSpec[] = []): string {
  const keys = (Object.keys(spec) as (keyof JobSpec)[]).filter((key) =>
    others.some((other) => JSON.stringify(other[key]) !== JSON.stringify(spec[key])),
  );
  const shown = keys.length > 0 ? keys : (['workload', 'backend'] as const);
  // One word for what runs (workload, model file, job module), however many of those fields differ.
  const parts = shown.filter((key) => !SOURCE_KEYS.includes(key) || key === shown.find((k) => SOURCE_KEYS.includes(k)));
  return parts.map((key) => (SOURCE_KEYS.includes(key) ? sourceLabel(spec) : key === 'backend' ? String(spec[key]) : `${key}=${JSON.stringify(spec[key])}`)).join(' ');
}
