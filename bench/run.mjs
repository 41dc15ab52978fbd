#!/usr/bin/env node
// `npm run bench`: the same as `firstbatch bench` (set-up: dependencies, Chromium; then the CLI).
import { launch } from '../bin/firstbatch.mjs';

launch(['bench', ...process.argv.slice(2)]).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`firstbatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
