export class SetupError extends Error {}
/** Dependencies, Chromium and (with `driver`) ChromeDriver; returns the Chromium path (undefined with browser: false). */
export function setUp(options?: { quiet?: boolean; driver?: boolean; browser?: boolean }): string | undefined;
/** Debian's ChromeDriver (or CHROMEDRIVER_PATH), or undefined. */
export function chromeDriverPath(): string | undefined;
