/**
 * What a job runs, from its spec: a built-in workload, a user's model.json, or a job module.
 * Every place that needs to tell them apart asks here.
 */
import { assertNever } from './assert.ts';
import { DEFAULTS } from './defaults.ts';
import type { JobSpec, WorkloadName } from './spec.ts';

export type JobSource =
  | { readonly kind: 'workload'; readonly name: WorkloadName }
  | { readonly kind: 'model'; readonly location: string }
  | { readonly kind: 'job'; readonly location: string };

export function sourceOf(spec: Pick<JobSpec, 'workload' | 'model' | 'job'>): JobSource {
  if (spec.model !== undefined) return { kind: 'model', location: spec.model };
  if (spec.job !== undefined) return { kind: 'job', location: spec.job };
  return { kind: 'workload', name: spec.workload ?? DEFAULTS.workload };
}

/** The spec's workload, or null when it runs a user model or job module. */
export function workloadOf(spec: Pick<JobSpec, 'workload' | 'model' | 'job'>): WorkloadName | null {
  const source = sourceOf(spec);
  return source.kind === 'workload' ? source.name : null;
}

/** The last path segment of a location, without a query: "model.json", "regression.js". */
export function baseName(location: string): string {
  const path = location.split(/[?#]/)[0] ?? location;
  const segments = path.split(/[\\/]/).filter((s) => s !== '');
  return segments.at(-1) ?? location;
}

/** "mlp", "model cnn/model.json", "job regression.js": short, for labels and worker names. */
export function sourceLabel(spec: Pick<JobSpec, 'workload' | 'model' | 'job'>): string {
  const source = sourceOf(spec);
  switch (source.kind) {
    case 'workload':
      return source.name;
    case 'model': {
      if (isPicked(source.location)) return source.location.slice(PICKED_SCHEME.length);
      const name = baseName(source.location);
      const segments = source.location.split(/[?#]/)[0]!.split(/[\\/]/).filter((s) => s !== '');
      // model.json alone says little: keep its folder ("cnn/model.json").
      return name === 'model.json' && segments.length > 1 ? `${segments.at(-2)}/${name}` : name;
    }
    case 'job':
      return baseName(source.location);
    default:
      return assertNever(source, 'job source');
  }
}

/** Where picked files live in a spec: the web app keeps the files, the spec names them. */
export const PICKED_SCHEME = 'picked:';

/** True for a model the page holds as picked local files (never fetched, never shared). */
export function isPicked(location: string): boolean {
  return location.startsWith(PICKED_SCHEME);
}
