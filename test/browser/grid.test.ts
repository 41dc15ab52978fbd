import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../bench/main.ts';
import { parseSuiteResultFile } from '../../src/core/compare/index.ts';
import { captureIo } from '../bench/io.ts';
import { startGrid, type Grid } from '../grid/selenium-grid.ts';
import { UNTIL_TIMEOUT_MS, until } from './until.ts';

// A suite fanned out over a real Selenium Grid 4 of two nodes on loopback: one browser per node,
// every result labelled by its device, the device × variant table; then a node that leaves.
// Small cpu jobs: the fan-out is under test, not the measurements.
const dir = mkdtempSync(join(tmpdir(), 'firstbatch-grid-test-'));
let grid: Grid;

const suiteFile = (name: string, repetitions: number): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({
    kind: 'comparison',
    name: 'fan-out',
    base: { workload: 'mlp', backend: 'cpu', steps: 3, warmupSteps: 0, servingQueries: 0, profileSteps: 0 },
    variants: [{ name: 'w16', spec: { width: 16 } }, { name: 'w64', spec: { width: 64 } }],
    metrics: ['ttfb.totalMs', 'steps.medianMs'],
    repetitions,
    threshold: '50%',
  }));
  return path;
};

beforeAll(async () => {
  grid = await startGrid(2);
});
afterAll(async () => {
  await grid?.close();
});

describe('a suite on a two-node Selenium Grid', () => {
  it('fans out over both nodes at once: results by device, a device × variant table', async () => {
    const out = join(dir, 'grid.json');
    const capture = captureIo();
    const markdown = join(dir, 'grid.md');
    const code = await main(['--suite', suiteFile('grid.json', 2), '--browser-endpoint', `node-a=${grid.endpoint}`, '--browser-endpoint', `node-b=${grid.endpoint}`, '--json', out, '--markdown', markdown, '--no-build'], capture.io);
    expect(code, capture.stderr()).toBe(EXIT.ok);
    const file = parseSuiteResultFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.results.map((r) => `${r.device} ${r.variant}`).sort()).toEqual(['node-a w16', 'node-a w16', 'node-a w64', 'node-a w64', 'node-b w16', 'node-b w16', 'node-b w64', 'node-b w64']);
    // Each device is a browser on its own Grid node.
    const details = file.devices?.map((d) => `${d.name}: ${d.detail}`) ?? [];
    expect(details).toHaveLength(2);
    const nodes = details.map((d) => /on Grid node (\S+)/.exec(d)?.[1]);
    expect(new Set(nodes)).toEqual(new Set(grid.nodeUrls));
    const table = capture.stdout();
    expect(table).toMatch(/device × variant/);
    expect(table).toMatch(/^node-a\s+TTFB\s+\S+ \S+ \(2\)\s+\S+ \S+ \(2\)\s+cpu on CPU$/m);
    expect(table).toMatch(/^node-b\s+TTFB\s+\S+ \S+ \(2\)\s+\S+ \S+ \(2\)\s+cpu on CPU$/m);
    expect(table).toContain('on node-a:');
    expect(table).toContain('on node-b:');
    const summary = readFileSync(markdown, 'utf8');
    expect(summary).toContain('| device | metric | w16 | w64 | adapter |');
    expect(summary).toMatch(/^- \*\*node-a\*\*: Chromium [\d.]+ on Grid node http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it('a node that leaves mid-suite: that device ends with a clear error, the other finishes, the finished jobs are saved', async () => {
    const out = join(dir, 'leave.json');
    const capture = captureIo();
    const running = main(['--suite', suiteFile('leave.json', 4), '--browser-endpoint', `node-a=${grid.endpoint}`, '--browser-endpoint', `node-b=${grid.endpoint}`, '--connect-timeout', '15s', '--json', out, '--no-build'], capture.io);
    // Once both devices have finished a job, stop the node that runs node-b's browser.
    await until(() => /node-a: w\d+ #1/.test(capture.stderr()) && /node-b: w\d+ #1/.test(capture.stderr()), { timeoutMs: UNTIL_TIMEOUT_MS, what: 'both devices to finish a job (node-a and node-b #1)' });
    const status = (await (await fetch(`${grid.hubUrl}/status`)).json()) as { value: { nodes: { uri: string; slots: { session: { capabilities?: unknown } | null }[] }[] } };
    const busy = status.value.nodes.filter((node) => node.slots.some((slot) => slot.session !== null)).map((node) => node.uri);
    expect(busy).toHaveLength(2);
    grid.stopNode(1);
    const code = await running;
    const file = parseSuiteResultFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(code).toBe(EXIT.error);
    const lost = file.results.filter((r) => r.error !== null);
    expect(lost.length).toBeGreaterThan(0);
    // The jobs of the device whose node stayed all finished; the other's failed with the reason.
    const failedDevices = new Set(lost.map((r) => r.device));
    expect(failedDevices.size).toBe(1);
    const survivor = file.results.filter((r) => !failedDevices.has(r.device));
    expect(survivor).toHaveLength(8);
    expect(survivor.every((r) => r.error === null)).toBe(true);
    expect(lost.at(-1)?.error?.message).toMatch(/the browser closed and could not be started again/);
    expect(capture.stderr()).toMatch(/jobs failed/);
  });
});
