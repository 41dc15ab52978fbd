/** Bad input at the store, on both databases: each gets a clear error naming what is wrong, or is stored verbatim. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectTokensSchema, storedRunSchema, trendSchema, uploadReplySchema } from '../../src/core/store/api.ts';
import { ADMIN_TOKEN, call, openStore, STORE_KINDS, stopTestPostgres, type StoreUnderTest } from './harness.ts';
import { meta, realRunFile, resultsFile } from './records.ts';

afterAll(() => stopTestPostgres());

const HOSTILE = `'; DROP TABLE runs; -- <script>alert("x")</script> \\" $1 %s \u0000`.replace('\u0000', '');

describe.each(STORE_KINDS)('bad input on %s', (kind) => {
  let store: StoreUnderTest;
  let token: string;
  beforeAll(async () => {
    store = await openStore(kind);
    token = projectTokensSchema.parse((await call(store.url, '/api/projects', { token: ADMIN_TOKEN, body: { name: 'web' } })).json).writeToken;
  }, 120_000);
  afterAll(async () => store?.close());

  const post = (init: { raw?: string; body?: unknown }) => call(store.url, '/api/p/web/runs', { token, ...init });

  it('refuses a body that is not JSON, and one over the size cap', async () => {
    expect(await post({ raw: '{"meta": ' })).toMatchObject({ status: 400, json: { error: { code: 'not-json' } } });
    const huge = await post({ raw: JSON.stringify({ meta: meta(1), record: { pad: 'x'.repeat(50 * 1024 * 1024) } }) });
    expect(huge).toMatchObject({ status: 413, json: { error: { code: 'too-large', message: 'the body is larger than the 20 MB limit' } } });
  });

  it('names the bad field of an upload and of its record, and says when a file is from a newer firstbatch', async () => {
    const noCommit = await post({ body: { meta: { ...meta(1), commit: undefined }, record: resultsFile(1) } });
    expect(noCommit).toMatchObject({ status: 400, json: { error: { code: 'invalid-upload', message: expect.stringContaining('meta.commit') } } });
    const badTime = await post({ body: { meta: { ...meta(1), createdAt: 'yesterday' }, record: resultsFile(1) } });
    expect(badTime).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining('meta.createdAt must be an ISO date') } } });
    const badRecord = await post({ body: { meta: meta(1), record: { ...resultsFile(1), results: [{ variant: 3 }] } } });
    expect(badRecord).toMatchObject({ status: 400, json: { error: { code: 'invalid-record', message: expect.stringMatching(/^record: invalid results file: results\.0/) } } });
    const newer = await post({ body: { meta: meta(1), record: { ...resultsFile(1), schemaVersion: 2, tool: { name: 'firstbatch', version: '9.0.0' } } } });
    expect(newer).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining('schemaVersion 2 was written by a newer firstbatch (firstbatch 9.0.0)') } } });
    expect((await call(store.url, '/api/projects', { token: ADMIN_TOKEN })).json).toEqual({ projects: [{ name: 'web', runs: 0, hasReadToken: false }] });
  });

  it('stores a real run\'s file, and SQL and HTML in every string field verbatim', async () => {
    expect((await post({ body: { meta: meta(2, { device: 'cpu (no GPU adapter)' }), record: realRunFile() } })).status).toBe(201);
    const file = resultsFile(3, { suiteName: HOSTILE });
    const record = { ...file, results: file.results.map((r) => ({ ...r, variant: `${r.variant} ${HOSTILE}` })) };
    const hostileMeta = { commit: HOSTILE.slice(0, 64), parentCommit: HOSTILE.slice(0, 64), branch: HOSTILE, createdAt: '2026-02-01T00:00:00.000Z', ciUrl: HOSTILE, device: HOSTILE };
    const reply = uploadReplySchema.parse((await post({ body: { meta: hostileMeta, record } })).json);
    const stored = storedRunSchema.parse((await call(store.url, `/api/runs/${reply.id}`)).json);
    expect(stored.meta).toEqual(hostileMeta);
    expect(stored.record).toEqual(record);
    const query = new URLSearchParams({ suite: HOSTILE, variant: `mlp ${HOSTILE}`, metric: 'ttfb.totalMs', device: HOSTILE, branch: HOSTILE });
    const trend = trendSchema.parse((await call(store.url, `/api/p/web/trend?${query}`)).json);
    expect(trend.series).toEqual({ suite: HOSTILE, variant: `mlp ${HOSTILE}`, metric: 'ttfb.totalMs', device: HOSTILE });
    expect(trend.points.map((p) => p.commit)).toEqual([HOSTILE.slice(0, 64)]);
    expect(reply.trendPath).toBe(`/p/web/trend?branch=${encodeURIComponent(HOSTILE)}`);
    // The tables are all still there.
    expect((await call(store.url, '/api/projects', { token: ADMIN_TOKEN })).json).toEqual({ projects: [{ name: 'web', runs: 2, hasReadToken: false }] });
  });

  it('answers 404 to dots and encoded slashes in ids before any lookup', async () => {
    const paths = [
      '/api/runs/..', '/api/runs/..%2F..%2Fetc%2Fpasswd', '/api/runs/%2e%2e', '/api/runs/a%2Fb',
      '/api/p/..%2Fweb/series', '/api/p/%2e%2e/alerts', '/api/p/WEB/series', '/api/p/web%00/series',
    ];
    for (const path of paths) {
      const reply = await call(store.url, path);
      expect({ path, status: reply.status, code: (reply.json as { error?: { code?: string } } | null)?.error?.code }).toEqual({ path, status: 404, code: 'not-found' });
    }
    expect((await call(store.url, '/api/runs/..%2F..', { method: 'DELETE', token: ADMIN_TOKEN })).status).toBe(404);
    expect((await call(store.url, '/api/p/..%2Fweb/runs', { token, body: { meta: meta(4), record: resultsFile(4) } })).status).toBe(404);
  });
});
