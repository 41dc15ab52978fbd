import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../../bench/browser.ts';
import { newAppContext, openApp } from './app-page.ts';

/**
 * Auto-sampling in the web app, through the suite runner the CLI uses: rounds are added until
 * every difference is resolved or the budget ends, with elapsed time and an ETA on the way; the
 * page guards leaving while it runs and notes time spent hidden.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('auto-sampling', () => {
  it('runs rounds until the budget, shows elapsed time and the ETA, guards leaving, notes a hidden tab, and reports how it stopped', async () => {
    const context = await newAppContext(browser);
    const { page, errors } = await openApp(context);
    await page.fill('fb-configure input[name="knob-0"]', 'cpu, wasm');
    for (const [name, value] of Object.entries({ steps: '2', warmupSteps: '0', servingQueries: '3', profileSteps: '0' })) await page.fill(`fb-spec-form input[name="${name}"]`, value);
    await page.check('fb-configure input[name="sampling"][value="auto"]');
    await page.fill('fb-configure input[name="budget"]', '0.5');
    await expect(page.locator('fb-configure #run').innerText()).resolves.toBe('Run ≥ 6 jobs');
    await page.click('fb-configure #run');

    await expect.poll(() => page.locator('fb-run-queue #eta').innerText(), { timeout: 60_000 }).toMatch(/^ETA \d+:\d\d$/);
    await expect(page.locator('fb-run-queue #elapsed').innerText()).resolves.toMatch(/^\d+:\d\d$/);
    await expect(page.locator('fb-run-queue #budget').innerText()).resolves.toMatch(/^auto-sampling: more rounds until every difference is resolved or the budget ends — \d+:\d\d of 0:30 left$/);

    // Leaving a running page asks first.
    const dialogs: string[] = [];
    page.removeAllListeners('dialog');
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    expect(page.isClosed(), 'dismissing the question keeps the page').toBe(false);

    // A hidden tab is noted: its timers are throttled. Headless Chromium keeps every tab visible,
    // so the page is told it was hidden the way a browser tells it: visibilityState and its event.
    const setVisibility = (state: 'hidden' | 'visible') => page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
    await setVisibility('hidden');
    await page.waitForTimeout(1200);
    await setVisibility('visible');
    await expect.poll(() => page.locator('fb-run-queue #hidden-note').innerText().catch(() => '')).toMatch(/^This tab was hidden for \d+:\d\d during the run/);

    await page.locator('fb-results h1').waitFor({ timeout: 180_000 });
    const sampling = await page.locator('fb-results #sampling').innerText();
    expect(sampling).toMatch(/^Auto-sampling: (resolved after \d+ rounds|budget spent after \d+ rounds.*: \d+ differences? unresolved)/);
    const rounds = Number(/after (\d+) rounds/.exec(sampling)?.[1]);
    expect(rounds, 'at least the 3 rounds auto-sampling starts from').toBeGreaterThanOrEqual(3);
    const jobs = Number(/(\d+) jobs/.exec(await page.locator('fb-results .title .muted').innerText())?.[1]);
    expect(jobs).toBe(2 * rounds);
    expect(errors.filter((e) => !e.startsWith('dialog: beforeunload'))).toEqual([]);
    await context.close();
  });
});
