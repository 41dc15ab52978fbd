/**
 * The one check an uploaded record goes through before it is stored: it must be a results file
 * the CLI's --json writes (a suite's, or a serving suite's), of a schema version this firstbatch
 * reads. SpecError names the bad field.
 */
import { parseSuiteResultFile, type SuiteResultFile } from '../compare/index.ts';
import { parseServingResultFile } from '../runner/saved.ts';
import type { ServingResultFile } from '../runner/context.ts';
import { SERVING_SUITE_KINDS } from '../serving/index.ts';

export type StoredRecord = { readonly kind: 'suite'; readonly file: SuiteResultFile } | { readonly kind: 'serving'; readonly file: ServingResultFile };

export function parseStoredRecord(input: unknown): StoredRecord {
  const kind = typeof input === 'object' && input !== null && 'kind' in input ? input.kind : undefined;
  if ((SERVING_SUITE_KINDS as readonly unknown[]).includes(kind)) return { kind: 'serving', file: parseServingResultFile(input) };
  return { kind: 'suite', file: parseSuiteResultFile(input) };
}

/** The device label of a record's first adapter: "google/swiftshader (software)", "NVIDIA … (gpu)", or the backend. */
export function deviceLabelOf(record: StoredRecord): string | null {
  if (record.kind === 'serving') return null;
  const envs = record.file.results.flatMap((result) => (result.env ? [result.env] : []));
  // A GPU adapter names the machine best; a WebGL renderer next; a CPU backend last.
  const env = envs.find((e) => e.adapter) ?? envs.find((e) => e.webgl) ?? envs[0];
  if (!env) return null;
  const kind = env.softwareRenderer ? 'software' : 'gpu';
  if (env.adapter) return `${[env.adapter.vendor, env.adapter.architecture].filter((part) => part).join('/') || 'unknown adapter'} (${kind})`;
  if (env.webgl?.renderer) return `${env.webgl.renderer} (${kind})`;
  return `${env.backend ?? 'no backend'} (cpu)`;
}
