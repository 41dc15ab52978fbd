import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUrl } from './model-server.ts';
import { SERVING_MODEL_FIELDS } from '../src/core/serving/index.ts';
import { parseSuite, type Suite } from '../src/core/suite.ts';
import { messageOf } from '../src/core/errors.ts';

/** The suite `npm run bench` runs with no arguments. */
export const DEFAULT_SUITE_PATH = fileURLToPath(new URL('./suites/default.json', import.meta.url));

export class SuiteFileError extends Error {}

/** Reads and validates a suite file; the error names the file and every bad field. */
export function loadSuite(path: string): Suite {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SuiteFileError(`cannot read suite ${path}: ${messageOf(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SuiteFileError(`suite ${path} is not JSON: ${messageOf(error)}`);
  }
  let suite: Suite;
  try {
    suite = parseSuite(resolveLocations(json, dirname(resolve(path))));
  } catch (error) {
    throw new SuiteFileError(`suite ${path}: ${messageOf(error)}`);
  }
  checkSetup(suite, path);
  return suite;
}

/**
 * A `model` or `job` path in a suite's base, variants or serving models is relative to the suite file: made
 * absolute here (URLs stay as they are), before the suite is parsed.
 */
function resolveLocations(json: unknown, folder: string): unknown {
  if (json === null || typeof json !== 'object' || !('kind' in json)) return json;
  const fix = (spec: unknown): unknown => {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return spec;
    const out: Record<string, unknown> = { ...spec };
    for (const field of ['model', 'job']) {
      const value = out[field];
      if (typeof value === 'string' && value !== '' && !isUrl(value) && !isAbsolute(value)) out[field] = resolve(folder, value);
    }
    return out;
  };
  const suite: Record<string, unknown> = { ...json };
  if ('base' in suite) suite.base = fix(suite.base);
  // A serving suite's models (its scenario's model roles) are job specs too.
  for (const field of SERVING_MODEL_FIELDS) if (field in suite) suite[field] = fix(suite[field]);
  if (Array.isArray(suite.variants)) suite.variants = suite.variants.map((v: unknown) => (v !== null && typeof v === 'object' && 'spec' in v ? { ...v, spec: fix(v.spec) } : v));
  return suite;
}

/** A suite whose local model files are missing and that names the command bringing them says so before running anything. */
function checkSetup(suite: Suite, path: string): void {
  if (!('setup' in suite) || suite.setup === undefined) return;
  const specs = 'variants' in suite ? suite.variants.map((v) => ({ ...suite.base, ...v.spec })) : [];
  const missing = [...new Set(specs.flatMap((s) => [s.model, s.job]).filter((l): l is string => typeof l === 'string' && !isUrl(l) && !existsSync(l)))];
  if (missing.length > 0) {
    throw new SuiteFileError(`suite ${path} needs files that are not here (${missing.map((m) => relative(process.cwd(), m)).join(', ')}): run \`${suite.setup}\` first`);
  }
}
