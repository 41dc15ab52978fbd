import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';
import { BROWSER_DEFAULTS } from '../src/core/defaults.ts';
import { messageOf } from '../src/core/errors.ts';
import { chromiumCandidates, findChromium } from './chromium.mjs';
import { openGridBrowser } from './grid.ts';

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

/**
 * `--gpu`: what hardware WebGPU needs from Chromium on Linux, where it is not on by default: Dawn
 * on Vulkan (`Vulkan`), ANGLE on Vulkan too (`VulkanFromANGLE`, `DefaultANGLEVulkan`, `--use-angle=vulkan`;
 * without them recent Chrome on Linux gives no adapter, gpuweb/gpuweb#5022), no Vulkan surface
 * (headless has no window; Chrome's "Supercharge Web AI testing" recipe for headless GPUs), and the
 * GPU blocklist ignored (a headless server's driver is often on it).
 */
export const GPU_ARGS = [
  '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
  '--use-angle=vulkan',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
] as const;

export class BrowserStartError extends Error {}

/** Chromium from CHROME_PATH or CHROME_BIN, else Debian's, else Google Chrome's (bench/chromium.mjs). */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) {
    throw new BrowserStartError(
      `Chromium not found at ${chromiumCandidates().join(', ')}: install Debian's package (apt-get install -y chromium) or set CHROME_PATH or CHROME_BIN; \`npm run bench\` installs it when run as root`,
    );
  }
  return found;
}

export interface BrowserTarget {
  /** A Playwright browser server (ws://…), a CDP endpoint (http://… or ws://…/devtools/…) or a Selenium Grid (selenium+http://…) to use instead of a local Chromium. */
  readonly endpoint?: string;
  /** Flags for a local Chromium (or a Grid's); CHROMIUM_ARGS when not given. */
  readonly args?: readonly string[];
  /** Flags added to `args` (--gpu, --chromium-arg). */
  readonly extraArgs?: readonly string[];
  /** A visible window instead of headless (--headed; needs a display). */
  readonly headed?: boolean;
  /** How long to wait for a remote browser to answer; 30 s when not given. */
  readonly connectTimeoutMs?: number;
}

/** Flags, de-duplicated with the later one winning for --name=value flags (a --chromium-arg overrides a preset). */
export function mergeArgs(...lists: readonly (readonly string[])[]): string[] {
  const byName = new Map<string, string>();
  for (const arg of lists.flat()) byName.set(arg.split('=')[0] ?? arg, arg);
  return [...byName.values()];
}

/**
 * Lets a context's pages run functions passed to page.evaluate from code that tsx compiled:
 * esbuild's keep-names wraps them in a `__name` helper the page does not have, so the page gets a no-op one.
 */
export async function makeEvaluable(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
}

/** Opens a context whose pages can run functions passed to page.evaluate (makeEvaluable). */
export async function newEvaluableContext(browser: Browser, options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await makeEvaluable(context);
  return context;
}

/**
 * How a local Chromium starts, for the session's browser and a visit's own (on a kept profile):
 * the target's flags, headless unless --headed. Ctrl-C is the CLI's (bench/interrupt.ts):
 * Playwright's own handler would exit before the finished jobs are written.
 */
export function localLaunchOptions(target: BrowserTarget): LaunchOptions {
  return {
    executablePath: chromiumPath(),
    headless: target.headed !== true,
    args: mergeArgs(target.args ?? CHROMIUM_ARGS, target.extraArgs ?? []),
    timeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
  };
}

/**
 * Starts headless Chromium (Playwright gives it a fresh profile and removes it
 * on close), or connects to a remote browser.
 */
export async function openBrowser(target: BrowserTarget = {}): Promise<Browser> {
  const { endpoint, connectTimeoutMs = BROWSER_DEFAULTS.connectTimeoutMs } = target;
  const args = mergeArgs(target.args ?? CHROMIUM_ARGS, target.extraArgs ?? []);
  try {
    if (endpoint !== undefined) {
      if (endpoint.startsWith('selenium+')) return await openGridBrowser(endpoint.slice('selenium+'.length), { args, headed: target.headed === true, timeoutMs: connectTimeoutMs });
      return /^https?:|\/devtools\//.test(endpoint)
        ? await chromium.connectOverCDP(endpoint, { timeout: connectTimeoutMs })
        : await chromium.connect(endpoint, { timeout: connectTimeoutMs });
    }
    return await chromium.launch(localLaunchOptions(target));
  } catch (error) {
    if (error instanceof BrowserStartError) throw error;
    const reason = messageOf(error).split('\n')[0];
    throw new BrowserStartError(
      endpoint !== undefined
        ? `could not connect to the browser at ${endpoint} within ${connectTimeoutMs / 1000} s: ${reason}`
        : `Chromium failed to start: ${reason}. Check that ${findChromium() ?? '/usr/bin/chromium'} runs (chromium --headless --no-sandbox --version)${target.headed ? '; --headed needs a display (DISPLAY, or run under xvfb-run)' : ''}`,
    );
  }
}
