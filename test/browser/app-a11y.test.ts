import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser } from '../../bench/browser.ts';
import { axeViolations, focused, newAppContext, openApp, tabTo, type AxeViolation } from './app-page.ts';
import { APP_LAYOUTS as LAYOUTS } from '../../src/core/defaults.ts';

/**
 * Accessibility in real Chromium: axe-core (WCAG 2.1 A/AA and best practices) over every view,
 * at 1280 and 390 px wide, light and dark; the keyboard alone walks a whole run; Back and
 * reload keep the view and the runs shown.
 */
let browser: Browser;
let historyFile: Buffer;

const TINY = { steps: '2', warmupSteps: '0', servingQueries: '3', profileSteps: '0' };

async function startTinyRun(page: Page, title: string, repetitions = '2'): Promise<void> {
  await page.click('#tab-configure');
  await page.fill('fb-configure input[name="knob-0"]', 'cpu, wasm');
  for (const [name, value] of Object.entries(TINY)) await page.fill(`fb-spec-form input[name="${name}"]`, value);
  await page.fill('fb-configure input[name="repetitions"]', repetitions);
  await page.fill('fb-configure input[name="title"]', title);
  await page.click('fb-configure #run');
}

async function runServing(page: Page, kind: string, fields: Record<string, string>): Promise<void> {
  await page.click('#tab-serving');
  await page.check(`fb-serving-form input[value="${kind}"]`);
  for (const [name, value] of Object.entries(fields)) {
    const control = page.locator(`fb-serving-form [name="${name}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
  await page.click('fb-serving-view #serving-run');
  await page.locator('fb-serving-report').waitFor({ timeout: 240_000 });
}

beforeAll(async () => {
  browser = await openBrowser();
  // Runs of each kind, made once and carried to every screen size and colour scheme as a history file.
  const context = await newAppContext(browser, { acceptDownloads: true });
  const { page } = await openApp(context);
  await startTinyRun(page, 'a11y comparison');
  await page.locator('fb-results h1').waitFor({ timeout: 120_000 });
  const model = { 'model.workload': 'ranker', 'model.backend': 'cpu', 'model.width': '32', 'model.steps': '4' };
  await runServing(page, 'server', { ...model, name: 'a11y server', durationMs: '500', minQueries: '10', sweepQps: '', 'search.lowQps': '5', 'search.highQps': '80', 'search.maxProbes': '3' });
  await runServing(page, 'canary', {
    name: 'a11y canary', share: '0.3', qps: '40', queries: '120', warmupQueries: '3', holdoutExamples: '100', 'policy.minCanaryQueries': '10',
    'baseline.backend': 'cpu', 'baseline.width': '64', 'baseline.steps': '4', 'candidate.backend': 'cpu', 'candidate.width': '64', 'candidate.steps': '4',
  });
  await page.click('#tab-history');
  const download = page.waitForEvent('download');
  await page.click('fb-history #export-history');
  historyFile = readFileSync(await (await download).path());
  await context.close();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('axe-core finds no serious or critical violation', () => {
  it.each(LAYOUTS)('in any view at $width px, $scheme', async ({ width, scheme }) => {
    const context = await newAppContext(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
    const { page, errors } = await openApp(context, '?view=history');
    await page.setInputFiles('fb-history #import-history', { name: 'history.json', mimeType: 'application/json', buffer: historyFile });
    await page.locator('fb-history tr', { hasText: 'a11y canary' }).waitFor();
    const found: (AxeViolation & { view: string })[] = [];
    const check = async (view: string): Promise<void> => {
      for (const v of await axeViolations(page)) found.push({ ...v, view });
    };
    await check('history');
    const idOf = async (title: string): Promise<string> => (await page.locator('fb-history tr', { hasText: title }).first().getAttribute('data-run-id')) ?? '';
    const ids = { comparison: await idOf('a11y comparison'), server: await idOf('a11y server'), canary: await idOf('a11y canary') };
    await page.goto(`${inject('appUrl')}?view=results&run=${ids.comparison}`);
    await page.locator('fb-results fb-comparison-table table').waitFor();
    await check('results');
    for (const kind of ['server', 'canary'] as const) {
      await page.goto(`${inject('appUrl')}?view=serving&run=${ids[kind]}`);
      await page.locator('fb-serving-report fb-chart canvas').first().waitFor();
      await check(`serving (${kind})`);
    }
    await page.goto(inject('appUrl'));
    await page.locator('fb-configure #run').waitFor();
    await check('configure');
    await startTinyRun(page, 'a11y live', '1');
    await page.locator('fb-run-queue #timing').waitFor();
    await check('run');
    await page.locator('fb-results h1').waitFor({ timeout: 120_000 });
    await page.goto(`${inject('appUrl')}?view=open`);
    await page.locator('fb-results-file #file').waitFor({ state: 'attached' });
    await check('open file');
    const byImpact = Object.fromEntries(['critical', 'serious', 'moderate', 'minor'].map((impact) => [impact, found.filter((v) => v.impact === impact).length]));
    console.log(`axe at ${width} px, ${scheme}: ${JSON.stringify(byImpact)}${found.length > 0 ? `\n${found.map((v) => `  ${v.view}: ${v.impact} ${v.id} — ${v.help} ${v.targets.join(' ')}`).join('\n')}` : ''}`);
    expect(found.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    if (width === 390) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'nothing wider than the phone screen').toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the keyboard alone', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newAppContext(browser);
    ({ page } = await openApp(context));
  });
  afterAll(async () => {
    await context.close();
  });

  it('moves between views with the arrow keys (WAI-ARIA tabs), each view in the address', async () => {
    await tabTo(page, (el) => el.role === 'tab');
    expect(await focused(page)).toMatchObject({ id: 'tab-configure', role: 'tab' });
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ id: 'tab-run' });
    await expect(page.locator('#tab-run').getAttribute('aria-selected')).resolves.toBe('true');
    expect(new URL(page.url()).search).toBe('?view=run');
    await page.keyboard.press('End');
    expect(await focused(page)).toMatchObject({ id: 'tab-open' });
    await page.keyboard.press('ArrowRight');
    expect(await focused(page), 'the arrows wrap').toMatchObject({ id: 'tab-configure' });
    await expect(page.locator('#panel-configure').isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).search).toBe('');
  });

  it('configures, runs and shares a comparison', async () => {
    const typeInto = async (name: string, value: string): Promise<void> => {
      await tabTo(page, (el) => el.name === name);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
    };
    // Tab order follows the form: the spec's fields, then the comparison's.
    await typeInto('steps', TINY.steps);
    await typeInto('warmupSteps', TINY.warmupSteps);
    await typeInto('profileSteps', TINY.profileSteps);
    await typeInto('servingQueries', TINY.servingQueries);
    await typeInto('knob-0', 'cpu, wasm');
    await typeInto('repetitions', '2');
    await typeInto('title', 'keyboard run');
    await tabTo(page, (el) => el.id === 'run');
    await expect(page.locator('fb-configure #run').innerText()).resolves.toBe('Run 4 jobs');
    await page.keyboard.press('Enter');
    // The app moves focus to the Run view; Cancel is the next stop.
    await expect.poll(() => focused(page)).toMatchObject({ id: 'panel-run' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'cancel' });
    // When the run ends, focus moves to its results; Copy link is reachable and works with Enter.
    await expect.poll(() => focused(page), { timeout: 120_000 }).toMatchObject({ id: 'panel-results' });
    await tabTo(page, (el) => el.id === 'copy-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('fb-results #share-link').inputValue()).toMatch(/#r=v3\./);
  });

  it('keeps the view and the run through Back, Forward and reload', async () => {
    const results = page.url();
    expect(new URL(results).search).toMatch(/^\?view=results&run=\d+$/);
    await page.click('#tab-history');
    await page.locator('fb-history tr', { hasText: 'keyboard run' }).waitFor();
    await page.goBack();
    await expect.poll(() => page.locator('fb-results h1').innerText().catch(() => '')).toBe('keyboard run');
    await page.reload();
    await expect.poll(() => page.locator('fb-results h1').innerText().catch(() => '')).toBe('keyboard run');
    await expect(page.locator('#tab-results').getAttribute('aria-selected')).resolves.toBe('true');
    await page.goForward();
    await page.locator('fb-history tr', { hasText: 'keyboard run' }).waitFor();
  });
});
