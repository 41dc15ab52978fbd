import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, parseDuration, UsageError } from '../../bench/args.ts';
import { EXIT, main } from '../../bench/main.ts';
import { captureIo } from './io.ts';

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

describe('parseCli', () => {
  it('turns job flags into one named variant per combination', () => {
    const options = parseCli(['--backend', 'webgpu,wasm', '--width', '64,128', '--repetitions', '3']);
    expect(options.specs.map((s) => s.name)).toEqual(['webgpu width=64', 'webgpu width=128', 'wasm width=64', 'wasm width=128']);
    expect(options.repetitions).toBe(3);
    expect(options.suitePath).toBeUndefined();
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
