import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/core/result.ts';
import { CHROMIUM_ARGS } from '../../bench/browser.ts';
import { PROJECT_ROOT } from '../../bench/server.ts';
import { openSession } from '../../bench/session.ts';
import { openHarness, type Harness } from './harness.ts';

const quick = { workload: 'mlp', steps: 2, warmupSteps: 0, servingQueries: 1, profileSteps: 0 } as const;

describe('failures are results, not crashes', () => {
  let harness: Harness;
  let results: JobResult[];
  beforeAll(async () => {
    harness = await openHarness();
    results = await harness.runPlan([
      { ...quick, backend: 'cpu' },
      { ...quick, batchSize: 0 },
      { ...quick, backend: 'cpu', fault: 'throw' },
      { ...quick, backend: 'cpu', fault: 'crash' },
      { ...quick, backend: 'cpu', fault: 'hang', timeoutMs: 2000 },
      { ...quick, backend: 'webgpu', batchSize: 1_048_576 },
      { ...quick, backend: 'webgpu', fault: 'device-lost' },
      { ...quick, backend: 'webgpu', flags: { NOT_A_TFJS_FLAG: 1 } },
      { ...quick, backend: 'wasm' },
    ]);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each([
    { label: 'bad spec', index: 1, code: 'invalid-spec', message: /batchSize must be ≥ 1 \(got 0, allowed 1…1048576\)/ },
    { label: 'exception in the job', index: 2, code: 'job-failed', message: /deliberate failure/ },
    { label: 'worker crash', index: 3, code: 'worker-crashed', message: /deliberate worker crash/ },
    { label: 'time limit', index: 4, code: 'timeout', message: /timeoutMs \(2000 ms\)/ },
    { label: 'out of memory', index: 5, code: 'out-of-memory', message: /maxStorageBufferBindingSize/ },
    { label: 'device lost', index: 6, code: 'device-lost', message: /GPU device lost/ },
    { label: 'unknown tfjs flag', index: 7, code: 'bad-flag', message: /NOT_A_TFJS_FLAG/ },
  ])('$label is reported as that job\'s error', ({ index, code, message }) => {
    const result = results[index] as JobResult;
    expect(result.error?.code).toBe(code);
    expect(result.error?.message).toMatch(message);
    expect(result.steps).toBeNull();
  });

  it('keeps the rest of the run: jobs before and after the failures succeed', () => {
    for (const index of [0, 8]) {
      const result = results[index] as JobResult;
      expect(result.error, result.spec.backend).toBeNull();
      expect(result.ttfb?.totalMs).toBeGreaterThan(0);
    }
  });

  it('keeps the rejected input beside an invalid-spec error', () => {
    expect(results[1]?.rejectedSpec).toMatchObject({ batchSize: 0 });
  });

  it('keeps the phases measured before a failure after the first step', () => {
    expect(results[6]?.ttfb?.phases.at(-1)?.name).toBe('first-step');
  });
});

describe('a backend that cannot start', () => {
  it('fails the job with "backend webgpu unavailable: <reason>" instead of falling back', async () => {
    const harness = await openHarness({ args: CHROMIUM_ARGS.filter((arg) => arg !== '--enable-unsafe-webgpu') });
    try {
      const [result] = await harness.runPlan([{ ...quick, backend: 'webgpu' }]);
      expect(result?.error?.code).toBe('backend-unavailable');
      expect(result?.error?.message).toMatch(/^backend webgpu unavailable: \S/);
      expect(result?.env, 'a job that fails to start still reports its environment').toBeDefined();
      expect(result?.env).not.toBeNull();
      expect(result?.env?.backend, 'the environment reports what tfjs ran, not what was asked').not.toBe('webgpu');
    } finally {
      await harness.close();
    }
  });
});

describe('a page that breaks', () => {
  it('is that job\'s error, never the run\'s', async () => {
    // A port nothing listens on: the page cannot load, as when the server goes away under a long run.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const session = await openSession({ appUrl: `http://127.0.0.1:${port}/` });
    try {
      const result = await session.runJob({ ...quick, backend: 'cpu' });
      expect(result.error?.code).toBe('job-failed');
      expect(result.error?.message).toMatch(/^the page running the job failed: .*ERR_CONNECTION_REFUSED/);
      expect(result.spec.backend).toBe('cpu');
    } finally {
      await session.close();
    }
  });
});

describe('a build replaced under a long run', () => {
  it('leaves the run\'s jobs running: a session serves its own copy of the build, removed when it closes', async () => {
    const dist = join(PROJECT_ROOT, 'dist');
    const copies = () => readdirSync(tmpdir()).filter((name) => name.startsWith('firstbatch-app-'));
    const before = copies();
    const session = await openSession({ skipBuild: true });
    const aside = `${dist}-aside-${process.pid}`;
    try {
      expect(copies().length).toBe(before.length + 1);
      // Another run's build (or the tests') empties dist/ and writes files of other names: here, none at all.
      renameSync(dist, aside);
      mkdirSync(dist);
      const result = await session.runJob({ ...quick, backend: 'cpu' });
      expect(result.error).toBeNull();
      expect(result.steps?.samplesMs).toHaveLength(2);
    } finally {
      if (existsSync(aside)) {
        rmSync(dist, { recursive: true, force: true });
        renameSync(aside, dist);
      }
      await session.close();
    }
    expect(copies()).toEqual(before);
  });
});
