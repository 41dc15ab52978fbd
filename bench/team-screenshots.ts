/**
 * The Team view's pictures for docs/app.md: real CLI runs of one variant name across 16 commits
 * (wasm mlp of width 32 up to commit 8, width 256 after it: a level shift in step time), uploaded
 * to a fresh `firstbatch server` (PGlite in a temporary folder), then the trend with its change
 * point (docs/app-team-trend.png) and one stored run at /r/ID (docs/app-stored-run.png).
 *
 *   npx tsx bench/team-screenshots.ts [--runs DIR]   (DIR keeps the runs, so a second call reuses them)
 * Runs on the existing build (npm run build first).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newEvaluableContext, openBrowser } from './browser.ts';
import { EXIT, main } from './main.ts';
import { PROJECT_ROOT } from './server.ts';
import { startServer } from '../server/main.ts';
import type { RunMeta } from '../src/core/store/api.ts';
import { uploadReplySchema } from '../src/core/store/api.ts';
import { deviceLabelOf, parseStoredRecord } from '../src/core/store/record.ts';

const RUNS = 16;
const SHIFT_AT = 8;
const ADMIN = 'screenshots-admin';
const PROJECT = 'web-app';

function suiteFile(dir: string, width: number): string {
  const path = join(dir, `suite-${width}.json`);
  writeFileSync(path, JSON.stringify({
    kind: 'comparison',
    name: 'nightly',
    base: { workload: 'mlp', backend: 'wasm', width, steps: 8, warmupSteps: 2, servingQueries: 8, profileSteps: 0 },
    variants: [{ name: 'mlp · wasm', spec: {} }],
    metrics: ['ttfb.totalMs', 'steps.medianMs', 'serving.p50Ms'],
    repetitions: 3,
    threshold: '10%',
  }));
  return path;
}

async function makeRuns(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = join(dir, `run-${String(i).padStart(2, '0')}.json`);
    if (!existsSync(out)) {
      process.stderr.write(`run ${i + 1}/${RUNS}\n`);
      const code = await main(['--suite', suiteFile(dir, i < SHIFT_AT ? 32 : 256), '--json', out, '--no-build']);
      if (code !== EXIT.ok) throw new Error(`run ${i} exited ${code}`);
    }
    files.push(out);
  }
  return files;
}

const commitOf = (i: number): string => `${(0x3a7f00 + i * 0x1b3).toString(16)}${'e4c2b9d17a5f08136c4e9b2d7f0a1c3e5b'.slice(i % 7)}`.slice(0, 40);

async function upload(url: string, files: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, file] of files.entries()) {
    const record: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const meta: RunMeta = {
      commit: commitOf(i),
      parentCommit: i === 0 ? null : commitOf(i - 1),
      branch: 'main',
      createdAt: new Date(Date.UTC(2026, 10, 16 + i, 2, 30)).toISOString(),
      ciUrl: null,
      device: deviceLabelOf(parseStoredRecord(record)) ?? 'wasm (cpu)',
    };
    const response = await fetch(`${url}/api/p/${PROJECT}/runs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ meta, record }) });
    if (!response.ok) throw new Error(`upload ${i}: ${response.status} ${await response.text()}`);
    ids.push(uploadReplySchema.parse(await response.json()).id);
  }
  return ids;
}

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runsDir = values.runs ? resolve(values.runs) : mkdtempSync(join(tmpdir(), 'fb-team-runs-'));
mkdirSync(runsDir, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'fb-team-store-'));
const files = await makeRuns(runsDir);
const server = await startServer({ data: dataDir, port: 0, adminToken: ADMIN, appDir: resolve(PROJECT_ROOT, 'dist') });
const browser = await openBrowser();
try {
  const ids = await upload(server.url, files);
  const context = await newEvaluableContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(`${server.url}/p/${PROJECT}/trend?branch=main&metric=steps.medianMs`);
  await page.locator('fb-trend #trend-points').waitFor();
  const over = page.locator('fb-trend fb-chart .u-over');
  const box = (await over.boundingBox())!;
  await page.mouse.move(box.x + ((SHIFT_AT + 3.5) / RUNS) * box.width, box.y + box.height / 2);
  await page.locator('fb-trend #hover-card strong').waitFor();
  await page.locator('fb-team #alerts, fb-team #no-alerts').first().waitFor();
  await page.screenshot({ path: join(PROJECT_ROOT, 'docs/app-team-trend.png'), fullPage: true });
  await page.goto(`${server.url}/r/${ids[SHIFT_AT]}`);
  await page.locator('fb-results table[aria-label="comparison"]').waitFor();
  await page.locator('#stored-note').waitFor();
  await page.screenshot({ path: join(PROJECT_ROOT, 'docs/app-stored-run.png') });
  process.stderr.write(`wrote docs/app-team-trend.png and docs/app-stored-run.png (runs in ${runsDir})\n`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
