import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import { runVisit } from '../../bench/visit.ts';
import { parseJobResult, type JobResult } from '../../src/core/result.ts';
import { parseJobSpec } from '../../src/core/spec.ts';
import { openHarness, type Harness } from './harness.ts';

// cpu: what is under test is the browser process and its profile, not the GPU.
const job = { workload: 'mlp', backend: 'cpu', width: 32, steps: 2, warmupSteps: 0, servingQueries: 0, profileSteps: 0 } as const;

describe('first and return visits', () => {
  let harness: Harness;
  let results: JobResult[];
  beforeAll(async () => {
    harness = await openHarness();
    results = await harness.runPlan([{ ...job, visit: 'first' }, { ...job, visit: 'return' }]);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a first visit fetches everything; a return visit, in a new browser process on the profile a first visit filled, is served by its HTTP cache', () => {
    const [first, back] = results as [JobResult, JobResult];
    expect(first.error).toBeNull();
    expect(back.error).toBeNull();
    const before = first.env!.workerFetches!;
    const after = back.env!.workerFetches!;
    expect(before.count, 'the worker fetched tfjs and its backend').toBeGreaterThan(0);
    expect(before.fromCache, 'an empty profile has nothing cached').toBe(0);
    expect(after.fromCache, 'the kept profile serves what the first visit fetched').toBe(after.count);
    expect(after.transferredBytes).toBeLessThan(before.transferredBytes / 10);
  });

  it('a page alone cannot restart its browser: the page API refuses a return visit and says to use the CLI', async () => {
    const browser = await openBrowser();
    try {
      const page = await (await newEvaluableContext(browser)).newPage();
      await page.goto(harness.session.appUrl);
      await page.waitForFunction(() => globalThis.firstbatch?.ready === true);
      const raw = await page.evaluate((spec) => globalThis.firstbatch!.runJob(spec), { ...job, visit: 'return' });
      expect(parseJobResult(raw).error).toMatchObject({ code: 'invalid-spec', message: expect.stringMatching(/a page cannot do that; run it from the CLI/) });
    } finally {
      await browser.close();
    }
  });

  it('a remote endpoint cannot keep a profile, and says so', async () => {
    const result = await runVisit(parseJobSpec({ ...job, visit: 'return' }), { endpoint: 'ws://127.0.0.1:9/never' }, () => Promise.reject(new Error('not reached')));
    expect(result.error?.message).toMatch(/a remote endpoint \(ws:\/\/127\.0\.0\.1:9\/never\) cannot be restarted on a kept profile/);
  });
});
