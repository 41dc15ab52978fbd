/**
 * A browser from a Selenium Grid 4: a WebDriver session asked of the hub (W3C New Session), then
 * driven over the CDP endpoint the Grid proxies for it (`se:cdp`), so every page runs exactly as
 * with a local Chromium. Closing the browser ends the WebDriver session, which frees the node.
 */
import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';
import { messageOf } from '../src/core/errors.ts';

const newSessionSchema = z.object({
  value: z.object({
    sessionId: z.string().min(1),
    capabilities: z.object({ 'se:cdp': z.string().optional(), browserVersion: z.string().optional() }).loose(),
  }),
});

const errorSchema = z.object({ value: z.object({ error: z.string().optional(), message: z.string().optional() }).loose() });

const statusSchema = z.object({
  value: z.object({
    nodes: z
      .array(z.object({ uri: z.string(), slots: z.array(z.object({ session: z.object({ sessionId: z.string() }).loose().nullable().optional() }).loose()) }).loose())
      .default([]),
  }).loose(),
});

/** Which Grid node runs a browser opened here (for labelling a device's results). */
const nodes = new WeakMap<Browser, string>();

export function gridNodeOf(browser: Browser): string | undefined {
  return nodes.get(browser);
}

/** Opens a Chromium on the Grid at `hubUrl` (http://host:4444); rejects with a sentence naming the hub. */
export async function openGridBrowser(hubUrl: string, options: { args: readonly string[]; headed: boolean; timeoutMs: number }): Promise<Browser> {
  const hub = hubUrl.replace(/\/+$/, '');
  const capabilities = {
    capabilities: {
      alwaysMatch: {
        browserName: 'chrome',
        'goog:chromeOptions': { args: [...options.args, ...(options.headed ? [] : ['--headless=new'])] },
      },
    },
  };
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${hub}/session`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(capabilities), signal });
  } catch (error) {
    throw new Error(signal.aborted ? `the Grid at ${hub} gave no browser within ${options.timeoutMs / 1000} s (no free node?)` : `the Grid at ${hub} did not answer: ${causeOf(error)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorSchema.safeParse(body);
    const message = parsed.success ? (parsed.data.value.message ?? parsed.data.value.error) : undefined;
    throw new Error(`the Grid at ${hub} refused a Chromium session (HTTP ${response.status}): ${(message ?? 'no reason given').split('\n')[0]}`);
  }
  const session = newSessionSchema.safeParse(body);
  if (!session.success) throw new Error(`the Grid at ${hub} answered New Session with something that is not a WebDriver session`);
  const { sessionId, capabilities: granted } = session.data.value;
  const end = (): Promise<void> => fetch(`${hub}/session/${sessionId}`, { method: 'DELETE', signal: AbortSignal.timeout(10_000) }).then(() => undefined, () => undefined);
  const cdp = granted['se:cdp'];
  if (cdp === undefined) {
    await end();
    throw new Error(`the Grid at ${hub} gave a session without a CDP endpoint (se:cdp): is it Selenium Grid 4 with a Chromium node?`);
  }
  let browser: Browser;
  try {
    browser = await chromium.connectOverCDP(cdp, { timeout: options.timeoutMs });
  } catch (error) {
    await end();
    throw error;
  }
  const node = await nodeOfSession(hub, sessionId);
  if (node !== undefined) nodes.set(browser, node);
  // Disconnecting from CDP leaves the browser running on the node: closing ends the WebDriver session too.
  const disconnect = browser.close.bind(browser);
  const watchdog = watchSession(hub, sessionId, () => void disconnect().catch(() => undefined));
  browser.close = async (closeOptions) => {
    clearInterval(watchdog);
    await disconnect(closeOptions).catch(() => undefined);
    await end();
  };
  return browser;
}

/** How often a Grid browser's WebDriver session is checked, and how many failed checks mean its node left. */
const WATCH = { intervalMs: 3_000, failuresToGiveUp: 2 } as const;

/**
 * A node that leaves (crashed, stopped, its machine gone) can leave the hub's CDP proxy open with
 * nobody behind it, so the page would wait for ever: ask the hub about the session every few
 * seconds, and disconnect once it is gone, which fails the job in flight and lets the bench
 * session ask the Grid for a new browser.
 */
function watchSession(hub: string, sessionId: string, gone: () => void): NodeJS.Timeout {
  let failures = 0;
  /** One check's answer: a failed one counts towards giving up, a good one starts the count again. */
  const checked = (ok: boolean): void => {
    failures = ok ? 0 : failures + 1;
    if (failures >= WATCH.failuresToGiveUp) {
      clearInterval(timer);
      gone();
    }
  };
  const timer = setInterval(() => {
    fetch(`${hub}/session/${sessionId}/timeouts`, { signal: AbortSignal.timeout(WATCH.intervalMs) }).then(
      (response) => checked(response.ok),
      () => checked(false),
    );
  }, WATCH.intervalMs);
  timer.unref();
  return timer;
}

async function nodeOfSession(hub: string, sessionId: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${hub}/status`, { signal: AbortSignal.timeout(5_000) });
    const status = statusSchema.safeParse(await response.json());
    if (!status.success) return undefined;
    return status.data.value.nodes.find((node) => node.slots.some((slot) => slot.session?.sessionId === sessionId))?.uri;
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  return messageOf(error instanceof Error && error.cause ? error.cause : error);
}
