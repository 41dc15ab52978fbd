import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../../bench/browser.ts';
import { firstLoadFiles, formatFirstLoad, measureFiles } from '../../bench/first-load.ts';
import { PROJECT_ROOT } from '../../bench/server.ts';
import { APP_BUDGETS } from '../../src/core/defaults.ts';
import { newAppContext, openApp } from './app-page.ts';

/**
 * The first screen's JavaScript stays within its budget: what Chromium really fetches for the
 * Configure view before any interaction (gzip, as a server would send it) — the same files the
 * build's manifest says the first screen imports (bench/first-load.ts, `npm run size`).
 */
let browser: Browser;

beforeAll(async () => {
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the first load', () => {
  it(`is at most ${APP_BUDGETS.firstLoadGzipBytes / 1024} KB of gzip JavaScript, and nothing else loads before the first interaction`, async () => {
    const dist = join(PROJECT_ROOT, 'dist');
    const context = await newAppContext(browser);
    const { page, errors } = await openApp(context);
    await page.locator('fb-configure #run').waitFor();
    // Whatever the page would fetch on its own (idle callbacks, timers) has its chance.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.endsWith('.js')));
    const files = measureFiles(dist, fetched.map((path) => path.slice(1)));
    const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
    console.log(`first load (Chromium, before any interaction):\n${formatFirstLoad(files, APP_BUDGETS.firstLoadGzipBytes)}`);
    expect(total, formatFirstLoad(files, APP_BUDGETS.firstLoadGzipBytes)).toBeLessThanOrEqual(APP_BUDGETS.firstLoadGzipBytes);
    expect(new Set(fetched.map((path) => path.slice(1))), 'the manifest-based count (npm run size) is what the browser fetches').toEqual(new Set(firstLoadFiles(dist)));
    expect(fetched.filter((path) => /worker|tfjs/i.test(path)), 'no worker and no tfjs on the first screen').toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads the schema when the form is first touched, and each view when first shown', async () => {
    const context = await newAppContext(browser);
    const { page, errors } = await openApp(context);
    const scripts = async (): Promise<string[]> => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    const before = await scripts();
    await page.fill('fb-spec-form input[name="width"]', '3');
    await expect.poll(() => page.locator('fb-spec-form #f-width-msg').innerText()).toMatch(/width must be ≥ 8/);
    const afterEdit = await scripts();
    expect(afterEdit.length, 'the first edit loads the schema').toBeGreaterThan(before.length);
    const loadedByEdit = afterEdit.filter((p) => !before.includes(p));
    expect(before.some((p) => /spec-validate/.test(p)), 'the schema is not on the first screen').toBe(false);
    expect(loadedByEdit.some((p) => /spec-validate/.test(p)), `the first edit loads the schema chunk (it loaded ${loadedByEdit.join(', ')})`).toBe(true);
    await page.click('#tab-serving');
    await page.locator('fb-serving-form').waitFor();
    expect((await scripts()).some((p) => /fb-serving-view/.test(p)), 'the Serving view loads when shown').toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
