import { readFileSync } from 'node:fs';
import { RESULT_SCHEMA_VERSION, parseResultFile, type JobResult, type ResultFile } from '../src/core/result.ts';

const packageJson: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
export const TOOL_VERSION =
  packageJson !== null && typeof packageJson === 'object' && 'version' in packageJson && typeof packageJson.version === 'string' ? packageJson.version : '0.0.0';

/** The versioned results file (schemaVersion 1), checked against its own schema before it is written. */
export function toResultFile(results: readonly JobResult[]): ResultFile {
  return parseResultFile({ schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch', version: TOOL_VERSION }, results });
}
