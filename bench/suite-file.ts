import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  try {
    return parseSuite(json);
  } catch (error) {
    throw new SuiteFileError(`suite ${path}: ${messageOf(error)}`);
  }
}
