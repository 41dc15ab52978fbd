import { describe, expect, it } from 'vitest';
import { GitHubError, MAX_COMMENT_CHARS, pullRequestNumber, upsertComment } from '../../../bench/ci/github.ts';
import { startFakeGitHub } from './fake-github.ts';

const marker = '<!-- firstbatch-ci: ci -->';
const repository = 'acme/model';

describe('one pull-request comment, kept up to date (a fake GitHub API on 127.0.0.1)', () => {
  it('creates the comment once, then updates it in place: never a second one', async () => {
    const github = await startFakeGitHub({ token: 't0ken', repository, comments: [{ id: 1, body: 'LGTM', user: { login: 'alice' } }] });
    try {
      const target = { apiUrl: github.url, token: 't0ken', repository, issue: 7 };
      const first = await upsertComment(target, marker, 'step median +2%');
      const second = await upsertComment(target, marker, 'step median +12%');
      expect(first.action).toBe('created');
      expect(second).toMatchObject({ action: 'updated', id: first.id });
      expect(github.comments.map((c) => c.body)).toEqual(['LGTM', `${marker}\nstep median +12%`]);
      expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /repos/acme/model/issues/7/comments?per_page=100&page=1',
        'POST /repos/acme/model/issues/7/comments',
        'GET /repos/acme/model/issues/7/comments?per_page=100&page=1',
        `PATCH /repos/acme/model/issues/comments/${first.id}`,
      ]);
    } finally {
      await github.close();
    }
  });

  it('finds its comment past the first page of a long thread', async () => {
    const chatter = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, user: { login: 'bob' } }));
    chatter.push({ id: 151, body: `${marker}\nold summary`, user: { login: 'github-actions[bot]' } });
    const github = await startFakeGitHub({ token: 't', repository, comments: chatter });
    try {
      const written = await upsertComment({ apiUrl: github.url, token: 't', repository, issue: 3 }, marker, 'new summary');
      expect(written).toMatchObject({ action: 'updated', id: 151 });
      expect(github.comments).toHaveLength(151);
      expect(github.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    } finally {
      await github.close();
    }
  });

  it('a token without write access is a clear error naming the likely cause; a huge summary is cut to fit', async () => {
    const denied = await startFakeGitHub({ token: 't', repository, failWith: 403 });
    try {
      await expect(upsertComment({ apiUrl: denied.url, token: 't', repository, issue: 3 }, marker, 'x')).rejects.toThrow(GitHubError);
      await expect(upsertComment({ apiUrl: denied.url, token: 't', repository, issue: 3 }, marker, 'x')).rejects.toThrow(
        'HTTP 403: Resource not accessible by integration (the token needs pull-requests: write; a pull request from a fork gets a read-only token)',
      );
    } finally {
      await denied.close();
    }
    const github = await startFakeGitHub({ token: 't', repository });
    try {
      await upsertComment({ apiUrl: github.url, token: 't', repository, issue: 3 }, marker, 'x'.repeat(100_000));
      expect(github.comments[0]?.body.length).toBe(MAX_COMMENT_CHARS);
      expect(github.comments[0]?.body.startsWith(marker)).toBe(true);
    } finally {
      await github.close();
    }
  });

  it('reads the pull request number from the event file; other events have none', () => {
    expect(pullRequestNumber({ action: 'synchronize', pull_request: { number: 42, head: {} } })).toBe(42);
    expect(pullRequestNumber({ ref: 'refs/heads/main', commits: [] })).toBeUndefined();
  });
});
