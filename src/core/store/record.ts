/**
 * The one check an uploaded record goes through before it is stored: it must be a results file
 * the CLI's --json writes (a suite's, a serving suite's, or the own file of a job kind such as a
 * calibration or an interleaved run), of a schema version this firstbatch reads. SpecError names
 * the bad field.
 */
import { checkSchemaVersion, parseSuiteResultFile, type SuiteResultFile } from '../compare/index.ts';
import { parseServingResultFile } from '../runner/saved.ts';
import type { OutcomeFile, ServingResultFile } from '../runner/context.ts';
import { SERVING_SUITE_KINDS } from '../serving/index.ts';
import { SUITE_KINDS } from '../suite.ts';

export type StoredRecord =
  | { readonly kind: 'suite'; readonly file: SuiteResultFile }
  | { readonly kind: 'serving'; readonly file: ServingResultFile }
  /** A job kind's own file (calibration, interleaved): a report with its jobs, stored and served as it is. */
  | { readonly kind: 'report'; readonly file: OutcomeFile };

export function parseStoredRecord(input: unknown): StoredRecord {
  checkSchemaVersion(input);
  const kind = typeof input === 'object' && input !== null && 'kind' in input ? input.kind : undefined;
  const own = SUITE_KINDS.find((descriptor) => descriptor.kind === kind && descriptor.saved.file === 'own');
  if (own?.saved.file === 'own') return { kind: 'report', file: own.saved.read(input).file };
  if ((SERVING_SUITE_KINDS as readonly unknown[]).includes(kind)) return { kind: 'serving', file: parseServingResultFile(input) };
  return { kind: 'suite', file: parseSuiteResultFile(input) };
}

/** The device label of a record's first adapter: "google/swiftshader (software)", "NVIDIA … (gpu)", or the backend. */
export function deviceLabelOf(record: StoredRecord): string | null {
  if (record.kind !== 'suite') return null;
  const envs = record.file.results.flatMap((result) => (result.env ? [result.env] : []));
  // A GPU adapter names the machine best; a WebGL renderer next; a CPU backend last.
  const env = envs.find((e) => e.adapter) ?? envs.find((e) => e.webgl) ?? envs[0];
  if (!env) return null;
  const kind = env.softwareRenderer ? 'software' : 'gpu';
  if (env.adapter) return `${[env.adapter.vendor, env.adapter.architecture].filter((part) => part).join('/') || 'unknown adapter'} (${kind})`;
  if (env.webgl?.renderer) return `${env.webgl.renderer} (${kind})`;
  // wasm and cpu backends both run on the CPU: the device is the machine's CPU whichever ran.
  return 'cpu (no GPU adapter)';
}
