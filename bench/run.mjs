#!/usr/bin/env node
// `npm run bench`: set up (dependencies, Chromium), then run the CLI in TypeScript through tsx.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const setup = spawnSync(process.execPath, [join(root, 'bench/setup.mjs'), '--quiet'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 2);
const cli = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(),
});
process.exit(cli.status ?? 2);
