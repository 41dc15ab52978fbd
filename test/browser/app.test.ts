import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { pageFiles } from './app-files.ts';

/**
 * The web app in real Chromium: configure and run a two-variant comparison of
 * tiny jobs, read charts and verdicts, share the run as a link and open it
 * with no network, refuse malicious links, and keep history across reloads.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
let appUrl: string;
const pageErrors: string[] = [];

async function newAppPage(hash = ''): Promise<Page> {
  const p = await context.newPage();
  p.on('pageerror', (error) => pageErrors.push(error.message));
  p.on('dialog', (dialog) => {
    pageErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await p.goto(`${appUrl}${hash}`);
  await p.waitForFunction(() => globalThis.firstbatch?.ready === true && customElements.get('fb-app') !== undefined);
  return p;
}

/** Texts of the results' number tables, to compare two renderings. */
function resultNumbers(p: Page): Promise<string[]> {
  return p.locator('fb-results table[aria-label="TTFB phases"], fb-results table[aria-label="comparison"], fb-results table[aria-label="step time"], fb-results table[aria-label="serving latency"]').allInnerTexts();
}

beforeAll(async () => {
  appUrl = inject('appUrl');
  browser = await openBrowser();
  context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin });
  page = await newAppPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('the web app', () => {
  it('is usable before any job runs, and loads no tfjs on the page', async () => {
    await expect(page.locator('fb-configure #run').isEnabled()).resolves.toBe(true);
    await expect(page.locator('fb-configure #run').innerText()).resolves.toMatch(/Run 6 jobs/);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.filter((name) => /tfjs|worker/i.test(name)), 'tfjs loads only inside job workers').toEqual([]);
  });

  it('validates the spec inline with the CLI schema (loaded on the first edit)', async () => {
    await page.fill('fb-spec-form input[name="width"]', '3');
    await expect.poll(() => page.locator('fb-spec-form #f-width-msg').innerText()).toMatch(/width must be ≥ 8 \(got 3, allowed 8…4096\)/);
    await expect(page.locator('fb-spec-form input[name="width"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('fb-configure #run').isDisabled()).resolves.toBe(true);
    await page.fill('fb-spec-form input[name="width"]', '32');
    await expect(page.locator('fb-configure #run').isEnabled()).resolves.toBe(true);
  });

  let numbers: string[] = [];
  let link = '';
  it('runs a two-variant comparison and shows charts, the comparison and the verdicts', async () => {
    await page.fill('input[name="knob-0"]', 'cpu, wasm');
    for (const [name, value] of Object.entries({ steps: '4', warmupSteps: '1', servingQueries: '6', profileSteps: '1' })) {
      await page.fill(`fb-spec-form input[name="${name}"]`, value);
    }
    await page.fill('fb-configure input[name="repetitions"]', '2');
    await page.click('fb-configure #run');
    await page.locator('fb-run-queue progress[aria-label="overall progress"]').waitFor();
    await page.locator('fb-results #copy-link').waitFor({ timeout: 120_000 });
    await expect(page.locator('fb-results h1').innerText()).resolves.toBe('mlp: cpu vs wasm');
    // Charts: waterfall, histogram, timeline and CDF are drawn by uPlot on canvases.
    await expect(page.locator('fb-results fb-chart canvas').count()).resolves.toBe(4);
    const verdicts = await page.locator('fb-comparison-table .verdict').allInnerTexts();
    // The metrics the runner judged, as the CLI judges them (TTFB, step median, serving p50): one verdict each, no recomputation over others.
    const judged = await page.locator('fb-comparison-table td.metric').allInnerTexts();
    expect(judged.map((label) => label.replace(/\s*\(.*\)$/, ''))).toEqual(['TTFB', 'step median', 'serving p50']);
    expect(verdicts.length, 'one verdict per judged metric').toBe(3);
    expect(await page.locator('fb-results #recomputed').count(), 'a live run shows its runner\'s judgement').toBe(0);
    for (const verdict of verdicts) expect(['faster', 'slower', 'no detectable difference', 'unresolved']).toContain(verdict);
    // Two jobs a side cannot give serving p50 (Hodges–Lehmann) a 95% interval: the table says how many it needs.
    const servingRow = await page.locator('fb-comparison-table tr', { hasText: 'serving p50' }).innerText();
    expect(servingRow).toMatch(/unresolved/);
    expect(servingRow).toMatch(/CI needs ≥ 4 jobs a side/);
    await expect(page.locator('fb-results [aria-label="verdicts"]').innerText()).resolves.toMatch(/wasm: (faster|slower|no detectable difference|unresolved)/);
    const phases = await page.locator('fb-ttfb-waterfall tbody tr').allInnerTexts();
    expect(phases).toHaveLength(2);
    expect(phases[0]).toMatch(/^cpu\s+2\s+[\d.]+ ms/);
    // One TTFB definition in the view: the headline's mean TTFB is the waterfall table's.
    const headline = await page.locator('fb-results [aria-label="verdicts"] .card').first().innerText();
    expect(headline).toMatch(/^TTFB · mean of jobs/);
    const cpuTtfb = /([\d.]+ m?s)\s+cpu/.exec(headline)?.[1];
    expect(cpuTtfb, 'the headline shows the cpu variant').toBeDefined();
    expect(phases[0]?.trim().split('\t').at(-1), 'the waterfall table\'s TTFB is the headline\'s').toBe(cpuTtfb);
    expect(new URL(page.url()).search, 'the run is in the address').toMatch(/^\?view=results&run=\d+$/);
    numbers = await resultNumbers(page);
    expect(numbers.join('\n')).toMatch(/\d+(\.\d+)? ms/);
  });

  it('copies a share link that opens the same view with no network', async () => {
    await page.click('fb-results #copy-link');
    link = await page.locator('#share-link').inputValue();
    expect(link).toMatch(/#r=v3\.[A-Za-z0-9_-]+$/);
    expect(link.length, 'a two-variant link stays short').toBeLessThan(16_000);
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);

    // The app's own files: the page's chunks in the build's manifest (worker bundles and tfjs are not among them).
    const appFiles = pageFiles();
    const shared = await context.newPage();
    const requests: string[] = [];
    await shared.route('**/*', (route) => {
      const url = new URL(route.request().url());
      requests.push(url.pathname);
      // Only the app's own files may load; anything else (an API call, a tfjs chunk, a worker) is refused and recorded.
      const appFile = url.origin === new URL(appUrl).origin && appFiles.has(url.pathname);
      return appFile ? route.continue() : route.abort();
    });
    await shared.goto(link);
    await shared.locator('fb-results #run-again').waitFor();
    expect(requests.filter((path) => !appFiles.has(path)), 'no request beyond the app itself').toEqual([]);
    await expect(shared.locator('fb-results .source').innerText()).resolves.toBe('opened from a link');
    expect(await resultNumbers(shared), 'the same numbers as the original view').toEqual(numbers);
    await expect(shared.locator('fb-results fb-chart canvas').count()).resolves.toBe(4);
    await shared.close();
  });

  describe('refuses malicious links with one clear message; nothing executes and the app keeps working', () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const withPayload = (mutate: (json: Record<string, unknown> & { title: string; variants: { name: string; spec: Record<string, unknown> }[]; envs: { userAgent: string }[] }) => void): string => {
      const data = inflateRawSync(Buffer.from(link.split('#r=v3.')[1] ?? '', 'base64url')).toString('utf8');
      const json = JSON.parse(data) as Parameters<typeof mutate>[0];
      mutate(json);
      return `#r=v3.${deflateRawSync(Buffer.from(JSON.stringify(json))).toString('base64url')}`;
    };
    const deflated = (text: string): string => `#r=v3.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;

    it('renders script payloads in strings as text', async () => {
      const p = await newAppPage(
        withPayload((json) => {
          json.title = payload;
          json.variants[0]!.name = `${payload} a`;
          json.envs[0]!.userAgent = payload;
        }),
      );
      await p.locator('fb-results h1').waitFor();
      await expect(p.locator('fb-results h1').innerText()).resolves.toBe(payload);
      await p.waitForTimeout(300);
      expect(await p.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await p.locator('img[src="x"]').count()).toBe(0);
      await p.close();
    });

    const cases: [label: string, hash: () => string, message: RegExp][] = [
      ['a script payload where the schema allows none', () => withPayload((json) => (json.variants[0]!.spec.backend = payload)), /not a valid firstbatch run: variants\.0\.spec\.backend must be one of/],
      ['truncated data', () => link.slice(link.indexOf('#'), link.indexOf('#') + 120), /cut off/],
      ['a wrong version', () => `#r=v9.${link.split('#r=v3.')[1] ?? ''}`, /format v9, made by a newer firstbatch/],
      ['a deflate bomb', () => deflated(`{"title":"${'A'.repeat(40 * 1024 * 1024)}"}`), /inflates to more than 4 MB/],
      ['a fragment of over 1 MB', () => `#r=v1.${'A'.repeat(1024 * 1024 + 10)}`, /over the 256 KB limit for share links/],
    ];
    it.each(cases)('%s', async (_label, hash, message) => {
      const p = await newAppPage(hash());
      // Timed from the loaded page (navigating to a 1 MB URL is slow by itself): the app decides within seconds.
      const started = Date.now();
      const banner = p.locator('fb-app #link-error');
      await banner.waitFor({ timeout: 10_000 });
      await expect(banner.innerText()).resolves.toMatch(message);
      expect(Date.now() - started, 'a bad link is refused quickly, the tab does not freeze').toBeLessThan(5_000);
      expect(await p.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await p.locator('img[src="x"]').count()).toBe(0);
      // The rest of the app works: the first screen is there and the history opens.
      await expect(p.locator('fb-configure #run').isEnabled()).resolves.toBe(true);
      await p.click('#tab-history');
      await p.locator('fb-history').waitFor();
      await p.close();
    });
  });

  it('cancels a run: the running worker is terminated, finished jobs stay', async () => {
    await page.click('#tab-configure');
    await page.fill('input[name="knob-0"]', 'cpu');
    await page.fill('fb-configure input[name="repetitions"]', '3');
    await page.click('fb-configure #run');
    await page.locator('fb-run-queue .status.done').first().waitFor({ timeout: 60_000 });
    await page.click('fb-run-queue #cancel');
    await page.locator('fb-results h1').waitFor({ timeout: 30_000 });
    await expect(page.locator('fb-results h1').innerText()).resolves.toBe('mlp cpu');
    const jobs = Number(/(\d+) jobs?/.exec(await page.locator('fb-results .title .muted').innerText())?.[1]);
    expect(jobs, 'the finished jobs are kept, the cancelled ones are not').toBeGreaterThanOrEqual(1);
    expect(jobs).toBeLessThan(3);
    await page.click('#tab-run');
    await expect(page.locator('fb-run-queue .status.cancelled').count()).resolves.toBe(3 - jobs);
  });

  it('keeps runs in history across a reload; they re-open, export and delete', async () => {
    await page.reload();
    await page.click('#tab-history');
    const row = page.locator('fb-history tbody tr', { hasText: 'mlp: cpu vs wasm' }).first();
    await row.waitFor();
    const download = page.waitForEvent('download');
    await row.locator('button', { hasText: 'CSV' }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    expect(csv.split('\r\n')[0]).toMatch(/^variant,repetition,workload,backend/);
    expect(csv.trim().split('\r\n')).toHaveLength(5);
    await row.locator('button.open').click();
    await page.locator('fb-results h1').waitFor();
    await expect(page.locator('fb-results .source').innerText()).resolves.toBe('from history');
    expect(await resultNumbers(page), 'history re-opens the same numbers').toEqual(numbers);
    await page.click('#tab-history');
    // Two stored runs side by side: every variant of both, named after its run.
    await page.locator('fb-history tbody tr input[type="checkbox"]').nth(0).check();
    await page.locator('fb-history tbody tr input[type="checkbox"]').nth(1).check();
    await page.click('fb-history #compare-selected');
    await page.locator('fb-results h1').waitFor();
    const phaseRows = await page.locator('fb-ttfb-waterfall tbody tr').allInnerTexts();
    expect(phaseRows.map((row) => row.split('\t')[0]?.trim())).toEqual(['cpu · run 1', 'wasm · run 1', 'mlp cpu · run 2']);
    expect(new URL(page.url()).search, 'runs side by side are in the address').toMatch(/^\?view=results&run=\d+,\d+$/);
    await page.click('#tab-history');
    await page.locator('fb-history tbody tr', { hasText: 'mlp: cpu vs wasm' }).first().waitFor();
    const before = await page.locator('fb-history tbody tr').count();
    await page.locator('fb-history tbody tr', { hasText: 'mlp: cpu vs wasm' }).first().locator('button.delete').click();
    await expect.poll(() => page.locator('fb-history tbody tr').count()).toBe(before - 1);
    // Undo puts it back under its id, with its numbers.
    await page.click('fb-history #undo');
    await expect.poll(() => page.locator('fb-history tbody tr').count()).toBe(before);
    await page.locator('fb-history tbody tr', { hasText: 'mlp: cpu vs wasm' }).first().locator('button.open').click();
    await page.locator('fb-results h1').waitFor();
    expect(await resultNumbers(page), 'the restored run has its numbers').toEqual(numbers);
    expect(pageErrors).toEqual([]);
  });
});
