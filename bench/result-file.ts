import { readFileSync } from 'node:fs';
import { parseSuiteResultFile, type SuiteResultFile } from '../src/core/compare/index.ts';
import { messageOf } from '../src/core/errors.ts';

const packageJson: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/** Written into every results file. */
export const TOOL_VERSION =
  packageJson !== null && typeof packageJson === 'object' && 'version' in packageJson && typeof packageJson.version === 'string' ? packageJson.version : '0.0.0';

/** Reads a JSON file; errors name the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${messageOf(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${messageOf(error)}`);
  }
}

/** Reads a results file or baseline; errors name the file and the bad field. */
export function readResultFile(path: string): SuiteResultFile {
  const json = readJsonFile(path);
  try {
    return parseSuiteResultFile(json);
  } catch (error) {
    throw new Error(`${path}: ${messageOf(error)}`);
  }
}
