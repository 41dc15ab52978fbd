/**
 * The public address of the web app: where share links point and what base path a build is
 * made for. One setting, FIRSTBATCH_APP_URL (or the CLI's --app-url), e.g.
 * https://acme.github.io/firstbatch/ — the build then serves under /firstbatch/ and the CLI's
 * links open there. Only the URL API is used, so vite.config.ts (DOM types) and the CLI (Node)
 * share this file.
 */

/** Where `firstbatch serve` listens by default; links point here until an app URL is configured. */
export const LOCAL_APP_URL = 'http://127.0.0.1:4173/';

export class AppUrlError extends Error {}

/** Parses an app URL; AppUrlError names the setting and what is wrong. The result ends in '/'. */
export function parseAppUrl(text: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppUrlError(`${setting} must be an absolute http(s) URL such as https://acme.github.io/firstbatch/, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppUrlError(`${setting} must be an http(s) URL, got ${url.protocol} in ${JSON.stringify(text)}`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new AppUrlError(`${setting} must have no query or fragment (share links add their own #r=…), got ${JSON.stringify(text)}`);
  }
  if (url.pathname.endsWith('/index.html')) url.pathname = url.pathname.slice(0, -'index.html'.length);
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

/** The base path a build is made for: FIRSTBATCH_APP_URL's path, else '/'. */
export function basePathFrom(env: Readonly<Record<string, string | undefined>>): string {
  const text = env.FIRSTBATCH_APP_URL;
  return text === undefined || text === '' ? '/' : parseAppUrl(text, 'FIRSTBATCH_APP_URL').pathname;
}
