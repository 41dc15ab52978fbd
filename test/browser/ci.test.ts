import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as ci } from '../../bench/ci.ts';
import { EXIT } from '../../bench/main.ts';
import { parseSuiteResultFile } from '../../src/core/compare/index.ts';
import { captureIo } from '../bench/io.ts';
import { startFakeGitHub } from '../bench/ci/fake-github.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { projectTokensSchema, storedRunSchema, trendSchema } from '../../src/core/store/api.ts';

// The CI recipe's script end to end, as the workflow runs it: main stores its run; a pull request
// runs the base and the change side by side, gates with the exit status, writes the step summary
// and keeps one comment (a fake GitHub API on 127.0.0.1). Small wasm jobs: the gate, not the numbers.
const dir = mkdtempSync(join(tmpdir(), 'firstbatch-ci-'));
const token = 'ghs_test';
const repository = 'acme/model';
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
const summary = join(dir, 'step-summary.md');

const suite = (checkout: string, width: number): string => {
  mkdirSync(join(dir, checkout, 'bench'), { recursive: true });
  const path = join(dir, checkout, 'bench', 'firstbatch.json');
  writeFileSync(path, JSON.stringify({
    kind: 'comparison',
    name: 'model',
    // wasm, 10 steps a job: on a loaded 2-core machine the cpu backend's few-ms steps swing ×3 from job to job.
    base: { workload: 'mlp', backend: 'wasm', steps: 10, warmupSteps: 2, servingQueries: 0, profileSteps: 0, batchSize: 64, width },
    variants: [{ name: 'mlp' }],
    metrics: ['steps.medianMs'],
    repetitions: 5,
    threshold: '25%',
  }));
  return path;
};
const event = (name: string, payload: unknown): string => {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
};

async function runCi(argv: string[], eventPath: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  const capture = captureIo();
  const env = { GITHUB_EVENT_PATH: eventPath, GITHUB_TOKEN: token, GITHUB_REPOSITORY: repository, GITHUB_API_URL: github.url, ...extraEnv };
  const code = await ci([...argv, '--markdown', join(dir, 'summary.md'), '--json', join(dir, 'results.json'), '--', '--no-build'], capture.io, env);
  return { code, stderr: capture.stderr() };
}

let store: RunningServer;
const commentsNow = () => github.comments;
const adminToken = 'store-admin';

beforeAll(async () => {
  github = await startFakeGitHub({ token, repository });
  store = await startServer({ data: join(dir, 'store'), adminToken, appDir: null });
  process.env.GITHUB_STEP_SUMMARY = summary;
});
afterAll(async () => {
  delete process.env.GITHUB_STEP_SUMMARY;
  await github?.close();
  await store?.close();
});

describe('firstbatch ci, as the workflow runs it (real Chromium, fake GitHub API)', () => {
  const stored = join(dir, 'firstbatch-main.json');
  const pr = event('pull-request', { action: 'synchronize', pull_request: { number: 12 } });

  it('on main: runs the suite alone, stores the run for the trend, comments nowhere', async () => {
    const { code, stderr } = await runCi(['--suite', suite('main', 16), '--base-suite', join(dir, 'absent', 'firstbatch.json'), '--trend', stored, '--save-baseline', stored], event('push', { ref: 'refs/heads/main' }));
    expect(code, stderr).toBe(EXIT.ok);
    expect(stderr).toContain('no stored run at');
    expect(parseSuiteResultFile(JSON.parse(readFileSync(stored, 'utf8'))).results).toHaveLength(5);
    expect(github.requests).toEqual([]);
  });

  it('a pull request that changes nothing passes, side by side, with the trend and one comment', async () => {
    const { code, stderr } = await runCi(['--suite', suite('same', 16), '--base-suite', suite('main', 16), '--trend', stored], pr);
    expect(code, stderr).toBe(EXIT.ok);
    expect(stderr).toContain('no regression beyond 25% against the base, side by side');
    expect(stderr).toMatch(/created the pull-request comment https:\/\/github\.example\/acme\/model\/pull\/12#issuecomment-\d+/);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body.startsWith('<!-- firstbatch-ci: model -->\n## firstbatch · model: ✅ passed')).toBe(true);
    expect(body).toContain('### Against the base, side by side');
    expect(body).toContain('| mlp | step median |');
    expect(body).toContain('Against the stored run');
    expect(readFileSync(summary, 'utf8')).toContain('### Against the base, side by side');
  });

  it('a pull request whose model is much slower fails the gate, and the same comment says so', async () => {
    const { code, stderr } = await runCi(['--suite', suite('slower', 256), '--base-suite', suite('main', 16), '--trend', stored], pr);
    expect(code, stderr).toBe(EXIT.regression);
    expect(stderr).toMatch(/1 regression beyond 25%: mlp step median \+\d+/);
    expect(stderr).toContain('updated the pull-request comment');
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('## firstbatch · model: ❌ failed: a regression beyond the threshold');
    expect(github.comments[0]!.body).toContain('width 16 → 256');
    expect(existsSync(join(dir, 'results.json'))).toBe(true);
  });

  it('uploads main\'s push and a pull request (as its branch) to a real store; the comment links the stored run and its trend', async () => {
    const created = await fetch(new URL('/api/projects', store.url), { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'model' }) });
    const { writeToken } = projectTokensSchema.parse(await created.json());
    const upload = ['--upload', `${store.url}/p/model`];
    const actions = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: '77', FIRSTBATCH_TOKEN: writeToken };
    const onMain = await runCi(['--suite', suite('main', 16), ...upload], event('push-upload', { ref: 'refs/heads/main' }), { ...actions, GITHUB_SHA: 'a'.repeat(40), GITHUB_REF_NAME: 'main' });
    expect(onMain.code, onMain.stderr).toBe(EXIT.ok);
    expect(onMain.stderr).toMatch(new RegExp(`firstbatch ci: stored: ${store.url}/r/[0-9a-f]{24}`));
    const prEvent = event('pr-upload', { action: 'synchronize', pull_request: { number: 12, head: { sha: 'b'.repeat(40) }, base: { sha: 'a'.repeat(40) } } });
    const onPr = await runCi(['--suite', suite('same', 16), ...upload], prEvent, { ...actions, GITHUB_SHA: 'c'.repeat(40), GITHUB_HEAD_REF: 'faster-model', GITHUB_REF_NAME: '12/merge' });
    expect(onPr.code, onPr.stderr).toBe(EXIT.ok);
    const runUrl = /firstbatch ci: stored: (\S+)/.exec(onPr.stderr)![1]!;
    const body = commentsNow().at(-1)!.body;
    expect(body).toContain(`> stored: [this run](${runUrl}) · [its trend](${store.url}/p/model/trend?branch=faster-model)`);
    const stored = storedRunSchema.parse(await (await fetch(new URL(`/api/runs/${runUrl.split('/r/')[1]}`, store.url))).json());
    expect(stored.meta).toMatchObject({ commit: 'b'.repeat(40), parentCommit: 'a'.repeat(40), branch: 'faster-model', ciUrl: `https://github.example/${repository}/actions/runs/77` });
    expect(stored.record).toEqual(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
    const query = new URLSearchParams({ suite: 'model', variant: 'mlp', metric: 'steps.medianMs', device: stored.meta.device, branch: 'main' });
    const trend = trendSchema.parse(await (await fetch(new URL(`/api/p/model/trend?${query}`, store.url))).json());
    expect(trend.points.map((p) => p.commit)).toEqual(['a'.repeat(40)]);
  });
});
