import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../../bench/browser.ts';
import { newAppContext, openApp } from './app-page.ts';

/**
 * Serving scenarios in the web app, in real Chromium: configured in forms with inline errors,
 * run with real workers (cpu, small models: each asserts what the report shows, not speed),
 * read as tables and uPlot charts, cancelled, kept in History and shared as links.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

async function fill(fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const control = page.locator(`fb-serving-form [name="${name}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

async function chooseKind(kind: string): Promise<void> {
  await page.check(`fb-serving-form input[value="${kind}"]`);
}

/** Runs the scenario in the form and waits for its report. */
async function runScenario(): Promise<void> {
  await page.click('fb-serving-view #serving-run');
  await page.locator('fb-serving-view #serving-cancel:enabled').waitFor();
  await page.locator('fb-serving-report').waitFor({ timeout: 240_000 });
}

beforeAll(async () => {
  browser = await openBrowser();
  context = await newAppContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL((await import('vitest')).inject('appUrl')).origin });
  ({ page, errors } = await openApp(context, '?view=serving'));
  await page.locator('fb-serving-form').waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const SMALL_MODEL = { 'model.workload': 'ranker', 'model.backend': 'cpu', 'model.width': '32', 'model.steps': '4' };

describe('serving in the web app', () => {
  it('names a bad field inline, with the CLI\'s words, and will not run until it is fixed', async () => {
    await page.selectOption('fb-serving-view #serving-preset', 'Server (ranker, cpu)');
    await fill({ durationMs: '50' });
    await expect(page.locator('fb-serving-form #s-durationMs-msg').innerText()).resolves.toBe('durationMs must be ≥ 100 (got 50)');
    await expect(page.locator('fb-serving-form [name="durationMs"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('fb-serving-view #serving-run').isDisabled()).resolves.toBe(true);
    await fill({ 'model.width': '3' });
    await expect(page.locator('fb-serving-form #s-model-width-msg').innerText()).resolves.toBe('model.width must be ≥ 8 (got 3, allowed 8…4096)');
  });

  let finding = '';
  let rates: string[] = [];
  it('runs a Server scenario with its QPS search: the finding, latency against rate and over time, every rate in a table', async () => {
    await fill({ ...SMALL_MODEL, name: 'server search', durationMs: '800', minQueries: '20', sweepQps: '', latencyTargetMs: '60', 'search.lowQps': '5', 'search.highQps': '160', 'search.maxProbes': '4' });
    await runScenario();
    finding = await page.locator('fb-serving-server #server-finding').innerText();
    expect(finding).toMatch(/^(Largest rate meeting p99 ≤ 60\.0 ms: [\d.]+ QPS|No rate met the p99 target of 60\.0 ms)/);
    rates = await page.locator('fb-serving-server table[aria-label="server rates"] tbody tr').allInnerTexts();
    expect(rates.length, 'one row per probe of the search').toBeGreaterThanOrEqual(2);
    expect(rates.length).toBeLessThanOrEqual(4);
    for (const row of rates) expect(row).toMatch(/\tsearch\t.*\t(yes|no)$/);
    await expect(page.locator('fb-serving-report fb-chart canvas').count(), 'latency against rate, and over time').resolves.toBe(2);
    await expect(page.locator('fb-serving-timeline .legend').innerText()).resolves.toMatch(/baseline queries[\s\S]*latency target 60\.0 ms/);
    // The app saves the run to History after it shows the report; the address follows the save.
    await expect.poll(() => new URL(page.url()).search, { message: 'the run is in the address', timeout: 10_000 }).toMatch(/^\?view=serving&run=\d+$/);
  });

  it('shares the run as a link that opens the same report, and keeps it in History', async () => {
    await page.click('fb-serving-view #serving-copy-link');
    const link = await page.locator('fb-serving-view #serving-share-link').inputValue();
    expect(link).toMatch(/#r=v3\.[A-Za-z0-9_-]+$/);
    const shared = await openApp(context, link.slice(link.indexOf('#')));
    await shared.page.locator('fb-serving-server #server-finding').waitFor();
    await expect(shared.page.locator('fb-serving-view .source').innerText()).resolves.toBe('opened from a link');
    await expect(shared.page.locator('fb-serving-server #server-finding').innerText()).resolves.toBe(finding);
    await expect(shared.page.locator('fb-serving-server table[aria-label="server rates"] tbody tr').allInnerTexts()).resolves.toEqual(rates);
    // Loading it back into the form gives the suite that ran.
    await shared.page.click('fb-serving-view #serving-load');
    await expect(shared.page.locator('fb-serving-form [name="search.highQps"]').inputValue()).resolves.toBe('160');
    expect(shared.errors).toEqual([]);
    await shared.page.close();
    await page.click('#tab-history');
    await expect(page.locator('fb-history tbody tr[data-kind="serving"]', { hasText: 'server search' }).locator('.kind').innerText()).resolves.toBe('serving · server');
  });

  it('runs a canary and shows its verdict, its checks and the traffic over time', async () => {
    await page.click('#tab-serving');
    await chooseKind('canary');
    await fill({
      name: 'canary check', share: '0.3', qps: '40', queries: '160', warmupQueries: '5', holdoutExamples: '200', 'policy.minCanaryQueries': '10',
      'baseline.backend': 'cpu', 'baseline.workload': 'mlp', 'baseline.width': '64', 'baseline.steps': '4',
      'candidate.backend': 'cpu', 'candidate.workload': 'mlp', 'candidate.width': '64', 'candidate.steps': '4', 'candidate.seed': '2',
    });
    await runScenario();
    const verdict = await page.locator('fb-canary-verdict #canary-verdict').innerText();
    expect(verdict).toMatch(/^(✓ promote|✗ roll back|\? inconclusive)/);
    const checks = await page.locator('fb-canary-verdict table[aria-label="canary checks"] tbody tr').allInnerTexts();
    expect(checks.length).toBeGreaterThanOrEqual(3);
    for (const row of checks) expect(row).toMatch(/\t(pass|fail|inconclusive)\t/);
    await expect(page.locator('fb-canary-verdict fb-chart canvas').count()).resolves.toBe(1);
    await expect(page.locator('fb-serving-timeline .legend').innerText()).resolves.toMatch(/baseline queries[\s\S]*candidate queries[\s\S]*candidate share of the last \d+ queries/);
  });

  it('runs drift detection and draws the statistic against its threshold', async () => {
    await chooseKind('drift');
    await page.selectOption('fb-serving-form [name="injection.kind"]', 'mean-shift');
    await fill({ ...SMALL_MODEL, name: 'drift check', queries: '600', referenceSize: '1000', 'injection.feature': '2', 'injection.shiftSd': '1', 'injection.atQuery': '300', 'detector.windowSize': '100' });
    await runScenario();
    await expect(page.locator('fb-serving-report #drift-finding').innerText()).resolves.toMatch(/^Shift from query 300: detected in [01] of 1 stream, false alarms in [01]/);
    await expect(page.locator('fb-serving-drift fb-chart canvas').count()).resolves.toBe(1);
    await expect(page.locator('fb-serving-drift .legend').innerText()).resolves.toMatch(/KS D \/ threshold[\s\S]*PSI \/ threshold[\s\S]*alarm threshold \(1\)[\s\S]*injected shift at query 300/);
  });

  it('says how many queries carried a categorical value training never saw, and counts it as a detection', async () => {
    await chooseKind('drift');
    await page.selectOption('fb-serving-form [name="injection.kind"]', 'unseen-category');
    await fill({ ...SMALL_MODEL, name: 'unseen check', queries: '600', referenceSize: '1000', 'injection.field': '3', 'injection.rate': '0.2', 'injection.atQuery': '300', 'detector.windowSize': '100' });
    await runScenario();
    await expect(page.locator('fb-serving-report #drift-unseen').innerText()).resolves.toMatch(/^Unseen categorical values \(counted; the model was served a valid id\): field 3: \d+ queries with an unseen value \(first at query 3\d\d\)\.$/);
    await expect(page.locator('fb-serving-report #drift-finding').innerText()).resolves.toMatch(/^Shift from query 300: detected in 1 of 1 stream/);
  });

  it('cancels a run: its workers end, nothing is kept, the form works again', async () => {
    await page.click('#tab-history');
    // The history view loads on first show: count its rows once its list is there.
    await page.locator('fb-history #history-heading').waitFor();
    const stored = await page.locator('fb-history tbody tr').count();
    await page.click('#tab-serving');
    await chooseKind('single-stream');
    await fill({ ...SMALL_MODEL, name: 'long stream', minQueries: '100000', minDurationMs: '600000' });
    await page.click('fb-serving-view #serving-run');
    await page.locator('fb-serving-view .lines li, fb-serving-view [role="status"]:text-matches("elapsed")').first().waitFor();
    await page.click('fb-serving-view #serving-cancel');
    await expect.poll(() => page.locator('fb-serving-view [role="status"]').innerText(), { timeout: 30_000 }).toMatch(/cancelled: its workers were terminated/);
    await expect(page.locator('fb-serving-view #serving-run').isEnabled()).resolves.toBe(true);
    await page.click('#tab-history');
    await expect.poll(() => page.locator('fb-history tbody tr').count()).toBe(stored);
    await expect(page.locator('fb-history table').innerText()).resolves.not.toContain('long stream');
    expect(errors).toEqual([]);
  });
});
