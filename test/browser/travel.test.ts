import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../bench/main.ts';
import { PROJECT_ROOT } from '../../bench/server.ts';
import { nodeCompression } from '../../bench/share.ts';
import { parseSuiteResultFile } from '../../src/core/compare/index.ts';
import { decodeShareFragment } from '../../src/core/share/link.ts';
import { captureIo } from '../bench/io.ts';
import { UNTIL_TIMEOUT_MS, until } from './until.ts';

// Results that travel: standard output, share links, Ctrl-C, and a browser or an endpoint that fails.
// Small cpu jobs: what is under test is where the results go, not the measurements.
const dir = mkdtempSync(join(tmpdir(), 'firstbatch-travel-'));
const suiteFile = (name: string, repetitions: number): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({
    kind: 'comparison',
    name: 'travel',
    base: { workload: 'mlp', backend: 'cpu', steps: 3, warmupSteps: 0, servingQueries: 0, profileSteps: 0, width: 16 },
    variants: [{ name: 'a' }],
    metrics: ['steps.medianMs'],
    repetitions,
    threshold: '50%',
  }));
  return path;
};

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const capture = captureIo();
  const code = await main([...argv, '--no-build'], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('results that travel (real Chromium, cpu jobs)', () => {
  it('--json - puts the results file alone on standard output, and the share link opens the same run', async () => {
    const { code, stdout, stderr } = await cli(['--suite', suiteFile('stdout.json', 2), '--json', '-', '--app-url', 'https://acme.example/firstbatch']);
    expect(code, stderr).toBe(EXIT.ok);
    const file = parseSuiteResultFile(JSON.parse(stdout));
    expect(file.results).toHaveLength(2);
    expect(stderr).toContain('wrote results standard output');
    expect(stderr).toMatch(/step median/); // the table went to stderr
    const link = /share link \(\d+ KB\): (\S+)/.exec(stderr)?.[1];
    expect(link?.startsWith('https://acme.example/firstbatch/#r=v3.')).toBe(true);
    const run = await decodeShareFragment(new URL(link!).hash, nodeCompression);
    expect(run.title).toBe('travel');
    expect(run.jobs.map((job) => job.result.steps?.samplesMs.length)).toEqual([3, 3]);
  });

  it('a wrong app URL and two outputs on standard output are usage errors', async () => {
    expect((await cli(['--suite', suiteFile('bad.json', 1), '--app-url', 'acme.example/firstbatch'])).stderr).toContain(
      '--app-url must be an absolute http(s) URL such as https://acme.github.io/firstbatch/, got "acme.example/firstbatch"',
    );
    expect((await cli(['--suite', suiteFile('bad2.json', 1), '--json', '-', '--markdown', '-'])).stderr).toContain('only one output can go to standard output ("-"), got --json and --markdown');
  });

  it('Ctrl-C ends the suite cleanly: the finished jobs are in --json, whole', async () => {
    const out = join(dir, 'interrupted.json');
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/firstbatch.mjs'), 'bench', '--suite', suiteFile('long.json', 40), '--json', out, '--markdown', join(dir, 'interrupted.md'), '--no-build'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += String(chunk);
        if (/\[2\/40\]/.test(stderr)) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(EXIT.interrupted);
    expect(stderr).toContain('interrupted: stopping the run and keeping the finished jobs');
    const file = parseSuiteResultFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.results.length).toBeGreaterThanOrEqual(2);
    expect(file.results.length).toBeLessThan(40);
    expect(file.results.every((result) => result.error === null)).toBe(true);
    expect(stderr).toContain(`interrupted after ${file.results.length} finished jobs: they are in ${out}`);
    expect(readFileSync(join(dir, 'interrupted.md'), 'utf8')).toContain('step median');
    // Nothing half-written is left beside it.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a browser killed mid-suite: the suite goes on in a new browser', async () => {
    const out = join(dir, 'killed.json');
    const capture = captureIo();
    const running = main(['--suite', suiteFile('killed-suite.json', 4), '--json', out, '--no-build'], capture.io);
    await until(() => /\[1\/4\]/.test(capture.stderr()), { timeoutMs: UNTIL_TIMEOUT_MS, what: 'the first job of the suite ([1/4])' });
    const killed = chromiumChildren();
    expect(killed.length).toBeGreaterThan(0);
    for (const pid of killed) process.kill(pid, 'SIGKILL');
    const code = await running;
    const file = parseSuiteResultFile(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.results).toHaveLength(4);
    // The job the kill cut short (if it was running) is that job's error; the ones after it ran in a new browser.
    expect(file.results.slice(2).every((result) => result.error === null), capture.stderr()).toBe(true);
    const failed = file.results.filter((result) => result.error !== null);
    expect(failed.length).toBeLessThanOrEqual(1);
    expect(code).toBe(failed.length === 0 ? EXIT.ok : EXIT.error);
  });

  it('an endpoint that never answers fails in the connect timeout, naming it', async () => {
    const silent: Server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { code, stderr } = await cli(['--suite', suiteFile('silent.json', 1), '--browser-endpoint', `http://127.0.0.1:${port}`, '--connect-timeout', '2s']);
      expect(code).toBe(EXIT.error);
      expect(stderr).toContain(`could not connect to the browser at http://127.0.0.1:${port} within 2 s`);
    } finally {
      silent.close();
    }
  });
});

/** PIDs of the Chromium browsers this test process started (direct children). */
function chromiumChildren(): number[] {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => /chrom/.test(line) && !/--type=/.test(line)).map((line) => Number(line.trim().split(/\s+/)[0])).filter((pid) => pid > 0);
}
