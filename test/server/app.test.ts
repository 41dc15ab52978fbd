/** The built app from `firstbatch server`: cross-origin isolated, its routes opening index.html, nothing outside its folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS } from '../../bench/isolation.ts';
import { startServer, type RunningServer } from '../../server/main.ts';

describe('the app from firstbatch server', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fb-app-'));
    mkdirSync(join(dir, 'app', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'app', 'index.html'), '<!doctype html><title>firstbatch</title>');
    writeFileSync(join(dir, 'app', 'assets', 'main.js'), 'export {};');
    writeFileSync(join(dir, 'secret.txt'), 'outside the app');
    server = await startServer({ data: join(dir, 'data'), appDir: join(dir, 'app'), adminToken: null });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const response = await fetch(new URL(path, server.url));
    return { status: response.status, type: response.headers.get('content-type'), coop: response.headers.get('cross-origin-opener-policy'), coep: response.headers.get('cross-origin-embedder-policy'), text: await response.text() };
  };

  it('serves the files and index.html at /r/ID and /p/PROJECT/…, cross-origin isolated', async () => {
    const isolated = { coop: ISOLATION_HEADERS['Cross-Origin-Opener-Policy'], coep: ISOLATION_HEADERS['Cross-Origin-Embedder-Policy'] };
    for (const path of ['/', '/r/0123abcd', '/p/web/trend?suite=s&metric=ttfb.totalMs']) {
      expect({ path, ...(await get(path)) }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8', ...isolated, text: '<!doctype html><title>firstbatch</title>' });
    }
    expect(await get('/assets/main.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', ...isolated });
    expect(await get('/api/projects')).toMatchObject({ status: 401, ...isolated });
  });

  it('answers 404 to paths that leave its folder or ids that are not ids', async () => {
    for (const path of ['/..%2Fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/%2e%2e/secret.txt', '/r/..%2F..%2Fsecret.txt', '/p/..%2F/trend', '/missing.js']) {
      const reply = await get(path);
      expect({ path, status: reply.status, leaked: reply.text.includes('outside') }).toEqual({ path, status: 404, leaked: false });
    }
  });
});
