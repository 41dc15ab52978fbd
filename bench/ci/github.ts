/**
 * One pull-request comment per suite, kept up to date: found by a hidden marker in its body,
 * updated in place, created only when there is none (GitHub REST API: issue comments).
 */
import { z } from 'zod';
import { messageOf } from '../../src/core/errors.ts';

const commentSchema = z.object({ id: z.number().int(), body: z.string().nullable().optional(), html_url: z.string().optional() }).loose();
const commentsSchema = z.array(commentSchema);

export interface CommentTarget {
  /** https://api.github.com, or GITHUB_API_URL (GitHub Enterprise, a test server). */
  readonly apiUrl: string;
  readonly token: string;
  /** owner/name. */
  readonly repository: string;
  /** The pull request's number (pull requests are issues to this API). */
  readonly issue: number;
}

export class GitHubError extends Error {}

/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;

const PAGE_SIZE = 100;
/** A pull request with more comments than this is searched no further (and gets a new comment). */
const MAX_PAGES = 30;

export async function upsertComment(target: CommentTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; id: number; url: string | undefined }> {
  const text = fit(body.includes(marker) ? body : `${marker}\n${body}`);
  const api = target.apiUrl.replace(/\/+$/, '');
  const repo = target.repository;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new GitHubError(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repo)}`);
  const call = async (method: string, path: string, payload?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${api}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${target.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'firstbatch',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new GitHubError(`${method} ${path} did not reach ${api}: ${messageOf(error)}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const message = typeof json === 'object' && json !== null && 'message' in json ? String(json.message) : response.statusText;
      const hint = response.status === 403 || response.status === 404 ? ' (the token needs pull-requests: write; a pull request from a fork gets a read-only token)' : '';
      throw new GitHubError(`${method} ${path}: HTTP ${response.status}: ${message}${hint}`);
    }
    return json;
  };

  let existing: z.infer<typeof commentSchema> | undefined;
  for (let page = 1; page <= MAX_PAGES && existing === undefined; page++) {
    const parsed = commentsSchema.safeParse(await call('GET', `/repos/${repo}/issues/${target.issue}/comments?per_page=${PAGE_SIZE}&page=${page}`));
    if (!parsed.success) throw new GitHubError('the comments list is not a list of comments');
    existing = parsed.data.find((comment) => comment.body?.includes(marker) === true);
    if (parsed.data.length < PAGE_SIZE) break;
  }
  const written = commentSchema.safeParse(
    existing
      ? await call('PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body: text })
      : await call('POST', `/repos/${repo}/issues/${target.issue}/comments`, { body: text }),
  );
  if (!written.success) throw new GitHubError('GitHub answered with something that is not a comment');
  return { action: existing ? 'updated' : 'created', id: written.data.id, url: written.data.html_url };
}

/** The body cut to what GitHub accepts, saying so. */
function fit(body: string): string {
  if (body.length <= MAX_COMMENT_CHARS) return body;
  const note = '\n\n… (cut to fit a comment: the whole summary is in the run\'s step summary)\n';
  return `${body.slice(0, MAX_COMMENT_CHARS - note.length)}${note}`;
}

/** The pull request a GitHub Actions run is for, from its event file; undefined on other events. */
export function pullRequestNumber(event: unknown): number | undefined {
  const parsed = z.object({ pull_request: z.object({ number: z.number().int().positive() }).loose() }).loose().safeParse(event);
  return parsed.success ? parsed.data.pull_request.number : undefined;
}
