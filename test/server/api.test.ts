/** The store's API on both databases: upload, idempotence, reads, tokens, trends, delete, export and import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectTokensSchema, storedRunSchema, trendSchema, uploadReplySchema, seriesListSchema, projectListSchema, importReplySchema } from '../../src/core/store/api.ts';
import { ADMIN_TOKEN, call, openStore, STORE_KINDS, stopTestPostgres, type StoreUnderTest } from './harness.ts';
import { meta, resultsFile } from './records.ts';

afterAll(() => stopTestPostgres());

describe.each(STORE_KINDS)('the store on %s', (kind) => {
  let store: StoreUnderTest;
  let writeToken: string;
  beforeAll(async () => {
    store = await openStore(kind);
    const created = await call(store.url, '/api/projects', { token: ADMIN_TOKEN, body: { name: 'web', readToken: false } });
    expect(created.status).toBe(201);
    writeToken = projectTokensSchema.parse(created.json).writeToken;
  }, 120_000);
  afterAll(async () => store?.close());

  const upload = (seed: number, token = writeToken, project = 'web', overrides = {}) =>
    call(store.url, `/api/p/${project}/runs`, { token, body: { meta: meta(seed, overrides), record: resultsFile(seed) } });

  it('stores an upload once, however often it comes, and returns it whole', async () => {
    const first = await upload(1);
    expect(first.status).toBe(201);
    const reply = uploadReplySchema.parse(first.json);
    expect(reply).toMatchObject({ created: true, runPath: `/r/${reply.id}`, trendPath: '/p/web/trend?branch=main' });
    const again = await upload(1);
    expect(again.status).toBe(200);
    expect(uploadReplySchema.parse(again.json)).toEqual({ ...reply, created: false });
    const stored = storedRunSchema.parse((await call(store.url, `/api/runs/${reply.id}`)).json);
    expect(stored.record).toEqual(resultsFile(1));
    expect(stored.meta).toEqual(meta(1));
    const list = projectListSchema.parse((await call(store.url, '/api/projects', { token: ADMIN_TOKEN })).json);
    expect(list.projects).toEqual([{ name: 'web', runs: 1, hasReadToken: false }]);
  });

  it('gives one point per run along a branch, each the run\'s own estimate and interval', async () => {
    for (const seed of [2, 3, 4]) expect((await upload(seed)).status).toBe(201);
    expect((await upload(5, writeToken, 'web', { branch: 'feature' })).status).toBe(201);
    const series = seriesListSchema.parse((await call(store.url, '/api/p/web/series')).json);
    expect(series.series).toContainEqual({ suite: 'store test', variant: 'mlp', metric: 'ttfb.totalMs', device: 'google/swiftshader (software)', points: 4 });
    const query = new URLSearchParams({ suite: 'store test', variant: 'mlp', metric: 'ttfb.totalMs', device: 'google/swiftshader (software)' });
    const trend = trendSchema.parse((await call(store.url, `/api/p/web/trend?${query}`)).json);
    expect(trend.points.map((p) => p.commit)).toEqual([1, 2, 3, 4].map((seed) => meta(seed).commit));
    // Run 1's mlp TTFBs were 1001, 1011, 1021: mean 1011 with a t interval around it.
    const first = trend.points[0]!;
    expect(first.estimate).toBeCloseTo(1011, 6);
    expect(first.n).toBe(3);
    expect(first.low!).toBeLessThan(1011);
    expect(first.high!).toBeGreaterThan(1011);
    expect(trend).toMatchObject({ unit: 'ms', better: 'lower', branch: 'main', changePoints: [] });
    const feature = trendSchema.parse((await call(store.url, `/api/p/web/trend?${query}&branch=feature`)).json);
    expect(feature.points.map((p) => p.commit)).toEqual([meta(5).commit]);
    expect((await call(store.url, `/api/p/web/trend?${query}&branch=nowhere`)).status).toBe(404);
    expect((await call(store.url, '/api/p/web/alerts')).json).toEqual({ changePoints: [] });
    expect((await call(store.url, '/api/p/web/changepoints', { method: 'POST', token: writeToken })).json).toEqual({ changePoints: [] });
  });

  it('answers an unknown project and a wrong token alike, and keeps a read-token project closed', async () => {
    const wrong = await upload(9, 'not-the-token');
    const unknown = await upload(9, writeToken, 'nobody');
    const missing = await call(store.url, '/api/p/web/runs', { body: { meta: meta(9), record: resultsFile(9) } });
    for (const reply of [wrong, unknown, missing]) expect(reply).toMatchObject({ status: 401, json: { error: { code: 'unauthorized', message: 'unknown project or wrong token' } } });
    const closed = projectTokensSchema.parse((await call(store.url, '/api/projects', { token: ADMIN_TOKEN, body: { name: 'closed', readToken: true } })).json);
    const stored = uploadReplySchema.parse((await upload(10, closed.writeToken, 'closed')).json);
    expect((await call(store.url, '/api/p/closed/series')).status).toBe(401);
    expect((await call(store.url, `/api/runs/${stored.id}`)).status).toBe(404);
    expect((await call(store.url, '/api/p/closed/series', { token: closed.readToken! })).status).toBe(200);
    expect((await call(store.url, `/api/runs/${stored.id}`, { token: closed.readToken! })).status).toBe(200);
    // A read token does not write; only the admin lists or creates projects.
    expect((await upload(11, closed.readToken!, 'closed')).status).toBe(401);
    expect((await call(store.url, '/api/projects', { token: writeToken })).status).toBe(401);
    expect((await call(store.url, '/api/projects', { token: ADMIN_TOKEN, body: { name: 'closed' } })).status).toBe(409);
  });

  it('creates a project on the admin token\'s first upload', async () => {
    const reply = await upload(20, ADMIN_TOKEN, 'fresh');
    expect(reply.status).toBe(201);
    expect(projectListSchema.parse((await call(store.url, '/api/projects', { token: ADMIN_TOKEN })).json).projects.map((p) => p.name)).toContain('fresh');
  });

  it('exports a project as JSON lines and imports it elsewhere, skipping what is there', async () => {
    const exported = await call(store.url, '/api/p/web/export', { token: ADMIN_TOKEN });
    expect(exported.status).toBe(200);
    const lines = exported.text.trim().split('\n');
    expect(lines).toHaveLength(5);
    const runs = lines.map((line) => storedRunSchema.parse(JSON.parse(line)));
    const imported = await call(store.url, '/api/p/copy/import', { token: ADMIN_TOKEN, raw: exported.text, contentType: 'application/x-ndjson' });
    expect(importReplySchema.parse(imported.json)).toEqual({ imported: 5, skipped: 0 });
    const copy = (await call(store.url, '/api/p/copy/export', { token: ADMIN_TOKEN })).text.trim().split('\n').map((line) => storedRunSchema.parse(JSON.parse(line)));
    expect(copy.map((r) => [r.meta, r.record, r.uploadedAt])).toEqual(runs.map((r) => [r.meta, r.record, r.uploadedAt]));
    expect((await call(store.url, '/api/p/copy/import', { token: ADMIN_TOKEN, raw: exported.text, contentType: 'application/x-ndjson' })).json).toEqual({ imported: 0, skipped: 5 });
    const bad = await call(store.url, '/api/p/other/import', { token: ADMIN_TOKEN, raw: `${lines[0]}\n{"id":1}\n`, contentType: 'application/x-ndjson' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toMatch(/^line 2: /);
    expect((await call(store.url, '/api/p/copy/export', { token: writeToken })).status).toBe(401);
  });

  it('deletes a run and a project for the admin only', async () => {
    const id = uploadReplySchema.parse((await upload(30)).json).id;
    expect((await call(store.url, `/api/runs/${id}`, { method: 'DELETE', token: writeToken })).status).toBe(401);
    expect((await call(store.url, `/api/runs/${id}`, { method: 'DELETE', token: ADMIN_TOKEN })).status).toBe(204);
    expect((await call(store.url, `/api/runs/${id}`)).status).toBe(404);
    expect((await call(store.url, `/api/runs/${id}`, { method: 'DELETE', token: ADMIN_TOKEN })).status).toBe(404);
    expect((await call(store.url, '/api/p/copy', { method: 'DELETE', token: ADMIN_TOKEN })).status).toBe(204);
    expect((await call(store.url, '/api/p/copy/series')).status).toBe(401);
  });

  it('keeps every run across a restart', async () => {
    const before = (await call(store.url, '/api/p/web/export', { token: ADMIN_TOKEN })).text;
    await store.restart();
    expect((await call(store.url, '/api/p/web/export', { token: ADMIN_TOKEN })).text).toBe(before);
  });

  it('stores 20 uploads at once each once (each sent twice)', async () => {
    const seeds = Array.from({ length: 20 }, (_, i) => 100 + i);
    // 20 runs, each sent twice at the same time: 40 requests, 20 runs.
    const replies = await Promise.all([...seeds, ...seeds].map((seed) => upload(seed)));
    expect(replies.map((r) => r.status).filter((s) => s !== 201 && s !== 200)).toEqual([]);
    const created = replies.map((r) => uploadReplySchema.parse(r.json)).filter((r) => r.created);
    expect(created).toHaveLength(20);
    const exported = (await call(store.url, '/api/p/web/export', { token: ADMIN_TOKEN })).text.trim().split('\n').map((line) => storedRunSchema.parse(JSON.parse(line)));
    const ids = exported.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const seed of seeds) expect(exported.filter((r) => r.meta.commit === meta(seed).commit)).toHaveLength(1);
  });
});
