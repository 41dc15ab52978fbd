import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { findChromium } from './chromium.mjs';

/** Flags that give WebGPU in headless Chromium on Linux (SwiftShader when there is no GPU) and keep it off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

export class BrowserStartError extends Error {}

/** Chromium from CHROME_PATH, else Debian's. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) {
    throw new BrowserStartError(
      'Chromium not found: install Debian\'s package (apt-get install -y chromium) or set CHROME_PATH; `npm run bench` installs it when run as root',
    );
  }
  return found;
}

export interface BrowserTarget {
  /** A Playwright browser server (ws://…) or a CDP endpoint (http://… or ws://…/devtools/…) to use instead of a local Chromium. */
  readonly endpoint?: string;
  /** Flags for a local Chromium; CHROMIUM_ARGS when not given. */
  readonly args?: readonly string[];
}

/**
 * Opens a context whose pages can run functions passed to page.evaluate from
 * code that tsx compiled: esbuild's keep-names wraps them in a `__name` helper
 * the page does not have, so the page gets a no-op one.
 */
export async function newEvaluableContext(browser: Browser, options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  return context;
}

/**
 * Starts headless Chromium (Playwright gives it a fresh profile and removes it
 * on close), or connects to a remote browser.
 */
export async function openBrowser(target: BrowserTarget = {}): Promise<Browser> {
  const { endpoint, args = CHROMIUM_ARGS } = target;
  try {
    if (endpoint !== undefined) {
      return /^https?:|\/devtools\//.test(endpoint)
        ? await chromium.connectOverCDP(endpoint, { timeout: 30_000 })
        : await chromium.connect(endpoint, { timeout: 30_000 });
    }
    return await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...args], timeout: 60_000 });
  } catch (error) {
    if (error instanceof BrowserStartError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BrowserStartError(
      endpoint !== undefined
        ? `could not connect to the browser at ${endpoint}: ${reason}`
        : `Chromium failed to start: ${reason}. Check that ${process.env.CHROME_PATH ?? '/usr/bin/chromium'} runs (chromium --headless --no-sandbox --version)`,
    );
  }
}
