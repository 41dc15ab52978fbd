/**
 * Faults, each with what the store and the CLI do: the server killed (-9) during an upload, the
 * store unreachable, PostgreSQL down at start and in the middle of a request.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as bench } from '../../bench/main.ts';
import { startServer } from '../../server/main.ts';
import { projectTokensSchema, storedRunSchema, trendSchema } from '../../src/core/store/api.ts';
import { startChildServer } from './child.ts';
import { ADMIN_TOKEN, call, STORE_KINDS, stopTestPostgres, testPostgres, type StoreKind } from './harness.ts';
import { captureIo } from '../bench/io.ts';
import { bigResultsFile } from './records.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fb-faults-'));
});
afterAll(() => {
  stopTestPostgres();
  rmSync(dir, { recursive: true, force: true });
});

/** Bytes a process has read (from files and sockets), from /proc. */
function bytesRead(pid: number): number {
  const match = /^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

let databases = 0;
async function location(kind: StoreKind): Promise<string[]> {
  databases += 1;
  if (kind === 'pglite') return ['--data', join(dir, `data-${databases}`)];
  return ['--db', await (await testPostgres()).createDatabase(`faults_${process.pid}_${databases}`)];
}

/** `firstbatch bench --from FILE --json OUT --upload URL` through the CLI's main. */
async function uploadWithCli(file: unknown, url: string, name: string, extra: readonly string[] = []) {
  const input = join(dir, `${name}-in.json`);
  const output = join(dir, `${name}.json`);
  writeFileSync(input, JSON.stringify(file));
  const capture = captureIo();
  const io = capture.io;
  const code = await bench(['--from', input, '--json', output, '--upload', `${url}/p/web`, '--token', ADMIN_TOKEN, '--commit', name, '--branch', 'main', ...extra], io);
  return { code, stderr: capture.stderr(), output };
}

describe.each(STORE_KINDS)('kill -9 during an upload (%s)', (kind) => {
  it('stores the run whole or not at all, and the CLI says the upload failed and keeps its file', async () => {
    const args = [...(await location(kind)), '--admin-token', ADMIN_TOKEN];
    let server = await startChildServer(args);
    expect((await call(server.url, '/api/p/web/runs', { token: ADMIN_TOKEN, body: { meta: { commit: 'warm-up', parentCommit: null, branch: 'main', createdAt: '2026-01-01T00:00:00Z', ciUrl: null, device: 'unknown device' }, record: bigResultsFile(0) } })).status).toBe(201);
    // How long the server takes from the body's arrival to its answer here, so the kill lands while it stores the next one.
    const arrival = async (pid: number) => {
      const before = bytesRead(pid);
      while (bytesRead(pid) - before < 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 1));
      return performance.now();
    };
    const firstArrived = arrival(server.process.pid!);
    // --link: the long link is made before the upload, so nothing of the CLI's runs after the store answers.
    const first = await uploadWithCli(bigResultsFile(1), server.url, 'first', ['--link']);
    expect(first.code, first.stderr).toBe(0);
    const storeMs = performance.now() - (await firstArrived);
    // A busy machine can answer before the kill: then again, sooner (at most 4 tries, each a new run).
    let killed: Awaited<ReturnType<typeof uploadWithCli>> | undefined;
    let killedAtMs = storeMs / 2;
    let seed = 2;
    for (; seed < 6; seed += 1, killedAtMs /= 2) {
      const arrived = arrival(server.process.pid!);
      const pending = uploadWithCli(bigResultsFile(seed), server.url, `killed-${seed}`, ['--link']);
      await arrived;
      await new Promise((resolve) => setTimeout(resolve, killedAtMs));
      server.process.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      const result = await pending;
      if (result.code !== 0) {
        killed = result;
        break;
      }
      server = await startChildServer(args);
    }
    expect(killed, 'every upload finished before the kill').toBeDefined();
    expect(killed!.code).toBe(2);
    expect(killed!.stderr).toMatch(/firstbatch: upload failed: .*nothing was stored, the results are kept in .*killed-\d\.json/);
    expect(JSON.parse(readFileSync(killed!.output, 'utf8'))).toEqual(bigResultsFile(seed));

    server = await startChildServer(args);
    try {
      const lines = (await call(server.url, '/api/p/web/export', { token: ADMIN_TOKEN })).text.trim().split('\n').map((line) => storedRunSchema.parse(JSON.parse(line)));
      const commits = lines.map((run) => run.meta.commit);
      expect(commits.slice(0, 2)).toEqual(['warm-up', 'first']);
      // Whole or nothing: if the killed run is there, every one of its points is too.
      const query = (variant: string) => new URLSearchParams({ suite: 'big', variant, metric: 'ttfb.totalMs', device: 'unknown device' });
      for (const variant of ['v0', 'v39']) {
        const trend = trendSchema.parse((await call(server.url, `/api/p/web/trend?${query(variant)}`)).json);
        expect(trend.points.map((p) => p.commit)).toEqual(commits);
      }
      // Sending it again stores it (or finds it stored): nothing half-way blocks it.
      const again = await uploadWithCli(bigResultsFile(seed), server.url, `killed-${seed}`);
      expect(again.code, again.stderr).toBe(0);
      console.log(`${kind}: one upload stored in ${storeMs.toFixed(0)} ms; killed ${killedAtMs.toFixed(0)} ms after the body began to arrive (try ${seed - 1}): the killed run was ${commits.includes(`killed-${seed}`) ? 'stored whole' : 'not stored'}; runs after restart: ${commits.join(', ')}`);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });
});

describe('an unreachable store or database', () => {
  it('the CLI reports a store that does not answer and keeps the results', async () => {
    const result = await uploadWithCli(bigResultsFile(3), 'http://127.0.0.1:9', 'unreachable');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/upload failed: could not reach the store at http:\/\/127\.0\.0\.1:9\/ .*the results are kept in/);
    expect(existsSync(result.output)).toBe(true);
  });

  it('a PostgreSQL server that is not there at start: one clear error, exit 2, no retry loop', async () => {
    const pg = await testPostgres();
    const child = startChildServer(['--db', `postgres://fb@127.0.0.1:${pg.port + 1}/nothing`]);
    await expect(child).rejects.toThrow(/exited \(2\) before listening: firstbatch server: could not open the store \(PostgreSQL at 127\.0\.0\.1:\d+\/nothing\): the PostgreSQL server is unreachable \(ECONNREFUSED\)/);
  });

  it('PostgreSQL going away mid-request: 503 with the reason, the server stays up, and recovers when it is back', async () => {
    const pg = await testPostgres();
    const db = await pg.createDatabase(`faults_${process.pid}_down`);
    const server = await startServer({ db, adminToken: ADMIN_TOKEN, appDir: null });
    try {
      const tokens = projectTokensSchema.parse((await call(server.url, '/api/projects', { token: ADMIN_TOKEN, body: { name: 'web' } })).json);
      const before = { meta: { commit: 'before', parentCommit: null, branch: 'main', createdAt: '2026-01-01T00:00:00Z', ciUrl: null, device: 'd' }, record: bigResultsFile(5) };
      expect((await call(server.url, '/api/p/web/runs', { token: tokens.writeToken, body: before })).status).toBe(201);
      pg.halt();
      const down = await call(server.url, '/api/p/web/runs', { token: tokens.writeToken, body: { meta: { commit: 'a', parentCommit: null, branch: 'main', createdAt: new Date().toISOString(), ciUrl: null, device: 'd' }, record: bigResultsFile(4) } });
      expect(down.status).toBe(503);
      expect(down.json).toMatchObject({ error: { code: 'database-unavailable', message: expect.stringMatching(/PostgreSQL server is unreachable.*nothing was stored, try again/) } });
      expect((await call(server.url, '/api/p/web/series')).status).toBe(503);
      pg.start();
      const up = await call(server.url, '/api/p/web/runs', { token: tokens.writeToken, body: { meta: { commit: 'a', parentCommit: null, branch: 'main', createdAt: new Date().toISOString(), ciUrl: null, device: 'd' }, record: bigResultsFile(4) } });
      expect(up.status).toBe(201);
      // PostgreSQL's own restart (an immediate stop: a crash) kept the run stored before it.
      const exported = (await call(server.url, '/api/p/web/export', { token: ADMIN_TOKEN })).text.trim().split('\n').map((line) => storedRunSchema.parse(JSON.parse(line)).meta.commit);
      expect(exported).toEqual(['before', 'a']);
    } finally {
      await server.close();
    }
  });
});
