import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { PROJECT_ROOT } from '../../bench/server.ts';
import { parseJobResult } from '../../src/core/result.ts';
import { main as serve } from '../../bench/serve.ts';
import { captureIo } from '../bench/io.ts';
import { startPlainServer } from '../hosting/plain-server.ts';

// The built app on a static server that sets no headers (GitHub Pages and most bare hosts), under
// a sub-path: the fallback service worker must isolate the page and its job workers.
const BASE = '/team/firstbatch/';
const outDir = mkdtempSync(join(tmpdir(), 'firstbatch-hosting-'));
const withoutWorkerDir = mkdtempSync(join(tmpdir(), 'firstbatch-hosting-nosw-'));

describe('static hosting without headers (built for a sub-path)', () => {
  let browser: Browser;

  beforeAll(async () => {
    await build({ root: PROJECT_ROOT, base: BASE, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    // The same build with its service worker left out, as a host that publishes index.html and assets only.
    await build({ root: PROJECT_ROOT, base: BASE, logLevel: 'error', publicDir: false, build: { outDir: withoutWorkerDir, emptyOutDir: true } });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(withoutWorkerDir, { recursive: true, force: true });
  });

  it('publishes header files for hosts that read them', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(outDir, '_headers'), 'utf8')).toMatch(/\/\*\n\s+Cross-Origin-Opener-Policy: same-origin\n\s+Cross-Origin-Embedder-Policy: require-corp/);
    expect(JSON.parse(readFileSync(join(outDir, 'serve.json'), 'utf8')).headers[0].headers).toContainEqual({ key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' });
  });

  it('the service worker isolates the page and its workers: 5 µs timers in a real job', async () => {
    const server = await startPlainServer(outDir, BASE);
    const context = await newEvaluableContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const chip = page.locator('#isolation[data-isolated]');
      await chip.waitFor({ timeout: 60_000 });
      expect(await chip.getAttribute('data-isolated')).toBe('true');
      expect(await chip.textContent()).toMatch(/cross-origin isolated \(service worker\) · timers step [1-9] µs/);
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      expect(server.requests).toContain(`${BASE}coi-sw.js`);
      // A job's worker is isolated too: its environment reports it and its timer step.
      const raw = await page.evaluate(() =>
        globalThis.firstbatch?.runJob({ workload: 'mlp', backend: 'cpu', width: 16, batchSize: 8, steps: 2, warmupSteps: 0, servingQueries: 0, profileSteps: 0 }),
      );
      const result = parseJobResult(raw);
      expect(result.error).toBeNull();
      expect(result.env?.crossOriginIsolated).toBe(true);
      expect(result.env?.timerResolutionMs).toBeLessThan(0.02);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('without the service worker file the app says why its timers are coarse', async () => {
    const server = await startPlainServer(withoutWorkerDir, BASE);
    const context = await newEvaluableContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const chip = page.locator('#isolation[data-isolated]');
      await chip.waitFor({ timeout: 60_000 });
      expect(await chip.getAttribute('data-isolated')).toBe('false');
      expect(await chip.textContent()).toMatch(/not isolated · timers step \d+ µs/);
      const why = await page.locator('#isolation-why').textContent();
      expect(why).toContain('the host sends no COOP/COEP headers');
      expect(why).toContain('is coi-sw.js published next to index.html?');
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('a build served under the wrong path says which base it expects', async () => {
    const server = await startPlainServer(outDir, '/');
    const context = await newEvaluableContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      expect(await page.locator('#base-check').textContent()).toBe(
        `firstbatch cannot start here: this build expects to be served under ${BASE} but this page is /. Open it under ${BASE}, or rebuild with FIRSTBATCH_APP_URL set to where it is hosted.`,
      );
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('firstbatch serve', () => {
  it('serves the built app on 127.0.0.1 with COOP/COEP, until stopped; a bad port is a usage error', async () => {
    const capture = captureIo();
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const serving = serve(['--no-build', '--port', '0'], { ...capture.io, stopped });
    while (!/serving (\S+)/.test(capture.stdout())) await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /serving (\S+)/.exec(capture.stdout())![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(url);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    stop();
    expect(await serving).toBe(0);
    const bad = captureIo();
    expect(await serve(['--port', 'eighty'], bad.io)).toBe(2);
    expect(bad.stderr()).toContain('--port must be an integer from 0 to 65535, got "eighty"');
  });
});
