import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser } from '../../bench/browser.ts';
import { decodeShareFragment } from '../../src/core/share/link.ts';
import type { Run } from '../../src/core/share/run.ts';
import { nodeCompression } from '../core/share/compression.ts';
import { newAppContext, openApp } from './app-page.ts';

/**
 * History in real Chromium: runs stored by the previous record format open (and are migrated),
 * a record this version cannot read says why, export and import move history, and a full
 * storage quota is a clear message that loses nothing.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let oldRun: Run;

/** Writes records straight into the app's IndexedDB store, as an older version of the app did. */
function putRecords(p: Page, records: unknown[]): Promise<number[]> {
  return p.evaluate((items) => new Promise<number[]>((resolve, reject) => {
    const open = indexedDB.open('firstbatch', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('runs', { keyPath: 'id', autoIncrement: true }).createIndex('savedAt', 'savedAt');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('runs', 'readwrite');
      const ids: number[] = [];
      for (const item of items) tx.objectStore('runs').add(item).onsuccess = (e) => ids.push(Number((e.target as IDBRequest).result));
      tx.oncomplete = () => {
        open.result.close();
        resolve(ids);
      };
      tx.onerror = () => reject(tx.error);
    };
  }), records);
}

function readRecord(p: Page, id: number): Promise<Record<string, unknown>> {
  return p.evaluate((key) => new Promise<Record<string, unknown>>((resolve, reject) => {
    const open = indexedDB.open('firstbatch', 1);
    open.onsuccess = () => {
      const request = open.result.transaction('runs').objectStore('runs').get(key);
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result as Record<string, unknown>);
      };
      request.onerror = () => reject(request.error);
    };
  }), id);
}

beforeAll(async () => {
  const fixture = readFileSync(new URL('../fixtures/share/v1-mlp-webgpu-vs-wasm.link.txt', import.meta.url), 'utf8').trim();
  oldRun = await decodeShareFragment(fixture, nodeCompression);
  browser = await openBrowser();
  context = await newAppContext(browser, { acceptDownloads: true });
  ({ page, errors } = await openApp(context));
});

afterAll(async () => {
  await browser?.close();
});

describe('history', () => {
  let ids: number[] = [];
  it('opens runs stored by the previous format, rewrites them in the current one, and says why a record cannot be opened', async () => {
    ids = await putRecords(page, [
      { savedAt: '2026-11-01T10:00:00.000Z', run: oldRun },
      { savedAt: '2026-11-02T10:00:00.000Z', run: { ...oldRun, title: 'edited by hand', threshold: 'five percent' } },
      { savedAt: '2026-11-03T10:00:00.000Z', format: 7, entry: { kind: 'comparison', run: { ...oldRun, title: 'from the future' } } },
    ]);
    await page.goto(`${inject('appUrl')}?view=history`);
    const old = page.locator(`fb-history tr[data-run-id="${ids[0]}"]`);
    await old.waitFor();
    await expect(old.locator('.kind').innerText()).resolves.toBe('comparison · webgpu · wasm');
    await expect(page.locator(`fb-history tr[data-run-id="${ids[1]}"] .problem`).innerText()).resolves.toMatch(/^Cannot be opened: it no longer matches this version's schema: .*threshold/);
    await expect(page.locator(`fb-history tr[data-run-id="${ids[2]}"] .problem`).innerText()).resolves.toMatch(/stored by a newer firstbatch \(record format 7/);
    await expect(page.locator(`fb-history tr[data-run-id="${ids[1]}"] .title`).innerText()).resolves.toBe('edited by hand');
    expect(await readRecord(page, ids[0]!), 'migrated in place').toMatchObject({ format: 2, entry: { kind: 'comparison' } });
    await old.locator('button.open').click();
    await page.locator('fb-results h1').waitFor();
    await expect(page.locator('fb-results h1').innerText()).resolves.toBe(oldRun.title);
    expect(new URL(page.url()).search).toBe(`?view=results&run=${ids[0]}`);
    await expect(page.locator('fb-ttfb-waterfall tbody tr').count()).resolves.toBe(2);
  });

  it('exports every readable run and imports them back, naming what it skipped', async () => {
    await page.click('#tab-history');
    const download = page.waitForEvent('download');
    await page.click('fb-history #export-history');
    const path = await (await download).path();
    const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; runs: unknown[] };
    expect(file.format).toBe('firstbatch-history');
    expect(file.runs, 'the two records that cannot be opened are not exported').toHaveLength(1);
    file.runs.push({ savedAt: '2026-11-05T00:00:00.000Z', entry: { kind: 'serving', run: { title: 'half a run' } } });
    await page.locator('fb-history tr', { hasText: oldRun.title }).first().locator('button.delete').click();
    await expect.poll(() => page.locator('fb-history tr', { hasText: oldRun.title }).count()).toBe(0);
    await page.setInputFiles('fb-history #import-history', { name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => page.locator('fb-history #history-notice').innerText().catch(() => '')).toMatch(/^imported 1 run from history\.json; 1 skipped — run 2: /);
    await expect(page.locator('fb-history tr', { hasText: oldRun.title }).count()).resolves.toBe(1);
    await page.setInputFiles('fb-history #import-history', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect.poll(() => page.locator('fb-history #history-notice').innerText()).toMatch(/^notes\.json was not imported: this file is neither a firstbatch history file nor a run exported by the app/);
  });

  it('keeps a run it cannot store (quota used up) open, says why, and saves it when there is room again', async () => {
    // A fresh profile: Chromium checks the quota on a store's first writes (an origin already over it may still write).
    const fresh = await newAppContext(browser);
    ({ page, errors } = await openApp(fresh));
    const cdp = await fresh.newCDPSession(page);
    const origin = new URL(inject('appUrl')).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    try {
      await page.fill('fb-configure input[name="knob-0"]', 'cpu');
      for (const [name, value] of Object.entries({ steps: '2', warmupSteps: '0', servingQueries: '2', profileSteps: '0' })) await page.fill(`fb-spec-form input[name="${name}"]`, value);
      await page.fill('fb-configure input[name="repetitions"]', '1');
      await page.fill('fb-configure input[name="title"]', 'no room');
      await page.click('fb-configure #run');
      const banner = page.locator('fb-app #save-problem');
      await banner.waitFor({ timeout: 120_000 });
      await expect(banner.innerText()).resolves.toMatch(/storage for the app is full, so the run was not saved to History; it is still open here/);
      await expect(page.locator('fb-results h1').innerText(), 'the run is shown all the same').resolves.toBe('no room');
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await banner.locator('button', { hasText: 'Save again' }).click();
      await expect.poll(() => banner.count()).toBe(0);
      expect(new URL(page.url()).search).toMatch(/^\?view=results&run=\d+$/);
      await page.click('#tab-history');
      await page.locator('fb-history tr', { hasText: 'no room' }).waitFor();
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin }).catch(() => undefined);
    }
    expect(errors).toEqual([]);
  });
});
