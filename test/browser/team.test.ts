import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { EXIT, main } from '../../bench/main.ts';
import { PROJECT_ROOT } from '../../bench/server.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { trendSchema, uploadReplySchema, type RunMeta, type Trend } from '../../src/core/store/api.ts';
import { deviceLabelOf, parseStoredRecord } from '../../src/core/store/record.ts';
import { formatTrendValue } from '../../src/ui/trend-format.ts';
import { captureIo } from '../bench/io.ts';
import { axeViolations } from './app-page.ts';

const ms = (value: number | null): string => formatTrendValue(value, 'ms');

// The Team view against a real `firstbatch server` (embedded PGlite in a temporary folder) holding
// three real runs of the CLI, uploaded as CI uploads them. A variant name carries HTML and a
// script: it must come out as text. FIRSTBATCH_SCREENSHOTS=DIR keeps pictures of the views.
const dir = mkdtempSync(join(tmpdir(), 'firstbatch-team-'));
const shots = process.env.FIRSTBATCH_SCREENSHOTS;
const ADMIN = 'team-test-admin-token';
const PROJECT = 'web-app';
const VARIANT = '<img src=x onerror="globalThis.injected=1"><script>globalThis.injected=2</script>mlp';
const SUITE = 'team <b>nightly</b>';
let server: RunningServer;
let browser: Browser;
const runs: { id: string; commit: string; file: string }[] = [];

/** One real run of the CLI (wasm mlp, 3 interleaved rounds, so each metric has an interval). */
async function cliRun(index: number): Promise<string> {
  const suite = join(dir, 'suite.json');
  writeFileSync(suite, JSON.stringify({
    kind: 'comparison',
    name: SUITE,
    base: { workload: 'mlp', backend: 'wasm', width: 32, steps: 5, warmupSteps: 1, servingQueries: 5, profileSteps: 0 },
    variants: [{ name: VARIANT, spec: {} }],
    metrics: ['ttfb.totalMs', 'steps.medianMs'],
    repetitions: 3,
    threshold: '10%',
  }));
  const out = join(dir, `run-${index}.json`);
  const capture = captureIo();
  expect(await main(['--suite', suite, '--json', out, '--no-build'], capture.io), capture.stderr()).toBe(EXIT.ok);
  return out;
}

async function upload(file: string, index: number): Promise<{ id: string; commit: string }> {
  const record: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const commit = `${(index + 1).toString(16).padStart(2, '0')}c0ffee${index}a1b2c3d4e5f60718293a4b5c6d7e8f9`.slice(0, 40);
  const meta: RunMeta = {
    commit,
    parentCommit: index === 0 ? null : runs[index - 1]!.commit,
    branch: 'main',
    createdAt: new Date(Date.UTC(2026, 11, 1, 9 + index)).toISOString(),
    ciUrl: null,
    device: deviceLabelOf(parseStoredRecord(record)) ?? 'wasm (cpu)',
  };
  const response = await fetch(`${server.url}/api/p/${PROJECT}/runs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ meta, record }) });
  expect(response.status, await response.clone().text()).toBe(201);
  return { id: uploadReplySchema.parse(await response.json()).id, commit };
}

async function appPage(url: string): Promise<Page> {
  const context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => globalThis.firstbatch?.ready === true && customElements.get('fb-app') !== undefined);
  return page;
}

async function trendOf(metric: string): Promise<Trend> {
  const series = (await (await fetch(`${server.url}/api/p/${PROJECT}/series?branch=main`)).json()) as { series: { device: string }[] };
  const query = new URLSearchParams({ suite: SUITE, variant: VARIANT, metric, device: series.series[0]!.device, branch: 'main' });
  return trendSchema.parse(await (await fetch(`${server.url}/api/p/${PROJECT}/trend?${query}`)).json());
}

beforeAll(async () => {
  server = await startServer({ data: join(dir, 'store'), port: 0, adminToken: ADMIN, appDir: resolve(PROJECT_ROOT, 'dist') });
  for (let i = 0; i < 3; i++) {
    const file = await cliRun(i);
    runs.push({ ...(await upload(file, i)), file });
  }
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Team view on a real results store', () => {
  it('shows the trend of three runs with their intervals; hover reads a run, a click opens it', async () => {
    const page = await appPage(`${server.url}/p/${PROJECT}/trend`);
    await page.locator('fb-team #series-matrix').waitFor();
    expect(await page.locator('fb-team th.variant').innerText(), 'the variant name is text').toBe(VARIANT);
    expect(await page.locator('fb-team #suite').inputValue()).toBe(SUITE);
    await page.locator('fb-trend #trend-points').waitFor();
    const trend = await trendOf('ttfb.totalMs');
    expect(trend.points.map((p) => p.runId)).toEqual(runs.map((r) => r.id));
    const rows = page.locator('fb-trend #trend-points tbody tr');
    expect(await rows.count()).toBe(3);
    for (const [i, point] of trend.points.entries()) {
      expect(point.low, 'three rounds give an interval').not.toBeNull();
      const text = await rows.nth(i).innerText();
      expect(text).toContain(point.commit.slice(0, 12));
      expect(text).toContain(`${ms(point.estimate)} (interval ${ms(point.low)} – ${ms(point.high)}, 3 jobs)`);
    }
    expect(await page.evaluate(() => (globalThis as { injected?: number }).injected), 'no markup from the store ran').toBeUndefined();
    expect(await axeViolations(page), 'axe-core (WCAG 2.1 A/AA) on the Team view with a trend').toEqual([]);

    const over = page.locator('fb-trend fb-chart .u-over');
    const box = (await over.boundingBox())!;
    const xOf = (i: number): number => box.x + ((i + 0.5) / 3) * box.width;
    await page.mouse.move(xOf(1), box.y + box.height / 2);
    await expect.poll(() => page.locator('fb-trend #hover-card').innerText()).toContain(trend.points[1]!.commit);
    expect(await page.locator('fb-trend #hover-card').innerText()).toContain(ms(trend.points[1]!.estimate));
    if (shots) await page.screenshot({ path: join(shots, 'app-team-three-runs.png'), fullPage: true });
    await page.mouse.click(xOf(2), box.y + box.height / 2);
    await page.waitForURL(`${server.url}/r/${runs[2]!.id}`);
    await page.locator('fb-results table[aria-label="comparison"]').waitFor();
    expect(await page.locator('fb-results .source').innerText()).toBe('opened from a link');
    await page.goBack();
    await page.locator('fb-trend #trend-points').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/p/${PROJECT}/trend`);

    await page.locator('fb-team #series-matrix button.series[aria-pressed=false]').first().click();
    const chosen = new URL(page.url()).searchParams;
    expect(chosen.get('variant'), 'the series picked is in the address').toBe(VARIANT);
    expect(chosen.get('metric')).toBe('steps.medianMs');
    const other = await trendOf(chosen.get('metric')!);
    await expect.poll(() => rows.first().innerText()).toContain(ms(other.points[0]!.estimate));
  });

  it('compares two picked runs side by side in the comparison view', async () => {
    const page = await appPage(`${server.url}/p/${PROJECT}/trend`);
    const rows = page.locator('fb-trend #trend-points tbody tr');
    await rows.first().waitFor();
    await expect(page.locator('fb-trend #compare-picked').isDisabled()).resolves.toBe(true);
    await rows.nth(2).locator('input[type=checkbox]').check();
    await rows.nth(0).locator('input[type=checkbox]').check();
    await page.locator('fb-trend #compare-picked').click();
    await page.waitForURL(`${server.url}/r/${runs[0]!.id}?compare=${runs[2]!.id}`);
    const table = await page.locator('fb-results table[aria-label="comparison"]').innerText();
    expect(table).toContain(`${VARIANT} · run 1 (baseline)`);
    expect(table).toContain(`${VARIANT} · run 2`);
    expect(await page.locator('fb-results h1').innerText()).toBe(`${SUITE} @ ${runs[0]!.commit.slice(0, 7)} vs ${SUITE} @ ${runs[2]!.commit.slice(0, 7)}`);
    await page.reload();
    await expect.poll(() => page.locator('fb-results table[aria-label="comparison"]').innerText(), { timeout: 20_000 }).toBe(table);
  });

  it('opens a stored run at /r/ID with the numbers its results file shows', async () => {
    const filePage = await appPage(`${server.url}/`);
    await filePage.locator('#tab-open').click();
    await filePage.locator('fb-results-file #file').setInputFiles(runs[1]!.file);
    const fromFile = await filePage.locator('fb-results table[aria-label="comparison"]').innerText();
    const page = await appPage(`${server.url}/r/${runs[1]!.id}`);
    await page.locator('fb-results table[aria-label="comparison"]').waitFor();
    expect(await page.locator('fb-results table[aria-label="comparison"]').innerText()).toBe(fromFile);
    expect(await page.locator('fb-results h1').innerText()).toBe(SUITE);
    expect(await page.locator('#stored-note').innerText()).toContain(`Stored run ${runs[1]!.id} of ${PROJECT}: commit ${runs[1]!.commit.slice(0, 12)} on main`);
    if (shots) await page.screenshot({ path: join(shots, 'app-stored-run.png') });
  });

  it('says so for a run the store does not have, and for an app served with no store', async () => {
    const missing = await appPage(`${server.url}/r/no-such-run`);
    await expect(missing.locator('#link-error').innerText()).resolves.toContain('stored run no-such-run is not in this results store');
    const plain = await appPage(`${inject('appUrl')}?view=team`);
    await plain.locator('fb-team input[name=project]').fill(PROJECT);
    await plain.locator('fb-team button[type=submit]').click();
    await expect(plain.locator('fb-team #team-error').innerText()).resolves.toContain('this address has no results store');
  });
});
