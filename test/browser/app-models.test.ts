import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { saveLayersModel, smallCnn } from '../fixtures/models/make-models.ts';

/**
 * A user's model in the web app: model.json and its shard picked from disk (kept in the page,
 * never uploaded), trained and served, shown in the results' Models panel; its share link says
 * the model came from local files and cannot re-run it elsewhere. A job module waits for consent.
 */
let browser: Browser;
let page: Page;
let dir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firstbatch-app-models-'));
  await saveLayersModel(smallCnn(), dir, { loss: 'categorical_crossentropy' });
  browser = await openBrowser();
  const context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(inject('appUrl'));
  await page.waitForFunction(() => globalThis.firstbatch?.ready === true && customElements.get('fb-app') !== undefined);
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a model picked from disk', () => {
  it('names the picked files in the spec and clears the workload', async () => {
    await page.setInputFiles('fb-spec-form input[name="model-files"]', [join(dir, 'model.json'), join(dir, 'weights.bin')]);
    await expect(page.locator('fb-configure #pick-note').innerText()).resolves.toMatch(/^model\.json \+ 1 weight file \(\d+\.\d KiB\) from this computer: kept in this page, never uploaded/);
    await expect(page.locator('fb-spec-form input[name="model"]').inputValue()).resolves.toBe('picked:model.json');
    await expect(page.locator('fb-spec-form select[name="workload"]').inputValue()).resolves.toBe('');
  });

  it('trains and serves it, and shows what the model cost', async () => {
    await page.fill('input[name="knob-0"]', 'cpu');
    for (const [name, value] of Object.entries({ steps: '2', warmupSteps: '0', servingQueries: '2', profileSteps: '0', batchSize: '8' })) {
      await page.fill(`fb-spec-form input[name="${name}"]`, value);
    }
    await page.fill('fb-configure input[name="repetitions"]', '1');
    await page.click('fb-configure #run');
    await page.locator('fb-results #copy-link').waitFor({ timeout: 120_000 });
    const row = await page.locator('fb-model-panel tbody tr').innerText();
    expect(row).toMatch(/layers-model, train \(categorical-crossentropy\)\s+first loss\s+1,626\s+6\.5 kB \/ [\d.]+ kB/);
    expect(row, 'cpu is its own reference').toMatch(/reference$/);
    await expect(page.locator('fb-model-panel #picked-note').isVisible()).resolves.toBe(true);
    const phases = await page.locator('fb-ttfb-waterfall thead').innerText();
    expect(phases).toMatch(/load/);
  });

  it('shares the results, not the model: elsewhere the link says so and cannot re-run it', async () => {
    await page.click('fb-results #copy-link');
    const link = await page.locator('#share-link').inputValue();
    const other = await (await newEvaluableContext(browser)).newPage();
    await other.goto(link);
    await other.locator('fb-results #run-again').waitFor();
    await expect(other.locator('fb-model-panel #picked-note').isVisible()).resolves.toBe(true);
    await other.click('fb-results #run-again');
    await other.locator('fb-results td.error').first().waitFor({ timeout: 60_000 });
    await expect(other.locator('fb-results td.error').allInnerTexts().then((t) => t.join('\n'))).resolves.toMatch(/came from files picked in another browser: pick model\.json and its shards here to run it/);
    await other.close();
  });
});

describe('a job module from a URL', () => {
  it('is code: Run waits until the user confirms that URL', async () => {
    await page.click('#tab-configure');
    await page.fill('fb-spec-form input[name="model"]', '');
    await page.fill('fb-spec-form input[name="job"]', 'https://example.test/my-job.js');
    await expect(page.locator('fb-configure #run').isDisabled()).resolves.toBe(true);
    await expect(page.locator('fb-configure .error').allInnerTexts().then((t) => t.join('\n'))).resolves.toMatch(/a job module is code: confirm below that https:\/\/example\.test\/my-job\.js may run in this page/);
    await page.check('fb-configure input[name="confirm-job"]');
    await expect(page.locator('fb-configure #run').isEnabled()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
