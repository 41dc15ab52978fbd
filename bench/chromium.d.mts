/** Environment variables that name a browser binary, in the order they are honoured. */
export const CHROMIUM_ENV_VARS: readonly string[];
/** Paths firstbatch tries for Chromium, in order: CHROME_PATH, CHROME_BIN, Debian's chromium, Google Chrome. */
export function chromiumCandidates(env?: Readonly<Record<string, string | undefined>>): string[];
/** The first candidate that exists, or undefined. */
export function findChromium(env?: Readonly<Record<string, string | undefined>>): string | undefined;
