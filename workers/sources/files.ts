/**
 * The `load` phase of a model.json model: model.json fetched (or read from picked files) and
 * checked, then every weight shard, each checked against the manifest's byte count. Errors name
 * the file and what is wrong; a URL that does not answer is `model-unreachable`, anything wrong
 * with the files is `bad-model`.
 */
import { messageOf } from '../../src/core/errors.ts';
import { checkShardBytes, ModelFileError, parseModelJson, type ModelJson } from '../../src/core/models/manifest.ts';
import { baseName, isPicked, PICKED_SCHEME } from '../../src/core/source.ts';
import type { JobAccess } from '../../src/core/worker-api.ts';
import { JobFailure } from '../job-failure.ts';

/** A request that gets no answer in this time fails the job naming the URL (the job's own limit may be far longer). */
const FETCH_TIMEOUT_MS = 60_000;

export interface LoadedFiles {
  readonly json: ModelJson;
  /** Every group's shards, concatenated in manifest order (what tfjs's weight loader expects). */
  readonly weightData: ArrayBuffer;
  /** model.json and shards, as fetched. */
  readonly loadBytes: number;
}

interface FileReader {
  /** Bytes of `path` (relative to model.json; '' is model.json itself). */
  read(path: string, what: 'model.json' | 'weight shard'): Promise<ArrayBuffer>;
}

export async function loadModelFiles(location: string, access: JobAccess): Promise<LoadedFiles> {
  const reader = isPicked(location) ? pickedReader(location, access) : urlReader(location, access);
  const jsonBytes = await reader.read('', 'model.json');
  let json: ModelJson;
  try {
    json = parseModelJson(new TextDecoder().decode(jsonBytes), location);
  } catch (error) {
    throw error instanceof ModelFileError ? new JobFailure('bad-model', error.message) : error;
  }
  const groups = await Promise.all(json.groups.map((group) => Promise.all(group.paths.map((path) => reader.read(path, 'weight shard')))));
  let total = 0;
  groups.forEach((shards, g) => {
    try {
      checkShardBytes(location, json.groups[g]!, json.groupBytes[g] ?? null, shards.map((s) => s.byteLength));
    } catch (error) {
      throw error instanceof ModelFileError ? new JobFailure('bad-model', error.message) : error;
    }
    for (const shard of shards) total += shard.byteLength;
  });
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const shards of groups) {
    for (const shard of shards) {
      weightData.set(new Uint8Array(shard), offset);
      offset += shard.byteLength;
    }
  }
  return { json, weightData: weightData.buffer, loadBytes: jsonBytes.byteLength + total };
}

function urlReader(location: string, access: JobAccess): FileReader {
  let modelUrl: URL;
  try {
    modelUrl = new URL(location, access.baseUrl);
  } catch {
    throw new JobFailure('model-unreachable', `model ${JSON.stringify(location)} is not a URL`);
  }
  const folder = new URL('.', modelUrl).href;
  return {
    async read(path, what) {
      const url = path === '' ? modelUrl : new URL(path, modelUrl);
      // checkShardPath already refused "..", absolute paths and URLs; this holds whatever the URL parser does.
      if (path !== '' && !url.href.startsWith(folder)) throw new JobFailure('bad-model', `${location}: weight shard ${JSON.stringify(path)} resolves to ${url.href}, outside the model's folder ${folder}`);
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch (error) {
        const reason = error instanceof DOMException && error.name === 'TimeoutError' ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : `${messageOf(error)} (no answer, or the server sends no CORS headers)`;
        throw new JobFailure('model-unreachable', `${what} ${url.href} did not answer: ${reason}`);
      }
      if (!response.ok) {
        throw what === 'model.json'
          ? new JobFailure('model-unreachable', `model ${url.href} answered HTTP ${response.status} ${response.statusText}`.trim())
          : new JobFailure('bad-model', `${location}: weight shard ${JSON.stringify(path)} is missing (HTTP ${response.status} from ${url.href})`);
      }
      try {
        return await response.arrayBuffer();
      } catch (error) {
        throw new JobFailure('bad-model', `${location}: reading ${what} ${url.href} broke off: ${messageOf(error)}`);
      }
    },
  };
}

function pickedReader(location: string, access: JobAccess): FileReader {
  const files = access.files ?? [];
  const jsonName = location.slice(PICKED_SCHEME.length);
  return {
    async read(path, what) {
      const name = path === '' ? jsonName : path;
      // Picked files have no folders: a shard path "weights/a.bin" is the picked file "a.bin".
      const file = files.find((f) => f.name === name) ?? files.find((f) => f.name === baseName(name));
      if (!file) {
        const picked = files.map((f) => f.name).join(', ') || 'none';
        throw new JobFailure('bad-model', `${jsonName}: ${what} ${JSON.stringify(name)} was not picked (picked: ${picked}); pick model.json together with every weight shard it names`);
      }
      return file.arrayBuffer();
    },
  };
}
