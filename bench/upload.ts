/**
 * `--upload URL/p/PROJECT`: sends a results file to a results store (`firstbatch server`) with
 * where it came from — commit, parent, branch, time, CI run, device — read from the flags, the
 * CI's environment (GitHub Actions' variables) or git, in that order.
 */
import { execFileSync } from 'node:child_process';
import { STORE_DEFAULTS } from '../src/core/defaults.ts';
import { messageOf } from '../src/core/errors.ts';
import { storeErrorSchema, STORE_ID_PATTERN, uploadReplySchema, type RunMeta, type UploadReply } from '../src/core/store/api.ts';
import { deviceLabelOf, parseStoredRecord } from '../src/core/store/record.ts';

export class UploadError extends Error {}

export interface UploadTarget {
  /** The store's address, without /p/PROJECT. */
  readonly base: URL;
  readonly project: string;
}

/** What the command line says about the run's origin; each absent one is found. */
export interface OriginFlags {
  readonly commit?: string | undefined;
  readonly parentCommit?: string | undefined;
  readonly branch?: string | undefined;
  readonly device?: string | undefined;
}

/** URL/p/PROJECT → the store and the project; UploadError names what is wrong. */
export function parseUploadTarget(text: string): UploadTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UploadError(`--upload takes the store's URL and project, e.g. http://127.0.0.1:8787/p/web, got ${JSON.stringify(text)}`);
  }
  const match = /^(.*)\/p\/([^/]+)\/?$/.exec(url.pathname);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !match || !STORE_ID_PATTERN.test(match[2]!)) {
    throw new UploadError(`--upload takes http(s)://HOST/p/PROJECT (PROJECT: a-z, 0-9, "-", "_"), got ${JSON.stringify(text)}`);
  }
  return { base: new URL(`${url.origin}${match[1]}/`), project: match[2]! };
}

function git(args: readonly string[]): string | null {
  try {
    return execFileSync('git', [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** The run's origin: flags first, then GitHub Actions' variables, then git; the device from the record's adapter. */
export function runMetaOf(record: unknown, flags: OriginFlags, env: Readonly<Record<string, string | undefined>>, now = new Date()): RunMeta {
  const commit = flags.commit ?? env.GITHUB_SHA ?? git(['rev-parse', 'HEAD']);
  if (!commit) throw new UploadError('no commit to store the run under: not a git checkout and no GITHUB_SHA; give --commit SHA');
  const branch = flags.branch ?? (env.GITHUB_HEAD_REF || undefined) ?? env.GITHUB_REF_NAME ?? git(['rev-parse', '--abbrev-ref', 'HEAD']);
  if (!branch || branch === 'HEAD') throw new UploadError('no branch to store the run under (a detached checkout); give --branch NAME');
  const parentCommit = flags.parentCommit ?? (flags.commit === undefined && env.GITHUB_SHA === undefined ? git(['rev-parse', 'HEAD^']) : git(['rev-parse', `${commit}^`]));
  const ciUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null;
  let device = flags.device;
  if (device === undefined) {
    try {
      device = deviceLabelOf(parseStoredRecord(record)) ?? undefined;
    } catch (error) {
      throw new UploadError(`the results file cannot be stored: ${messageOf(error)}`);
    }
  }
  return { commit, parentCommit: parentCommit ?? null, branch, createdAt: now.toISOString(), ciUrl, device: device ?? 'unknown device' };
}

/** Uploads; resolves with the store's reply, or throws UploadError saying what went wrong. */
export async function uploadRun(target: UploadTarget, token: string | undefined, meta: RunMeta, record: unknown, timeoutMs: number = STORE_DEFAULTS.uploadTimeoutMs): Promise<UploadReply> {
  const url = new URL(`api/p/${target.project}/runs`, target.base);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ meta, record }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new UploadError(`could not reach the store at ${target.base.href} (${messageOf(error)}${cause})`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new UploadError(`the store at ${target.base.href} answered ${response.status} without JSON (the connection broke or it is not a firstbatch store: ${messageOf(error)})`);
  }
  if (!response.ok) {
    const failure = storeErrorSchema.safeParse(json);
    throw new UploadError(`the store refused the run (${response.status}${failure.success ? ` ${failure.data.error.code}: ${failure.data.error.message}` : ''})`);
  }
  const reply = uploadReplySchema.safeParse(json);
  if (!reply.success) throw new UploadError(`the store's reply is not an upload reply: ${reply.error.issues[0]?.message ?? 'unknown shape'}`);
  return reply.data;
}

/** The stored run's and its trend's addresses. */
export function storedLinks(target: UploadTarget, reply: UploadReply): { run: string; trend: string } {
  return { run: new URL(reply.runPath.replace(/^\//, ''), target.base).href, trend: new URL(reply.trendPath.replace(/^\//, ''), target.base).href };
}
