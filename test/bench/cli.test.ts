import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, parseDuration, UsageError } from '../../bench/args.ts';
import { EXIT, main } from '../../bench/main.ts';
import { captureIo } from './io.ts';
import { runSuite } from '../../src/core/runner/index.ts';
import { parseSuite } from '../../src/core/suite.ts';
import { fitToWidth } from '../../src/core/format.ts';
import { fakeContext } from '../core/runner/fake-context.ts';

const dir = mkdtempSync(join(tmpdir(), 'firstbatch-cli-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const goodSuite = { kind: 'comparison', name: 'tiny', base: { backend: 'cpu' }, variants: [{ name: 'a' }] };

/** main() on arguments that fail before any browser or server starts. */
async function run(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const capture = captureIo();
  const code = await main(argv, capture.io);
  return { code, stderr: capture.stderr(), stdout: capture.stdout() };
}

describe('main(argv) without a browser', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('--suite FILE');
    expect(stdout).toContain('--baseline FILE');
  });

  it.each([
    ['a suite field out of range', { ...goodSuite, variants: [{ name: 'a', spec: { width: 5000 } }] }, 'variants.0.spec.width must be ≤ 4096 (got 5000)'],
    ['a misspelt field', { ...goodSuite, repetiton: 3 }, 'unknown field repetiton'],
    ['a missing kind', { name: 'x', variants: [] }, 'kind'],
    ['no variants', { ...goodSuite, variants: [] }, 'variants must be ≥ 1'],
  ])('exits 2 on a bad suite file (%s), naming the field', async (_label, suite, message) => {
    const path = file('bad.json', suite);
    const { code, stderr } = await run(['--suite', path]);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain(path);
    expect(stderr).toContain(message);
  });

  it.each([
    ['a suite that is not JSON', ['--suite', file('broken.json', '{ "kind": ')], 'is not JSON'],
    ['a suite that does not exist', ['--suite', join(dir, 'missing.json')], 'cannot read suite'],
    ['an unknown flag', ['--sweet', 'x.json'], "Unknown option '--sweet'"],
    ['a bad threshold', ['--threshold', '5 percent'], '--threshold: invalid threshold "5 percent"'],
    ['a bad budget', ['--budget', 'soon'], '--budget takes a time such as 300s'],
    ['both a suite and job flags', ['--suite', 'x.json', '--backend', 'cpu'], 'either --suite or job flags'],
    ['a bad job flag', ['--backend', 'cuda'], 'backend must be one of'],
    ['a baseline that does not exist', ['--suite', file('ok.json', goodSuite), '--baseline', join(dir, 'nope.json')], 'cannot read'],
    ['a baseline that is not a results file', ['--suite', file('ok2.json', goodSuite), '--baseline', file('base.json', { schemaVersion: 2, results: [] })], 'schemaVersion'],
  ])('exits 2 on %s and says why', async (_label, argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain(message);
  });
});

describe('flags that do not apply to a suite\'s kind are errors, never ignored', () => {
  const serving = { kind: 'server', model: { workload: 'mlp', backend: 'cpu' }, latencyTargetMs: 50, durationMs: 100 };
  const calibration = { kind: 'calibration', name: 'c', base: { backend: 'cpu' }, candidate: { width: 160 }, aa: 1, ab: 1 };
  it.each([
    ['--baseline on a serving suite', ['--suite', file('s1.json', serving), '--baseline', 'b.json'], '--baseline does not apply to a server suite'],
    ['--threshold on a serving suite', ['--suite', file('s2.json', serving), '--threshold', '5%'], '--threshold does not apply to a server suite'],
    ['--budget on a serving suite', ['--suite', file('s3.json', serving), '--budget', '60s'], '--budget does not apply to a server suite'],
    ['--trace on a serving suite', ['--suite', file('s4.json', serving), '--trace', 't.json'], '--trace does not apply to a server suite: it takes none of'],
    ['--save-baseline on a serving suite', ['--suite', file('s5.json', serving), '--save-baseline', 'b.json'], '--save-baseline does not apply to a server suite'],
    ['--baseline on a calibration', ['--suite', file('c1.json', calibration), '--baseline', 'b.json'], '--baseline does not apply to a calibration suite: it takes --threshold, --budget, --trace'],
    ['--save-baseline on a calibration', ['--suite', file('c2.json', calibration), '--save-baseline', 'b.json'], '--save-baseline does not apply to a calibration suite'],
  ])('%s', async (_label, argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: firstbatch bench');
  });
});

describe('--from FILE prints a saved run again without running anything', () => {
  const comparison = { kind: 'comparison', name: 'saved', base: { backend: 'cpu' }, variants: [{ name: 'A', spec: { width: 100 } }, { name: 'B', spec: { width: 120 } }], metrics: ['steps.medianMs'], repetitions: 4 };
  const lab = { kind: 'lab', name: 'saved lab', base: { backend: 'cpu' }, variants: [{ name: 'cold' }, { name: 'precompile', spec: { precompile: true } }], baseline: 'cold', repetitions: 4 };
  const saved = async (name: string, suite: unknown, seed = 5): Promise<{ path: string; table: string; markdown: string }> => {
    const fake = fakeContext({ noise: 0.02, seed, ttfbMs: (spec) => (spec.precompile ? 600 : 1000) });
    const outcome = await runSuite(parseSuite(suite), fake.context);
    return { path: file(name, outcome.file), table: outcome.table, markdown: outcome.markdown };
  };

  it('a comparison: the same table on stdout, the same Markdown in --markdown', async () => {
    const { path, table, markdown } = await saved('cmp.json', comparison);
    const md = join(dir, 'cmp.md');
    const result = await run(['--from', path, '--markdown', md]);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(result.stdout, "printed as the run printed it, fitted to a 120-column log").toBe(`${fitToWidth(table)}\n`);
    expect(readFileSync(md, 'utf8')).toBe(markdown);
  });

  it('a comparison judged against a baseline, with another threshold', async () => {
    const before = await saved('before.json', comparison, 6);
    const after = await saved('after.json', { ...comparison, variants: [{ name: 'A', spec: { width: 150 } }, { name: 'B', spec: { width: 120 } }] }, 7);
    const result = await run(['--from', after.path, '--baseline', before.path, '--threshold', '10%']);
    expect(result.code).toBe(EXIT.regression);
    expect(result.stderr).toMatch(/1 regression beyond 10%: A step median \+[45]\d\.\d%/);
    expect(result.stdout).toContain('width 100 → 150');
  });

  it('a lab: the lab table', async () => {
    const { path, table } = await saved('lab.json', lab);
    const result = await run(['--from', path]);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(result.stdout).toBe(`${fitToWidth(table)}\n`);
    expect(result.stdout).toMatch(/Recommended: precompile \{"precompile":true\} — TTFB \d+ ms sooner/);
  });

  it('a lab run saved by the lab tool before it joined the CLI', async () => {
    const fake = fakeContext({ noise: 0.02, ttfbMs: (spec) => (spec.precompile ? 600 : 1000) });
    const outcome = await runSuite(parseSuite(lab), fake.context);
    const results = JSON.parse(JSON.stringify(outcome.results)) as { variant: string; repetition: number }[];
    const oldRun = {
      suite: { ...lab, kind: 'comparison', metrics: ['ttfb.totalMs'], threshold: '5%' },
      startedAt: '2026-11-25T19:00:00.000Z',
      rounds: 4,
      jobs: results.map(({ variant, repetition, ...result }) => ({ variant, round: repetition, result })),
    };
    const result = await run(['--from', file('old-lab.json', oldRun)]);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^saved lab: mlp on cpu, 4 interleaved rounds/);
    expect(result.stdout).toContain('Recommended: precompile');
  });

  it.each([
    ['--suite', ['--suite', 'x.json'], '--suite does not apply to --from'],
    ['job flags', ['--backend', 'cpu'], 'job flags does not apply to --from'],
    ['--no-build', ['--no-build'], '--no-build does not apply to --from'],
  ])('refuses %s beside it', async (_label, extra, message) => {
    const { code, stderr } = await run(['--from', 'whatever.json', ...extra]);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain(message);
  });

  it('refuses a run-only flag, naming it and the kind', async () => {
    const { path } = await saved('cmp2.json', comparison);
    const { code, stderr } = await run(['--from', path, '--budget', '60s']);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain('--budget does not apply to a saved comparison results file (--from): it takes --threshold, --baseline, --trace');
  });

  it('names the file and the field of a file it cannot read', async () => {
    const path = file('nonsense.json', { schemaVersion: 1, tool: { name: 'firstbatch', version: '1' }, results: [{ spec: 3 }] });
    const { code, stderr } = await run(['--from', path]);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain(path);
    expect(stderr).toContain('results.0');
  });
});

describe('parseCli', () => {
  it('turns job flags into one named variant per combination', () => {
    const options = parseCli(['--backend', 'webgpu,wasm', '--width', '64,128', '--repetitions', '3']);
    expect(options.specs.map((s) => s.name)).toEqual(['webgpu width=64', 'webgpu width=128', 'wasm width=64', 'wasm width=128']);
    expect(options.repetitions).toBe(3);
    expect(options.suitePath).toBeUndefined();
  });

  it('reads a value as the web app\'s form does: .5 is a number, a comma list item is trimmed, a text field stays text', () => {
    const options = parseCli(['--learning-rate', '.005', '--backend', 'cpu, wasm', '--flag', 'WEBGPU_X=.5', '--flag', 'WEBGL_Y=true', '--flag', 'Z_NAME=fast']);
    expect(options.specs.map((s) => s.spec.backend)).toEqual(['cpu', 'wasm']);
    expect(options.specs[0]?.spec.learningRate).toBe(0.005);
    expect(options.specs[0]?.spec.flags).toEqual({ WEBGPU_X: 0.5, WEBGL_Y: true, Z_NAME: 'fast' });
    expect(parseCli(['--model', '123']).specs[0]?.spec.model, 'a file named 123').toBe('123');
    expect(() => parseCli(['--width', 'wide'])).toThrow('width must be a number (got "wide"');
    expect(() => parseCli(['--flag', '=5'])).toThrow('--flag takes NAME=VALUE, got "=5"');
  });

  it('reads the CI options', () => {
    const options = parseCli(['--suite', 's.json', '--json', 'o.json', '--markdown', 'm.md', '--baseline', 'b.json', '--save-baseline', 'n.json', '--threshold', '2ms', '--budget', '5m']);
    expect(options).toMatchObject({
      suitePath: 's.json',
      jsonPath: 'o.json',
      markdownPath: 'm.md',
      baselinePath: 'b.json',
      saveBaselinePath: 'n.json',
      threshold: { kind: 'absolute', ms: 2 },
      budgetSeconds: 300,
      specs: [],
    });
  });

  it.each([
    ['300s', 300],
    ['300', 300],
    ['5m', 300],
    ['1.5h', 5400],
  ])('--budget %s is %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
  it('rejects --budget 0', () => {
    expect(() => parseDuration('0s')).toThrow(UsageError);
  });
});

describe('main(argv) when the browser cannot be reached', () => {
  it('exits 2 and names the endpoint', async () => {
    const path = file('reach.json', goodSuite);
    const { code, stderr } = await run(['--suite', path, '--no-build', '--browser-endpoint', 'ws://127.0.0.1:9/nothing-here']);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain('could not connect to the browser at ws://127.0.0.1:9/nothing-here');
  });
});

describe('users\' models on the command line', () => {
  it('takes --model as a comma list, --input-shape and --input-range by name, and --mode / --loss from the spec', () => {
    const options = parseCli(['--model', './a/model.json,./b/model.json', '--input-shape', 'x=1x224x224x3', '--input-range', 'ids=0..30000', '--mode', 'serve', '--loss', 'mse']);
    expect(options.specs.map((s) => s.name)).toEqual(['a/model.json', 'b/model.json']);
    expect(options.specs[0]?.spec).toMatchObject({ model: './a/model.json', mode: 'serve', loss: 'mse', inputShapes: { x: [1, 224, 224, 3] }, inputRanges: { ids: { min: 0, max: 30000 } } });
    expect(options.specs[0]?.spec.workload, 'a model job names no workload').toBeUndefined();
  });

  it.each([
    { argv: ['--model', 'm.json', '--input-shape', 'x=1xNx3'], error: '--input-shape takes NAME=1x224x224x3, got "x=1xNx3"' },
    { argv: ['--model', 'm.json', '--input-range', 'ids=0-9'], error: '--input-range takes NAME=0..30000, got "ids=0-9"' },
    { argv: ['--model', 'm.json', '--workload', 'mlp'], error: 'give one of workload and model, not both' },
  ])('refuses $argv.2 $argv.3 with a sentence naming the flag', ({ argv, error }) => {
    expect(() => parseCli(argv)).toThrow(error);
  });
});
