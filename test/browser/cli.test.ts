import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../../bench/browser.ts';
import { EXIT, main } from '../../bench/main.ts';
import { parseSuiteResultFile } from '../../src/core/compare/index.ts';
import { parseInterleavedFile } from '../../src/core/compare/step-scale-report.ts';
import { captureIo } from '../bench/io.ts';

// Small cpu jobs: what is under test here is the CLI's statistics and exit codes, not WebGPU.
const dir = mkdtempSync(join(tmpdir(), 'firstbatch-cli-browser-'));
const suiteFile = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}): string => {
  const path = join(dir, name);
  const suite = {
    kind: 'comparison',
    name: 'cli test',
    base: { workload: 'mlp', backend: 'cpu', steps: 4, warmupSteps: 1, servingQueries: 0, profileSteps: 0, width: 32, ...spec },
    variants: [{ name: 'mlp' }],
    metrics: ['steps.medianMs'],
    repetitions: 4,
    // Wide: the baseline and the later run are not interleaved, and other work shares the machine.
    threshold: '60%',
    ...extra,
  };
  writeFileSync(path, JSON.stringify(suite));
  return path;
};

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const capture = captureIo();
  const code = await main([...argv, '--no-build'], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('the CLI as a CI gate (real Chromium, cpu backend)', () => {
  let server: BrowserServer;
  const baseline = join(dir, 'base.json');

  beforeAll(async () => {
    server = await chromium.launchServer({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS], headless: true, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs a suite on a remote Playwright browser server and saves a baseline', async () => {
    const { code, stdout, stderr } = await cli(['--suite', suiteFile('same.json', {}), '--browser-endpoint', server.wsEndpoint(), '--save-baseline', baseline]);
    expect(code, stderr).toBe(EXIT.ok);
    expect(stderr).toContain(`wrote baseline ${baseline}`);
    expect(stdout).toMatch(/step median\s+Welch t/); // one variant: nothing to pair
    const file = parseSuiteResultFile(JSON.parse(readFileSync(baseline, 'utf8')));
    expect(file.results.map((r) => [r.variant, r.repetition, r.error])).toEqual([
      ['mlp', 0, null],
      ['mlp', 1, null],
      ['mlp', 2, null],
      ['mlp', 3, null],
    ]);
    expect(file.results[0]?.steps?.samplesMs).toHaveLength(4);
    expect(file.suite).toMatchObject({ name: 'cli test', threshold: '60%' });
    expect(file.sampling).toMatchObject({ rounds: 4, stop: 'fixed' });
  });

  it('exits 0 against the baseline when nothing changed, and writes the Markdown summary', async () => {
    const markdown = join(dir, 'summary.md');
    const { code, stdout, stderr } = await cli(['--suite', suiteFile('same.json', {}), '--baseline', baseline, '--markdown', markdown]);
    expect(code, `${stdout}\n${stderr}`).toBe(EXIT.ok);
    expect(stderr).toContain('no regression beyond 60% against the baseline');
    const summary = readFileSync(markdown, 'utf8');
    expect(summary).toContain('### Against the baseline');
    expect(summary).toMatch(/\| mlp \| step median \|/);
  });

  it('exits 1 when the model got much heavier, naming the regression', async () => {
    const { code, stdout, stderr } = await cli(['--suite', suiteFile('heavy.json', { width: 512 }), '--baseline', baseline]);
    expect(code, `${stdout}\n${stderr}`).toBe(EXIT.regression);
    expect(stderr).toMatch(/1 regression beyond 60%: mlp step median \+\d+/);
    expect(stdout).toContain('width 32 → 512');
  });

  it('exits 2 when a job fails, keeping its error in the results file', async () => {
    const out = join(dir, 'failed.json');
    const { code, stderr } = await cli(['--suite', suiteFile('fault.json', { fault: 'throw' }, { repetitions: 1 }), '--json', out]);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain('1 of 1 jobs failed');
    const file = parseSuiteResultFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.results[0]?.error?.code).toBe('job-failed');
  });

  it('runs a lab suite: interleaved A B, B A rounds, the lab table, and a results file that prints again with --from', async () => {
    const path = join(dir, 'lab.json');
    writeFileSync(path, JSON.stringify({
      kind: 'lab',
      name: 'cli lab',
      base: { workload: 'mlp', backend: 'cpu', steps: 2, warmupSteps: 0, servingQueries: 0, profileSteps: 0, width: 32 },
      variants: [{ name: 'cold' }, { name: 'lean', spec: { importMode: 'lean' } }],
      baseline: 'cold',
      repetitions: 3,
    }));
    const out = join(dir, 'lab-results.json');
    const { code, stdout, stderr } = await cli(['--suite', path, '--json', out]);
    expect(code, stderr).toBe(EXIT.ok);
    expect(stdout).toMatch(/^cli lab: mlp on cpu, 3 interleaved rounds/);
    expect(stdout).toMatch(/^lean +\{"importMode":"lean"\} +3 /m);
    const file = parseSuiteResultFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.suite?.kind).toBe('lab');
    expect(file.results.map((r) => `${r.variant} ${r.repetition} ${r.spec.importMode} ${r.error?.code ?? 'ok'}`)).toEqual([
      'cold 0 full ok', 'lean 0 lean ok', 'lean 1 lean ok', 'cold 1 full ok', 'cold 2 full ok', 'lean 2 lean ok',
    ]);
    const again = captureIo();
    expect(await main(['--from', out], again.io)).toBe(EXIT.ok);
    expect(again.stdout()).toBe(stdout);
  });

  it('runs an interleaved suite (a 10% wider layer, A B B A in one worker on wasm): B is slower, exit 1, and --from says so again', async () => {
    const path = join(dir, 'interleaved.json');
    writeFileSync(path, JSON.stringify({
      kind: 'interleaved',
      name: 'cli interleaved',
      spec: { job: './examples/interleaved/wider-10pct.js', backend: 'wasm', width: 128, steps: 80, warmupSteps: 7, servingQueries: 0, profileSteps: 0, agreement: false },
      // Generous: the verdict usually comes after 3 to 8 jobs (seconds each); a loaded machine needs more of them.
      budgetSeconds: 300,
      threshold: '1%',
    }));
    const out = join(dir, 'interleaved-results.json');
    const { code, stdout, stderr } = await cli(['--suite', path, '--json', out]);
    expect(code, stderr).toBe(EXIT.regression);
    const { report, results } = parseInterleavedFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.verdict).toBe('slower');
    expect(report.regression).toBe(true);
    // 141 against 128 wide: about +9% on wasm, never the other way.
    expect(report.relative!.value).toBeGreaterThan(0.02);
    expect(report.relative!.value).toBeLessThan(0.3);
    expect(report.values.every((v) => v.blocks === 20)).toBe(true);
    // Jobs alternate B A A B and A B B A (seed + job index), each in a fresh context, every one measured.
    expect(results.map((r) => r.spec.seed)).toEqual(report.values.map((_, i) => 1 + i));
    expect(results.every((r) => r.error === null && r.spec.backend === 'wasm')).toBe(true);
    expect(stdout).toMatch(/^cli interleaved: step time, A B B A in one worker, \d+ jobs/m);
    expect(stderr).toMatch(/firstbatch: slower after \d+ jobs, \d+ s: B is slower by more than 1% \(exit 1\)/);
    const again = captureIo();
    expect(await main(['--from', out], again.io)).toBe(EXIT.regression);
    expect(again.stdout()).toBe(stdout);
  }, 420_000);
});
