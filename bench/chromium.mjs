// Where firstbatch looks for Chromium, in plain Node so that setup (before `npm ci`) and the
// CLI share one list: the environment first (CHROME_PATH, then CHROME_BIN as Karma and many CI
// images set it), then Debian's package, then Google Chrome's usual places.
import { existsSync } from 'node:fs';

/** Variables that name a browser binary, in the order they are honoured. */
export const CHROMIUM_ENV_VARS = ['CHROME_PATH', 'CHROME_BIN'];

const INSTALLED = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function chromiumCandidates(env = process.env) {
  const fromEnv = CHROMIUM_ENV_VARS.map((name) => env[name]).filter((path) => typeof path === 'string' && path !== '');
  return [...fromEnv, ...INSTALLED];
}

/** The first candidate that exists, or undefined. */
export function findChromium(env = process.env) {
  return chromiumCandidates(env).find((path) => existsSync(path));
}
