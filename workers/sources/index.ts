/**
 * The source registry: what a job runs, loaded. A built-in workload needs no loading; a job
 * module is imported; a model.json is fetched with its shards, checked, and handed to tfjs-layers
 * (LayersModel) or tfjs-converter (GraphModel) by the format the file declares.
 */
import { assertNever } from '../../src/core/assert.ts';
import { messageOf } from '../../src/core/errors.ts';
import { isPicked, sourceOf } from '../../src/core/source.ts';
import type { JobSpec } from '../../src/core/spec.ts';
import type { JobAccess } from '../../src/core/worker-api.ts';
import { JobFailure } from '../job-failure.ts';
import { getWorkload } from '../workloads/index.ts';
import { loadModelFiles } from './files.ts';
import { graphSource } from './graph.ts';
import { checkJobModule } from './job-module.ts';
import { layersSource } from './layers.ts';
import { moduleSource } from './module-source.ts';
import type { LoadedSource } from './types.ts';

export type { BuiltModel, JobMode, LoadedSource } from './types.ts';

/** Where the job runs with no access given (the prewarm pool, the serving worker): the worker's own origin. */
export const DEFAULT_ACCESS: JobAccess = { baseUrl: typeof location === 'undefined' ? 'http://localhost/' : location.origin };

/** True when the source needs a `load` phase (anything but a built-in workload). */
export function needsLoad(spec: JobSpec): boolean {
  return sourceOf(spec).kind !== 'workload';
}

export async function loadSource(spec: JobSpec, access: JobAccess = DEFAULT_ACCESS): Promise<LoadedSource> {
  const source = sourceOf(spec);
  switch (source.kind) {
    case 'workload':
      // Built-ins pass the same contract check as a user's job module.
      return moduleSource(checkJobModule(getWorkload(source.name), `workload ${source.name}`), 'workload', source.name, null);
    case 'job':
      return loadJobModule(source.location, access);
    case 'model': {
      const files = await loadModelFiles(source.location, access);
      const what = `model ${source.location}`;
      return files.json.format === 'layers-model'
        ? layersSource(await import('@tensorflow/tfjs-layers'), files, what)
        : graphSource(await import('@tensorflow/tfjs-converter'), files, what);
    }
    default:
      return assertNever(source, 'job source');
  }
}

async function loadJobModule(location: string, access: JobAccess): Promise<LoadedSource> {
  const what = `job module ${location}`;
  if (isPicked(location)) throw new JobFailure('bad-model', `${what}: picked files hold models (model.json + shards); give a job module as a URL`);
  let url: string;
  try {
    url = new URL(location, access.baseUrl).href;
  } catch {
    throw new JobFailure('model-unreachable', `${what} is not a URL`);
  }
  let namespace: unknown;
  try {
    namespace = await import(/* @vite-ignore */ url);
  } catch (error) {
    const message = messageOf(error);
    if (error instanceof SyntaxError) throw new JobFailure('bad-model', `${what} is not valid JavaScript: ${message}`);
    throw new JobFailure('model-unreachable', `${what} did not load from ${url}: ${message}`);
  }
  const entry = performance.getEntriesByName(url).at(-1);
  const bytes = entry && 'encodedBodySize' in entry && typeof entry.encodedBodySize === 'number' && entry.encodedBodySize > 0 ? entry.encodedBodySize : null;
  return moduleSource(checkJobModule(namespace, what), 'job-module', what, bytes);
}
