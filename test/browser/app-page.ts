import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { newEvaluableContext } from '../../bench/browser.ts';

/** What the app's browser tests share: a page on the built app that records its errors, axe-core, and the focused element. */

export interface AppPage {
  readonly page: Page;
  /** Uncaught errors, console errors and dialogs the page raised. */
  readonly errors: string[];
}

export async function newAppContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return newEvaluableContext(browser, { viewport: { width: 1280, height: 900 }, ...options });
}

/** Opens the app (with a query and/or fragment) and waits until its first screen is defined. */
export async function openApp(context: BrowserContext, suffix = ''): Promise<AppPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${inject('appUrl')}${suffix}`);
  await page.waitForFunction(() => globalThis.firstbatch?.ready === true && customElements.get('fb-app') !== undefined);
  return { page, errors };
}

const require = createRequire(import.meta.url);

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** Runs axe-core (WCAG 2 A/AA rules) on the page, open shadow roots included. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map((n) => JSON.stringify(n.target)) }));
  });
}

/** The focused element through shadow roots: its tag, id, name, role and text. */
export function focused(page: Page): Promise<{ tag: string; id: string; name: string; role: string; text: string } | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    return { tag: element.tagName.toLowerCase(), id: element.id, name: element.getAttribute('name') ?? '', role: element.getAttribute('role') ?? '', text: (element.textContent ?? '').trim().slice(0, 60) };
  });
}

/** Presses Tab until `matches` holds for the focused element (at most `limit` presses); the stops on the way. */
export async function tabTo(page: Page, matches: (el: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, limit = 80): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (el) stops.push(el.id || el.name || `${el.tag}:${el.text}`);
    if (el && matches(el)) return stops;
  }
  throw new Error(`Tab never reached the element after ${limit} presses; stops: ${stops.join(' → ')}`);
}
