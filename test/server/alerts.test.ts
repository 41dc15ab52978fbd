/** Change points in the store on both databases: a level shift along a branch becomes the project's alert, on upload and on demand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertListSchema, projectTokensSchema, trendSchema } from '../../src/core/store/api.ts';
import { toResultFile } from '../../src/core/runner/results-file.ts';
import { fakeResult } from '../core/compare/fixtures.ts';
import { ADMIN_TOKEN, call, openStore, STORE_KINDS, stopTestPostgres, type StoreUnderTest } from './harness.ts';
import { meta } from './records.ts';

afterAll(() => stopTestPostgres());

/** Commit `seed` of a project whose step time grows 30% from commit 8 on, with ±1% of run-to-run wobble. */
function shiftedRun(seed: number) {
  const level = 50 * (1 + 0.01 * Math.sin(seed * 1.7)) * (seed >= 8 ? 1.3 : 1);
  const results = [0, 1, 2].map((round) => ({ ...fakeResult({ ttfbMs: 1000 + round, stepMs: level + round * 0.1 }), variant: 'mlp', repetition: round }));
  return toResultFile(results, { toolVersion: '0.1.0', suite: { name: 'shift', kind: 'comparison', threshold: '5%', metrics: ['steps.medianMs'] } });
}

describe.each(STORE_KINDS)('change points in the store on %s', (kind) => {
  let store: StoreUnderTest;
  let writeToken: string;
  beforeAll(async () => {
    store = await openStore(kind);
    const created = await call(store.url, '/api/projects', { token: ADMIN_TOKEN, body: { name: 'shift', readToken: false } });
    writeToken = projectTokensSchema.parse(created.json).writeToken;
    for (let seed = 0; seed < 16; seed += 1) {
      const reply = await call(store.url, '/api/p/shift/runs', { token: writeToken, body: { meta: meta(seed), record: shiftedRun(seed) } });
      expect(reply.status).toBe(201);
    }
  }, 180_000);
  afterAll(async () => store?.close());

  it('marks the step on the trend with its commits, size and interval, and lists it as the alert', async () => {
    const query = new URLSearchParams({ suite: 'shift', variant: 'mlp', metric: 'steps.medianMs', device: meta(0).device });
    const trend = trendSchema.parse((await call(store.url, `/api/p/shift/trend?${query}`)).json);
    expect(trend.points).toHaveLength(16);
    expect(trend.changePoints).toHaveLength(1);
    const [shift] = trend.changePoints;
    expect(shift?.before.commit).toBe(meta(7).commit);
    expect(shift?.after.commit).toBe(meta(8).commit);
    expect(shift?.direction).toBe('regression');
    expect(shift!.relativeLow).toBeLessThan(0.3);
    expect(shift!.relativeHigh).toBeGreaterThan(0.3);
    const alerts = alertListSchema.parse((await call(store.url, '/api/p/shift/alerts')).json);
    expect(alerts.changePoints).toEqual(trend.changePoints);
    const again = alertListSchema.parse((await call(store.url, '/api/p/shift/changepoints', { method: 'POST', token: writeToken })).json);
    expect(again.changePoints).toEqual(trend.changePoints);
  });
});
