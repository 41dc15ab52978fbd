import { readFileSync } from 'node:fs';
import { parseSuiteResultFile, type Sampling, type SuiteJobResult, type SuiteResultFile } from '../src/core/compare/index.ts';
import { RESULT_SCHEMA_VERSION } from '../src/core/result.ts';
import { messageOf } from '../src/core/errors.ts';

const packageJson: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
export const TOOL_VERSION =
  packageJson !== null && typeof packageJson === 'object' && 'version' in packageJson && typeof packageJson.version === 'string' ? packageJson.version : '0.0.0';

/**
 * The versioned results file of a suite run (schemaVersion 1: every job result, plus its variant,
 * repetition, the comparison and how sampling ended), checked against its schema before it is
 * written. Infinite interval ends (too few samples) become null in JSON.
 */
export function toResultFile(
  results: readonly SuiteJobResult[],
  extra: { suite?: SuiteResultFile['suite']; sampling?: Sampling; comparison?: unknown } = {},
): SuiteResultFile {
  const file = parseSuiteResultFile({ schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch', version: TOOL_VERSION }, results, ...withoutUndefined(extra) });
  return extra.comparison === undefined ? file : { ...file, comparison: extra.comparison };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads a results file or baseline; errors name the file and the bad field. */
export function readResultFile(path: string): SuiteResultFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${messageOf(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${messageOf(error)}`);
  }
  try {
    return parseSuiteResultFile(json);
  } catch (error) {
    throw new Error(`${path}: ${messageOf(error)}`);
  }
}
