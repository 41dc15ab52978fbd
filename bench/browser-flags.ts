/** The browser flags of the one argument parser (bench/args.ts): where the browsers are and how they start. */
import { LOCAL_APP_URL, parseAppUrl, AppUrlError } from './app-url.ts';
import { GPU_ARGS } from './browser.ts';

export class BrowserFlagError extends Error {}

/** A browser a suite runs on: a name for its results, and where it is ("local" for Chromium started here). */
export interface DeviceEndpoint {
  readonly name: string;
  readonly url: string;
}

const ENDPOINT_SCHEMES = ['ws:', 'wss:', 'http:', 'https:', 'selenium+http:', 'selenium+https:'];

/**
 * --browser-endpoint [NAME=]URL, repeatable: a Playwright server (ws://…), a CDP endpoint
 * (http://…, ws://…/devtools/…) or a Selenium Grid 4 (selenium+http://hub:4444). Unnamed ones are
 * named by host:port (a Grid given twice: host:port #2).
 */
export function parseEndpoints(entries: readonly string[]): DeviceEndpoint[] {
  const endpoints: DeviceEndpoint[] = [];
  for (const entry of entries) {
    const named = /^([A-Za-z0-9_.:-]+)=(.+)$/.exec(entry);
    const hasName = named !== null && !/^[a-z+]+:\/\//i.test(entry);
    const url = hasName ? named[2]! : entry;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new BrowserFlagError(`--browser-endpoint takes [NAME=]URL (ws://…, http://…, selenium+http://…), got ${JSON.stringify(entry)}`);
    }
    if (!ENDPOINT_SCHEMES.includes(parsed.protocol)) {
      throw new BrowserFlagError(`--browser-endpoint: ${parsed.protocol} is not one of ${ENDPOINT_SCHEMES.map((s) => `${s}//`).join(', ')} (got ${JSON.stringify(entry)})`);
    }
    let name = hasName ? named[1]! : parsed.host;
    if (endpoints.some((e) => e.name === name)) {
      if (hasName) throw new BrowserFlagError(`--browser-endpoint: the name ${JSON.stringify(name)} is given twice`);
      let n = 2;
      while (endpoints.some((e) => e.name === `${parsed.host} #${n}`)) n++;
      name = `${parsed.host} #${n}`;
      const first = endpoints.find((e) => e.name === parsed.host);
      if (first) endpoints[endpoints.indexOf(first)] = { ...first, name: `${parsed.host} #1` };
    }
    endpoints.push({ name, url });
  }
  return endpoints;
}

/** Chromium flags from --gpu and --chromium-arg (which come after the preset, so they win). */
export function extraChromiumArgs(gpu: boolean, chromiumArgs: readonly string[]): string[] {
  for (const arg of chromiumArgs) {
    if (!arg.startsWith('--')) throw new BrowserFlagError(`--chromium-arg takes a Chromium switch such as --chromium-arg=--use-angle=vulkan, got ${JSON.stringify(arg)}`);
  }
  return [...(gpu ? GPU_ARGS : []), ...chromiumArgs];
}

/** The app share links point at: --app-url, else FIRSTBATCH_APP_URL, else where `firstbatch serve` listens. */
export function resolveAppUrl(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): { url: URL; configured: boolean } {
  try {
    if (flag !== undefined) return { url: parseAppUrl(flag, '--app-url'), configured: true };
    const fromEnv = env.FIRSTBATCH_APP_URL;
    if (fromEnv !== undefined && fromEnv !== '') return { url: parseAppUrl(fromEnv, 'FIRSTBATCH_APP_URL'), configured: true };
  } catch (error) {
    if (error instanceof AppUrlError) throw new BrowserFlagError(error.message);
    throw error;
  }
  return { url: new URL(LOCAL_APP_URL), configured: false };
}
