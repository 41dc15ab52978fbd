#!/usr/bin/env node
// Set-up for a fresh machine, in plain Node with no dependencies, so it runs
// before `npm ci` has: installs npm dependencies when missing or stale, and
// finds Chromium (CHROME_PATH, then /usr/bin/chromium), installing Debian's
// package with apt-get when running as root. Prints the Chromium path it chose.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const log = (line) => quiet || process.stderr.write(`firstbatch setup: ${line}\n`);

function ensureNodeModules() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) fail('npm ci failed; see its output above');
}

function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    fail('Chromium not found. Install Debian\'s package (sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium ≥ 120 binary.');
  }
  log('Chromium not found: installing Debian\'s chromium package with apt-get (about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) fail(`apt-get ${args.join(' ')} failed; install chromium by hand or set CHROME_PATH`);
  }
  const installed = findChromium();
  if (!installed) fail('apt-get installed chromium but no binary was found at /usr/bin/chromium');
  return installed;
}

function fail(message) {
  process.stderr.write(`firstbatch setup: ${message}\n`);
  process.exit(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureNodeModules();
  const chromium = ensureChromium();
  const version = execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  log(`using ${chromium} (${version})`);
}
