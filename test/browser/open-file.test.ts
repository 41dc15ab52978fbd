import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { EXIT, main } from '../../bench/main.ts';
import { formatDifference, formatInterval, formatSigned, formatValue, formatVariantEstimate } from '../../src/core/compare/cells.ts';
import { parseSuiteResultFile } from '../../src/core/compare/index.ts';
import type { Judgement } from '../../src/core/compare/judgement.ts';
import { captureIo } from '../bench/io.ts';

// A results file from the CLI, opened in the web app with the file picker, then shared as a link.
// FIRSTBATCH_SCREENSHOTS=DIR keeps a picture of each step (the docs' pictures are these).
const dir = mkdtempSync(join(tmpdir(), 'firstbatch-open-file-'));
const shots = process.env.FIRSTBATCH_SCREENSHOTS;
let browser: Browser;
let resultsPath: string;
/** What the CLI printed: its table (a wide terminal, so no cell is cut into blocks) and its share link. */
let cliTable: string;
let cliLink: string;

async function appPage(hash = ''): Promise<Page> {
  const context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${inject('appUrl')}${hash}`);
  await page.waitForFunction(() => globalThis.firstbatch?.ready === true && customElements.get('fb-app') !== undefined);
  return page;
}

beforeAll(async () => {
  resultsPath = join(dir, 'cli-results.json');
  const capture = captureIo();
  Object.assign(capture.io.stdout, { isTTY: true, columns: 400 });
  const argv = ['--workload', 'mlp', '--backend', 'cpu,wasm', '--width', '32', '--steps', '4', '--warmup-steps', '0', '--serving-queries', '4', '--profile-steps', '0', '--repetitions', '3', '--json', resultsPath, '--no-build'];
  expect(await main(argv, capture.io), capture.stderr()).toBe(EXIT.ok);
  cliTable = capture.stdout();
  cliLink = /share link \(\d+ KB\)[^:]*: (\S+)/.exec(capture.stderr())?.[1] ?? '';
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('a CLI results file in the web app', () => {
  it('opens by the file picker, shows the run, and shares it as a link that opens the same run', async () => {
    const page = await appPage();
    await page.locator('#tab-open').click();
    await page.locator('fb-results-file #file').waitFor({ state: 'attached' });
    if (shots) await page.screenshot({ path: join(shots, 'app-open-file.png') });
    await page.locator('fb-results-file #file').setInputFiles(resultsPath);
    await page.locator('fb-results .source').waitFor();
    expect(await page.locator('fb-results .source').innerText()).toBe('opened from a results file');
    expect(await page.locator('fb-results h1').innerText()).toBe('command line');
    const comparison = await page.locator('fb-results table[aria-label="comparison"]').innerText();
    expect(comparison).toContain('cpu (baseline)\twasm');
    if (shots) await page.screenshot({ path: join(shots, 'app-results-file-opened.png') });
    await page.locator('fb-results #copy-link').click();
    const link = await page.locator('fb-results #share-link').inputValue();
    expect(link.startsWith(`${inject('appUrl')}#r=v3.`)).toBe(true);
    if (shots) await page.screenshot({ path: join(shots, 'app-results-file-link.png') });

    const shared = await appPage(new URL(link).hash);
    await shared.locator('fb-results .source').waitFor();
    expect(await shared.locator('fb-results .source').innerText()).toBe('opened from a link');
    expect(await shared.locator('fb-results table[aria-label="comparison"]').innerText()).toBe(comparison);
    if (shots) await shared.screenshot({ path: join(shots, 'app-results-file-link-opened.png') });
  });

  it('shows the metrics, intervals and verdicts the CLI printed, opened as a file and as the CLI\'s link', async () => {
    const file = parseSuiteResultFile(JSON.parse(readFileSync(resultsPath, 'utf8')));
    const judged: Judgement | undefined = file.comparison && !('byDevice' in file.comparison) ? file.comparison : undefined;
    expect(judged, 'the results file carries the comparison the CLI printed').toBeDefined();
    if (!judged) return;
    const squash = (text: string): string => text.replace(/\s+/g, '');
    // What the CLI printed, cell by cell, from the judgement it wrote.
    for (const m of judged.metrics) {
      expect(cliTable).toContain(m.label);
      for (const v of m.variants) expect(cliTable).toContain(formatVariantEstimate(v, m.unit));
      for (const d of m.differences) expect(cliTable).toContain(`${formatDifference(d, m.unit)}`);
    }
    expect(new URL(cliLink).hash.startsWith('#r=v3.'), 'the CLI printed a v3 link').toBe(true);

    const filePage = await appPage();
    await filePage.locator('#tab-open').click();
    await filePage.locator('fb-results-file #file').setInputFiles(resultsPath);
    const linkPage = await appPage(new URL(cliLink).hash);
    for (const [how, page] of [['file', filePage], ['link', linkPage]] as const) {
      await page.locator('fb-results table[aria-label="comparison"]').waitFor();
      const rows = await page.locator('fb-results table[aria-label="comparison"] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => (td as HTMLElement).innerText)));
      expect(rows.map((r) => squash(r[0] ?? '')), `${how}: the metrics the CLI judged, no others`).toEqual(judged.metrics.map((m) => squash(`${m.label} (${m.unit})`)));
      judged.metrics.forEach((m, i) => {
        const row = rows[i] ?? [];
        m.variants.forEach((v, k) => {
          // With an interval the cell reads as the CLI's "value [low–high]"; without one, the value and how many jobs one needs.
          const expected = v.estimate ? formatVariantEstimate(v, m.unit) : `${formatValue(v.point, m.unit)}n=${v.n}${v.needs !== null && v.n > 0 ? `; CI needs ≥ ${v.needs}` : ''}`;
          expect(squash(row[1 + k] ?? ''), `${how}: ${m.label} of ${v.variant}`).toContain(squash(expected));
        });
        const d = m.differences[0];
        if (!d) return;
        const relative = d.needsPerSide === null ? `${formatSigned(d.relative.value, '%')}${formatInterval(d.relative, '%')}` : formatSigned(d.relative.value, '%');
        expect(squash(row[1 + m.variants.length + 1] ?? ''), `${how}: ${m.label} difference`).toContain(squash(relative));
        expect(row[1 + m.variants.length + 2], `${how}: ${m.label} verdict`).toBe(d.verdict);
        expect(cliTable, `the CLI printed the verdict of ${m.label}`).toMatch(new RegExp(`${m.label}.*${d.verdict}`));
      });
      expect(await page.locator('fb-results #recomputed').count(), `${how}: shown as judged, not recomputed`).toBe(0);
    }
  });

  it('a lab run with anatomy and efficiency opens with its lab (by phase), its anatomy and its roofline', async () => {
    const suitePath = join(dir, 'lab.json');
    const labPath = join(dir, 'lab-results.json');
    writeFileSync(suitePath, JSON.stringify({
      kind: 'lab',
      name: 'lab in the app',
      base: { workload: 'mlp', backend: 'cpu', width: 32, steps: 4, warmupSteps: 0, servingQueries: 0, profileSteps: 0, anatomySteps: 2, efficiency: true },
      variants: [{ name: 'cold', spec: {} }, { name: 'prewarm', spec: { prewarm: true } }],
      baseline: 'cold',
      metrics: ['ttfb.totalMs'],
      repetitions: 3,
      threshold: '10%',
    }));
    const capture = captureIo();
    expect(await main(['--suite', suitePath, '--json', labPath, '--no-build'], capture.io), capture.stderr()).toBe(EXIT.ok);
    const page = await appPage();
    await page.locator('#tab-open').click();
    await page.locator('fb-results-file #file').setInputFiles(labPath);
    await page.locator('fb-ttfb-lab table[aria-label="TTFB lab"]').waitFor();
    await page.locator('fb-ttfb-lab #lab-phases summary').click();
    const phases = await page.locator('fb-ttfb-lab table[aria-label="TTFB by phase"]').innerText();
    expect(phases).toContain('prewarm − cold (95% CI)');
    for (const phase of ['TTFB', 'spawn', 'import', 'first-step']) expect(phases).toMatch(new RegExp(`^${phase}\t`, 'm'));
    const anatomy = await page.locator('fb-step-anatomy section').innerText();
    expect(anatomy, 'the anatomy survives the app rendering runs at link precision').not.toContain('No anatomy');
    expect(anatomy).toContain('JS dispatch');
    await expect(page.locator('fb-roofline section').first().innerText()).resolves.toMatch(/cpu peak measured in this run: [\d.]+ GFLOP\/s/);
  });

  it('a file from a newer firstbatch, or not a results file, is refused with the reason', async () => {
    const page = await appPage();
    await page.locator('#tab-open').click();
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ ...JSON.parse(readFileSync(resultsPath, 'utf8')), schemaVersion: 2 }));
    await page.locator('fb-results-file #file').setInputFiles(newer);
    await expect(page.locator('fb-results-file #file-error').innerText()).resolves.toContain('newer.json: invalid results file: schemaVersion 2 was written by a newer firstbatch (firstbatch 0.1.0); this one reads schemaVersion 1: upgrade firstbatch to open it');
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"schemaVersion": 1, "results": [{"spec": 3}]');
    await page.locator('fb-results-file #file').setInputFiles(garbage);
    await expect(page.locator('fb-results-file #file-error').innerText()).resolves.toMatch(/^garbage\.json is not JSON/);
  });
});
