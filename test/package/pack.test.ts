import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSuiteResultFile } from '../../src/core/compare/results-file.ts';
import { seriesListSchema, storeErrorSchema } from '../../src/core/store/api.ts';

/**
 * firstbatch as a team installs it: `npm pack` of this checkout, installed into a fresh project
 * (its dependencies from the registry, or npm's cache), then the installed command run there —
 * a job module through `npx firstbatch bench`, and `npx firstbatch server` answering its API.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const started = Date.now();
let dir: string;
let project: string;
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fb-pack-'));
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', dir], ROOT);
  expect(packed.code, packed.out).toBe(0);
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  expect(tarball, 'npm pack wrote a tarball').toBeDefined();
  project = join(dir, 'team-app');
  await run('mkdir', [project], dir);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'team-app', version: '1.0.0', private: true, type: 'module' })}\n`);
  const installStart = Date.now();
  const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, tarball!)], project);
  expect(installed.code, installed.out).toBe(0);
  console.info(`pack + install: ${seconds(started)} (install ${seconds(installStart)})`);
  copyFileSync(join(ROOT, 'examples/job-module/regression.js'), join(project, 'regression.js'));
});

afterAll(() => {
  console.info(`pack test wall time: ${seconds(started)}`);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, installed into a fresh project', () => {
  it('ships what the command needs and none of the checkout (no tests, no lockfile)', () => {
    const root = join(project, 'node_modules/firstbatch');
    const top = readdirSync(root).sort();
    for (const needed of ['bin', 'bench', 'src', 'workers', 'public', 'index.html', 'package.json', 'vite.config.ts']) expect(top, needed).toContain(needed);
    for (const unwanted of ['test', 'package-lock.json', 'node_modules', 'examples', '.git']) expect(top, unwanted).not.toContain(unwanted);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).private, 'the package is installable').toBeUndefined();
  });

  it('runs a job module: npx firstbatch bench --job', async () => {
    const since = Date.now();
    const args = ['firstbatch', 'bench', '--job', './regression.js', '--backend', 'wasm', '--steps', '3', '--warmup-steps', '1', '--serving-queries', '3', '--json', 'out.json'];
    const bench = await run('npx', args, project);
    console.info(`npx firstbatch bench: ${seconds(since)}`);
    expect(bench.code, bench.out).toBe(0);
    const file = parseSuiteResultFile(JSON.parse(readFileSync(join(project, 'out.json'), 'utf8')));
    const [result] = file.results;
    expect(result?.spec.job, 'the job module ran').toContain('regression.js');
    expect(result?.env?.backend).toBe('wasm');
    expect(result?.steps?.samplesMs).toHaveLength(3);
    expect(result?.ttfb?.totalMs).toBeGreaterThan(0);
  });

  it('serves the app and the store API: npx firstbatch server', async () => {
    const port = await freePort();
    const data = join(dir, 'store-data');
    const server = spawn('npx', ['firstbatch', 'server', '--data', data, '--port', String(port)], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      const since = Date.now();
      const page = await until(() => fetchText(`http://127.0.0.1:${port}/`), 60_000, () => out);
      console.info(`npx firstbatch server answered after ${seconds(since)}`);
      expect(page).toContain('<fb-app');
      const reply: unknown = await (await fetch(`http://127.0.0.1:${port}/api/p/team-app/series?branch=main`)).json();
      expect(seriesListSchema.safeParse(reply).success || storeErrorSchema.safeParse(reply).success, `a reply of the store's API: ${JSON.stringify(reply)}`).toBe(true);
      const run = await (await fetch(`http://127.0.0.1:${port}/r/abc123`)).text();
      expect(run, 'a stored run path opens the app').toContain('<fb-app');
    } finally {
      await stop(server);
    }
  });
});

async function fetchText(url: string): Promise<string | null> {
  try {
    const response = await fetch(url);
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

async function until<T>(probe: () => Promise<T | null>, timeoutMs: number, output: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s; its output:\n${output()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Stops the server (npx and the node it started: the whole process group) and waits for it. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    child.once('close', () => resolve());
    process.kill(-child.pid, 'SIGTERM');
    setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 10_000).unref();
  });
}
