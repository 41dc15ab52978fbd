// Where firstbatch looks for Chromium, in plain Node so that setup (before `npm ci`) and the
// CLI share one list: CHROME_PATH first, then Debian's package.
import { existsSync } from 'node:fs';

export function chromiumCandidates() {
  return [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'].filter(
    (path) => typeof path === 'string' && path !== '',
  );
}

/** The first candidate that exists, or undefined. */
export function findChromium() {
  return chromiumCandidates().find((path) => existsSync(path));
}
