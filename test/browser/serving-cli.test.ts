import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../bench/main.ts';
import { servingReportSchema } from '../../src/core/serving/index.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((err += t), true) } } as unknown as Parameters<typeof main>[1],
    out: () => out,
    err: () => err,
  };
}

describe('serving suites through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'firstbatch-serving-'));
  const write = (name: string, suite: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(suite));
    return path;
  };

  it('exits 2 naming the bad field of a serving suite, before starting a browser', async () => {
    const c = capture();
    const code = await main(['--suite', write('bad.json', { kind: 'canary', baseline: {}, candidate: {}, qps: 10, queries: 100, share: 2 })], c.io);
    expect(code).toBe(2);
    expect(c.err()).toMatch(/share/);
  });

  it('exits 1 when no rate meets the latency target, and writes the versioned report', async () => {
    const c = capture();
    const json = join(dir, 'out.json');
    const suite = write('server.json', {
      kind: 'server', model: { workload: 'mlp', backend: 'cpu', width: 32, steps: 0 }, latencyTargetMs: 0.001,
      durationMs: 100, minQueries: 5, search: { lowQps: 20, highQps: 40 },
    });
    const code = await main(['--suite', suite, '--no-build', '--json', json], c.io);
    expect(code).toBe(1);
    expect(c.err()).toMatch(/no probed rate met the p99 target of 0.001 ms/);
    expect(c.out()).toMatch(/## Server: mlp w32 seed 1 on cpu/);
    const file = JSON.parse(readFileSync(json, 'utf8')) as { schemaVersion: number; report: unknown };
    expect(file.schemaVersion).toBe(1);
    const report = servingReportSchema.parse(file.report);
    expect(report.kind === 'server' && report.search?.probes.length).toBe(1);
  });
});
