/** Paths firstbatch tries for Chromium, in order (CHROME_PATH first). */
export function chromiumCandidates(): string[];
/** The first candidate that exists, or undefined. */
export function findChromium(): string | undefined;
