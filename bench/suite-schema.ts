/**
 * Writes bench/suite.schema.json from the suite schema in src/core/suite.ts (`npm run suite-schema`).
 * test/bench/suite-schema.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { suiteJsonSchema } from '../src/core/suite.ts';

export const SUITE_SCHEMA_PATH = fileURLToPath(new URL('./suite.schema.json', import.meta.url));

export function renderSuiteSchema(): string {
  return `${JSON.stringify(suiteJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SUITE_SCHEMA_PATH, renderSuiteSchema());
  process.stderr.write(`wrote ${SUITE_SCHEMA_PATH}\n`);
}
