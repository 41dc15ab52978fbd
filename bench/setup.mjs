#!/usr/bin/env node
// Set-up for a fresh machine, in plain Node with no dependencies, so it runs
// before `npm ci` has: installs npm dependencies when missing or stale (in a
// checkout; an installed package has its dependencies already), and finds
// Chromium (bench/chromium.mjs: CHROME_PATH, CHROME_BIN, Debian's, Google
// Chrome's), installing Debian's package with apt-get when running as root.
// With --driver it also makes sure of ChromeDriver (Debian's chromium-driver),
// which the Selenium Grid nodes of the tests start browsers with, and of Java,
// which runs the Selenium server jar. Prints the
// Chromium path it chose.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Thrown with a sentence for the user; the command line prints it and exits 2. */
export class SetupError extends Error {}

/**
 * Dependencies, Chromium and (with `driver`) ChromeDriver; returns the Chromium path.
 * `browser: false` skips the browser (commands that only serve or print).
 */
export function setUp({ quiet = false, driver = false, browser = true } = {}) {
  const log = (line) => quiet || process.stderr.write(`firstbatch setup: ${line}\n`);
  ensureNodeModules(log);
  if (!browser) return undefined;
  const chromium = ensureChromium(log, driver);
  if (!quiet) {
    const version = execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    log(`using ${chromium} (${version})`);
  }
  if (driver) {
    log(`using ${ensureChromeDriver(log)} for the Selenium Grid test`);
    ensureJava(log);
  }
  return chromium;
}

function ensureNodeModules(log) {
  const lock = join(root, 'package-lock.json');
  // An installed package ships no lockfile: npm installed its dependencies with it.
  if (!existsSync(lock)) return;
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new SetupError('npm ci failed; see its output above');
}

function ensureChromium(log, driver) {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new SetupError('Chromium not found. Install Debian\'s package (sudo apt-get install -y chromium), or set CHROME_PATH or CHROME_BIN to a Chromium or Chrome ≥ 120 binary.');
  }
  log('Chromium not found: installing Debian\'s chromium package with apt-get (about a minute)…');
  aptInstall(['chromium', ...(driver ? ['chromium-driver'] : [])], 'install chromium by hand or set CHROME_PATH');
  const installed = findChromium();
  if (!installed) throw new SetupError('apt-get installed chromium but no binary was found at /usr/bin/chromium');
  return installed;
}

/** ChromeDriver of the same version as Debian's chromium (the Selenium Grid test's nodes need it). */
function ensureChromeDriver(log) {
  const found = chromeDriverPath();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new SetupError('ChromeDriver not found (the Selenium Grid test needs it). Install Debian\'s package: sudo apt-get install -y chromium-driver');
  }
  log('ChromeDriver not found: installing Debian\'s chromium-driver package with apt-get…');
  aptInstall(['chromium-driver'], 'install chromium-driver by hand');
  const installed = chromeDriverPath();
  if (!installed) throw new SetupError('apt-get installed chromium-driver but no chromedriver binary was found');
  return installed;
}

/** Debian's ChromeDriver, or undefined. */
export function chromeDriverPath() {
  return [process.env.CHROMEDRIVER_PATH, '/usr/bin/chromedriver', '/usr/lib/chromium/chromedriver'].find((path) => typeof path === 'string' && path !== '' && existsSync(path));
}

/** Java 17+ runs the Selenium server jar of the Grid test (Debian 12's default JRE is 17). */
function ensureJava(log) {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0) return;
  if (process.getuid?.() !== 0) throw new SetupError('Java not found (the Selenium Grid test runs the Selenium server jar). Install it: sudo apt-get install -y default-jre-headless');
  log('Java not found: installing Debian\'s default-jre-headless with apt-get…');
  aptInstall(['default-jre-headless'], 'install a Java 17 runtime by hand');
}

function aptInstall(packages, advice) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) throw new SetupError(`apt-get ${args.join(' ')} failed; ${advice}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    setUp({ quiet: process.argv.includes('--quiet'), driver: process.argv.includes('--driver') });
  } catch (error) {
    process.stderr.write(`firstbatch setup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
