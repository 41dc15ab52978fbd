/** The CLI side of uploads: the flags, the run's origin, the link it prints and what a refused upload says. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../bench/args.ts';
import { main as bench } from '../../bench/main.ts';
import { runMetaOf } from '../../bench/upload.ts';
import { storedRunSchema } from '../../src/core/store/api.ts';
import { captureIo } from '../bench/io.ts';
import { ADMIN_TOKEN, call, openStore, type StoreUnderTest } from './harness.ts';
import { realRunFile } from './records.ts';

describe('upload flags', () => {
  it('takes URL/p/PROJECT and refuses the upload flags without it', () => {
    expect(parseCli(['--from', 'x.json', '--upload', 'http://127.0.0.1:8787/p/web', '--token', 't']).upload).toMatchObject({ token: 't', target: { project: 'web' } });
    expect(() => parseCli(['--upload', 'http://127.0.0.1:8787/web'])).toThrow(new UsageError('--upload takes http(s)://HOST/p/PROJECT (PROJECT: a-z, 0-9, "-", "_"), got "http://127.0.0.1:8787/web"'));
    expect(() => parseCli(['--upload', 'http://h/p/..%2Fweb'])).toThrow(UsageError);
    expect(() => parseCli(['--token', 't'])).toThrow(new UsageError('--token describes an upload and needs --upload URL/p/PROJECT'));
  });

  it('reads the origin from the flags, then from GitHub Actions, and the device from the results', () => {
    const env = { GITHUB_SHA: 'merge', GITHUB_HEAD_REF: 'feature', GITHUB_REF_NAME: '12/merge', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '5' };
    const now = new Date('2026-03-01T12:00:00Z');
    expect(runMetaOf(realRunFile(), { commit: 'head', parentCommit: 'base' }, env, now)).toEqual({
      commit: 'head', parentCommit: 'base', branch: 'feature', createdAt: '2026-03-01T12:00:00.000Z', ciUrl: 'https://github.com/acme/web/actions/runs/5', device: 'cpu (no GPU adapter)',
    });
    expect(runMetaOf(realRunFile(), { branch: 'main', commit: 'x', parentCommit: 'w' }, { GITHUB_REF_NAME: 'main' }, now)).toMatchObject({ branch: 'main', ciUrl: null });
  });
});

describe('firstbatch bench --upload', () => {
  let store: StoreUnderTest;
  let dir: string;
  beforeAll(async () => {
    store = await openStore('pglite');
    dir = mkdtempSync(join(tmpdir(), 'fb-cli-'));
    writeFileSync(join(dir, 'in.json'), JSON.stringify(realRunFile()));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (extra: string[]) => {
    const capture = captureIo();
    const code = await bench(['--from', join(dir, 'in.json'), '--json', join(dir, 'out.json'), '--commit', 'abc1234', '--parent-commit', 'abc1233', '--branch', 'main', ...extra], capture.io);
    return { code, stderr: capture.stderr() };
  };

  it('prints the short link instead of the long one, and writes the long one beside --json', async () => {
    const { code, stderr } = await run(['--upload', `${store.url}/p/web`, '--token', ADMIN_TOKEN]);
    expect(code, stderr).toBe(0);
    const id = new RegExp(`firstbatch: stored: ${store.url}/r/([0-9a-f]{24})\\n`).exec(stderr)?.[1];
    expect(id, stderr).toBeDefined();
    expect(stderr).toContain(`firstbatch: trend: ${store.url}/p/web/trend?branch=main`);
    expect(stderr).not.toContain('share link (');
    expect(readFileSync(join(dir, 'out.link.txt'), 'utf8')).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#r=v\d\./);
    const stored = storedRunSchema.parse((await call(store.url, `/api/runs/${id}`)).json);
    expect(stored.meta).toMatchObject({ commit: 'abc1234', parentCommit: 'abc1233', branch: 'main', device: 'cpu (no GPU adapter)' });
    expect(stored.record).toEqual(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')));
    const again = await run(['--upload', `${store.url}/p/web`, '--token', ADMIN_TOKEN, '--link']);
    expect(again.stderr).toContain(`firstbatch: stored: ${store.url}/r/${id} (stored before: the same run)`);
    expect(again.stderr).toContain('share link (');
  });

  it('says why the store refused a run, exits 2 and keeps the file', async () => {
    const { code, stderr } = await run(['--upload', `${store.url}/p/web`, '--token', 'wrong']);
    expect(code).toBe(2);
    expect(stderr).toContain(`firstbatch: upload failed: the store refused the run (401 unauthorized: unknown project or wrong token); nothing was stored, the results are kept in ${join(dir, 'out.json')}`);
    expect(existsSync(join(dir, 'out.json'))).toBe(true);
  });
});
