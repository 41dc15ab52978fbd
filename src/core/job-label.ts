import type { JobSpec } from './spec.ts';

/** A short label for a job: the knobs that tell it apart from the others in the table. */
export function jobLabel(spec: JobSpec, others: readonly JobSpec[] = []): string {
  const keys = (Object.keys(spec) as (keyof JobSpec)[]).filter((key) =>
    others.some((other) => JSON.stringify(other[key]) !== JSON.stringify(spec[key])),
  );
  const shown = keys.length > 0 ? keys : (['workload', 'backend'] as const);
  return shown.map((key) => (key === 'workload' || key === 'backend' ? String(spec[key]) : `${key}=${JSON.stringify(spec[key])}`)).join(' ');
}
