/**
 * `firstbatch ci`: what the CI recipe (docs/ci/firstbatch.yml) runs. The gate compares the base
 * branch and the change side by side in this one job (bench --side-by-side); main's stored run is
 * shown as the trend only. The summary goes to $GITHUB_STEP_SUMMARY (bench does that by itself)
 * and into one pull-request comment, updated in place on every push. With --upload the run goes
 * to a results store (main's pushes under main, a pull request under its branch) and the comment
 * links the stored run and its trend. Exit status: the gate's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { messageOf } from '../src/core/errors.ts';
import { GitHubError, pullRequestNumber, upsertComment } from './ci/github.ts';
import { EXIT, main as bench, type Io } from './main.ts';
import { readJsonFile } from './result-file.ts';
import { parseUploadTarget, runMetaOf, storedLinks, uploadRun, UploadError, type UploadTarget } from './upload.ts';
import { loadSuite } from './suite-file.ts';

const CI_USAGE = `usage: firstbatch ci --suite FILE [--base-suite FILE] [--trend FILE] [options] [-- bench options]

  --suite FILE          the change's suite (this checkout)
  --base-suite FILE     the same suite in a checkout of the base branch: run side by side with --suite,
                        variant by variant, interleaved in this job; the gate (absent or missing: the
                        suite runs alone and nothing gates but failed jobs)
  --upload URL/p/PROJECT
                        store the run in a results store (\`firstbatch server\`; token: FIRSTBATCH_TOKEN) under
                        its branch (a pull request's head branch) and link it and its trend in the comment
  --trend FILE          a stored results file to show against the change, never gating (missing: skipped)
  --save-baseline FILE  write this run's results for later use as --trend (on main)
  --markdown FILE       the summary (default firstbatch-summary.md); also appended to $GITHUB_STEP_SUMMARY
  --json FILE           the results file (default firstbatch-results.json)
  --threshold 10%       overrides the suite's
  --budget 10m          auto-sampling budget for the side-by-side run
  --no-comment          do not comment on the pull request

On a pull_request event with GITHUB_TOKEN set, one comment is created on the pull request, or
updated when one with this suite's marker is there already (GITHUB_API_URL, GITHUB_REPOSITORY,
GITHUB_EVENT_PATH are read as GitHub Actions sets them). A comment that cannot be written is
reported and does not change the exit status, which is the gate's: 0 pass, 1 regression, 2 error.`;

/** The options of `firstbatch ci` (before any `--`); throws on an unknown or malformed one. */
export function parseCiArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      suite: { type: 'string' },
      'base-suite': { type: 'string' },
      trend: { type: 'string' },
      upload: { type: 'string' },
      'save-baseline': { type: 'string' },
      markdown: { type: 'string', default: 'firstbatch-summary.md' },
      json: { type: 'string', default: 'firstbatch-results.json' },
      threshold: { type: 'string' },
      budget: { type: 'string' },
      'no-comment': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}
type CiFlags = ReturnType<typeof parseCiArgs>;

/** The hidden line that finds this suite's comment again. */
function commentMarker(suiteName: string): string {
  return `<!-- firstbatch-ci: ${suiteName.replace(/--/g, '-')} -->`;
}

export async function main(argv: readonly string[], io: Io = process, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`firstbatch ci: ${message}\n`);
    return EXIT.error;
  };
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const passthrough = split === -1 ? [] : argv.slice(split + 1);
  let values: CiFlags;
  try {
    values = parseCiArgs(own);
  } catch (error) {
    return fail(`${messageOf(error)}\n${CI_USAGE}`);
  }
  if (values.help) {
    io.stdout.write(`${CI_USAGE}\n`);
    return EXIT.ok;
  }
  const suitePath = values.suite;
  if (suitePath === undefined) return fail(`--suite is required\n${CI_USAGE}`);
  let uploadTarget: UploadTarget | undefined;
  try {
    uploadTarget = values.upload === undefined ? undefined : parseUploadTarget(values.upload);
  } catch (error) {
    return fail(messageOf(error));
  }
  let suiteName: string;
  try {
    suiteName = loadSuite(suitePath).name ?? suitePath;
  } catch (error) {
    return fail(messageOf(error));
  }

  const notes: string[] = [];
  const benchArgv = benchArgvOf(values, suitePath, passthrough, notes);
  for (const note of notes) io.stderr.write(`firstbatch ci: ${note}\n`);
  io.stderr.write(`firstbatch ci: firstbatch bench ${benchArgv.join(' ')}\n`);
  const log: string[] = [];
  const tee = { stdout: io.stdout, stderr: teeStream(io.stderr, log) };
  let code = await bench(benchArgv, tee);

  const event = env.GITHUB_EVENT_PATH !== undefined && existsSync(env.GITHUB_EVENT_PATH) ? safeJson(env.GITHUB_EVENT_PATH) : undefined;
  if (uploadTarget !== undefined) {
    const stored = await storeRun(uploadTarget, values.json, event, env, io.stderr);
    if ('links' in stored) notes.unshift(`stored: [this run](${stored.links.run}) · [its trend](${stored.links.trend})`);
    else {
      notes.unshift(`the run was not stored: ${stored.failure}`);
      code = EXIT.error;
    }
  }
  const issue = pullRequestNumber(event);
  if (!values['no-comment'] && issue !== undefined) await comment(issue, commentBody(suiteName, code, values.markdown, notes, log), commentMarker(suiteName), env, io.stderr);
  return code;
}

/** The bench command line of the change's run: side by side with the base suite when there is one, the trend file when it exists. */
function benchArgvOf(values: CiFlags, suitePath: string, passthrough: readonly string[], notes: string[]): string[] {
  const baseSuite = values['base-suite'];
  const sideBySide = baseSuite !== undefined && existsSync(baseSuite);
  if (baseSuite !== undefined && !sideBySide) notes.push(`no base suite at ${baseSuite} (a new suite, or not a pull request): the change ran alone, nothing gated but failed jobs`);
  const trend = values.trend !== undefined && existsSync(values.trend) ? values.trend : undefined;
  if (values.trend !== undefined && trend === undefined) notes.push(`no stored run at ${values.trend} yet: no trend shown (main's next run stores one)`);
  return [
    '--suite', suitePath,
    ...(sideBySide && baseSuite !== undefined ? ['--side-by-side', baseSuite] : []),
    ...(trend !== undefined ? ['--trend', trend] : []),
    ...(values['save-baseline'] !== undefined ? ['--save-baseline', values['save-baseline']] : []),
    ...(values.threshold !== undefined ? ['--threshold', values.threshold] : []),
    ...(values.budget !== undefined ? ['--budget', values.budget] : []),
    '--markdown', values.markdown,
    '--json', values.json,
    ...passthrough,
  ];
}

/** Creates or updates the pull request's one comment for this suite; a failure is said, never fatal. */
async function comment(issue: number, body: string, marker: string, env: Readonly<Record<string, string | undefined>>, stderr: NodeJS.WritableStream): Promise<void> {
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) {
    stderr.write('firstbatch ci: no pull-request comment: GITHUB_TOKEN and GITHUB_REPOSITORY must be set (env: GITHUB_TOKEN: ${{ github.token }})\n');
    return;
  }
  try {
    const written = await upsertComment({ apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, issue }, marker, body);
    stderr.write(`firstbatch ci: ${written.action} the pull-request comment${written.url ? ` ${written.url}` : ` ${written.id}`}\n`);
  } catch (error) {
    stderr.write(`firstbatch ci: could not comment on the pull request: ${error instanceof GitHubError ? error.message : messageOf(error)}\n`);
  }
}

/** Uploads the results file under the pull request's head commit and branch (GitHub's merge commit is no commit of the branch). */
async function storeRun(target: UploadTarget, jsonPath: string, event: unknown, env: Readonly<Record<string, string | undefined>>, stderr: NodeJS.WritableStream): Promise<{ links: { run: string; trend: string } } | { failure: string }> {
  try {
    if (!existsSync(jsonPath)) throw new UploadError(`there is no results file ${jsonPath} (the run broke before writing one)`);
    const record = readJsonFile(jsonPath);
    const head = pullRequestHead(event);
    const meta = runMetaOf(record, head ? { commit: head.sha, parentCommit: head.baseSha } : {}, env);
    const links = storedLinks(target, await uploadRun(target, env.FIRSTBATCH_TOKEN, meta, record));
    stderr.write(`firstbatch ci: stored: ${links.run}\nfirstbatch ci: trend: ${links.trend}\n`);
    return { links };
  } catch (error) {
    const failure = `${messageOf(error)}; the results are kept in ${jsonPath}`;
    stderr.write(`firstbatch ci: upload failed: ${failure}\n`);
    return { failure };
  }
}

/** A pull_request event's head and base commits. */
function pullRequestHead(event: unknown): { sha: string; baseSha: string | undefined } | undefined {
  if (typeof event !== 'object' || event === null || !('pull_request' in event)) return undefined;
  const pr = event.pull_request as { head?: { sha?: unknown }; base?: { sha?: unknown } } | null;
  const sha = pr?.head?.sha;
  const baseSha = pr?.base?.sha;
  return typeof sha === 'string' ? { sha, baseSha: typeof baseSha === 'string' ? baseSha : undefined } : undefined;
}

/** The comment: the marker, the gate's outcome in one line, the summary (or the log's end when the run broke). */
function commentBody(suiteName: string, code: number, markdownPath: string, notes: readonly string[], log: readonly string[]): string {
  const verdict =
    code === EXIT.ok ? '✅ passed' : code === EXIT.regression ? '❌ failed: a regression beyond the threshold' : code === EXIT.interrupted ? '⚠️ interrupted' : '⚠️ could not finish (exit 2)';
  const summary = existsSync(markdownPath) ? readFileSync(markdownPath, 'utf8') : '';
  const tail = log.join('').split('\n').filter((line) => line.startsWith('firstbatch')).slice(-12);
  return [
    commentMarker(suiteName),
    `## firstbatch · ${suiteName}: ${verdict}`,
    '',
    ...notes.map((note) => `> ${note}`),
    ...(notes.length > 0 ? [''] : []),
    summary !== '' ? summary : ['```', ...tail, '```'].join('\n'),
    '',
    '<sub>Updated on every push: the gate compares the base branch and this change side by side in one job; the stored runs are the trend only.</sub>',
    '',
  ].join('\n');
}

/** A stream that writes through to `stream` and keeps a copy (the log's end goes into a comment when the run broke). */
function teeStream(stream: NodeJS.WritableStream, into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      into.push(String(chunk));
      stream.write(chunk);
      callback();
    },
  });
}

function safeJson(path: string): unknown {
  try {
    return readJsonFile(path);
  } catch {
    return undefined;
  }
}
