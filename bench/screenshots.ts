/**
 * `npm run screenshots`: builds the app, makes real runs in headless Chromium (a comparison, a
 * Server scenario with its QPS search, a canary and drift detection; small, cpu/wasm) and saves
 * every view at 1280 and 390 px wide, light and dark, as docs/screenshots/<view>-<width>-<scheme>.png.
 * The runs are made once and carried to each layout as a history file, so every picture shows
 * the same numbers. Writes the share link of each run to .bench-out/screenshot-links.json
 * (test/fixtures/share keeps some as fixtures).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newEvaluableContext, openBrowser } from './browser.ts';
import { PROJECT_ROOT, serveApp } from './server.ts';
import { APP_LAYOUTS as LAYOUTS } from '../src/core/defaults.ts';

const OUT = join(PROJECT_ROOT, 'docs', 'screenshots');
type Layout = (typeof LAYOUTS)[number];

async function fill(page: Page, scope: string, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const control = page.locator(`${scope} [name="${name}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
}

async function runServing(page: Page, preset: string, fields: Record<string, string>): Promise<string> {
  await page.click('#tab-serving');
  await page.selectOption('fb-serving-view #serving-preset', preset);
  await fill(page, 'fb-serving-form', fields);
  await page.click('fb-serving-view #serving-run');
  await page.locator('fb-serving-report').waitFor({ timeout: 600_000 });
  await page.click('fb-serving-view #serving-copy-link');
  return page.locator('fb-serving-view #serving-share-link').inputValue();
}

/** Starts an auto-sampled comparison and waits until the Run view shows its ETA. */
async function startAutoSampling(page: Page): Promise<void> {
  await page.click('#tab-configure');
  await page.fill('fb-configure input[name="knob-0"]', 'cpu, wasm');
  await page.check('fb-configure input[name="sampling"][value="auto"]');
  await page.fill('fb-configure input[name="budget"]', '5');
  await page.fill('fb-configure input[name="title"]', 'mlp: cpu vs wasm, auto-sampled');
  await page.click('fb-configure #run');
  // After the first rounds: the runner's note on what is unresolved, the ETA and the live charts.
  await page.locator('fb-run-queue .notes li').first().waitFor({ timeout: 300_000 });
  await page.locator('fb-run-queue #eta:text-matches("^ETA \\\\d")').waitFor({ timeout: 300_000 });
  await page.locator('fb-run-queue fb-chart canvas').first().waitFor({ timeout: 300_000 }).catch(() => undefined);
}

/** The runs every layout shows, made once: returns the history file and the share links. */
async function makeRuns(browser: Browser, appUrl: string): Promise<{ history: Buffer; links: Record<string, string> }> {
  const context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(appUrl);
  const links: Record<string, string> = {};
  console.log('comparison: mlp cpu vs wasm, 3 repetitions…');
  await page.fill('fb-configure input[name="knob-0"]', 'cpu, wasm');
  await page.click('fb-configure #run');
  await page.locator('fb-results h1').waitFor({ timeout: 600_000 });
  await page.click('fb-results #copy-link');
  links.comparison = await page.locator('fb-results #share-link').inputValue();
  console.log('server: ranker on cpu, a QPS sweep and the max-QPS search…');
  links.server = await runServing(page, 'Server (ranker, cpu)', {
    name: 'Server: ranker on cpu, max QPS at p99 ≤ 20 ms', latencyTargetMs: '20', durationMs: '1500', sweepQps: '100, 400, 1600', 'search.lowQps': '100', 'search.highQps': '6400',
  });
  console.log('canary: a 20% costlier mlp on wasm…');
  links.canary = await runServing(page, 'Canary (5%, 20% costlier, wasm)', { name: 'Canary: mlp w922 vs w768 on wasm', share: '0.2', qps: '40', queries: '600', expect: 'roll back' });
  console.log('drift: a 0.5 SD mean shift…');
  links.drift = await runServing(page, 'Drift (0.5 SD mean shift)', { name: 'Drift: 0.5 SD mean shift in feature 2' });
  await page.click('#tab-history');
  const download = page.waitForEvent('download');
  await page.click('fb-history #export-history');
  const history = readFileSync(await (await download).path());
  await context.close();
  return { history, links };
}

async function shoot(page: Page, name: string, layout: Layout): Promise<void> {
  await page.waitForTimeout(400);
  const path = join(OUT, `${name}-${layout.width}-${layout.scheme}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`  ${path.slice(PROJECT_ROOT.length)}`);
}

async function shootLayout(browser: Browser, appUrl: string, history: Buffer, layout: Layout): Promise<void> {
  const context: BrowserContext = await newEvaluableContext(browser, { viewport: { width: layout.width, height: 900 }, colorScheme: layout.scheme });
  const page = await context.newPage();
  await page.goto(`${appUrl}?view=history`);
  await page.setInputFiles('fb-history #import-history', { name: 'history.json', mimeType: 'application/json', buffer: history });
  await page.locator('fb-history tr', { hasText: 'Canary' }).waitFor();
  const idOf = async (text: string): Promise<string> => (await page.locator('fb-history tr', { hasText: text }).first().getAttribute('data-run-id')) ?? '';
  const ids = { comparison: await idOf('mlp: cpu vs wasm'), server: await idOf('Server: ranker'), canary: await idOf('Canary: mlp'), drift: await idOf('Drift: 0.5') };
  await page.click('fb-history #history-notice button');
  await shoot(page, 'history', layout);
  await page.goto(appUrl);
  await page.locator('fb-configure #run').waitFor();
  await shoot(page, 'configure', layout);
  await startAutoSampling(page);
  await shoot(page, 'running', layout);
  await page.click('fb-run-queue #cancel');
  await page.locator('fb-results h1').waitFor({ timeout: 300_000 }).catch(() => undefined);
  await page.goto(`${appUrl}?view=results&run=${ids.comparison}`);
  await page.locator('fb-results fb-comparison-table table').waitFor();
  await shoot(page, 'results', layout);
  for (const kind of ['server', 'canary', 'drift'] as const) {
    await page.goto(`${appUrl}?view=serving&run=${ids[kind]}`);
    await page.locator('fb-serving-report fb-chart canvas').first().waitFor();
    await shoot(page, `serving-${kind}`, layout);
  }
  await context.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await serveApp();
  const browser = await openBrowser();
  try {
    const { history, links } = await makeRuns(browser, server.url);
    mkdirSync(join(PROJECT_ROOT, '.bench-out'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, '.bench-out', 'screenshot-links.json'), `${JSON.stringify(links, null, 2)}\n`);
    for (const [name, link] of Object.entries(links)) console.log(`${name} link: ${link.length} characters (.bench-out/screenshot-links.json)`);
    for (const layout of LAYOUTS) {
      console.log(`${layout.width} px, ${layout.scheme}:`);
      await shootLayout(browser, server.url, history, layout);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
