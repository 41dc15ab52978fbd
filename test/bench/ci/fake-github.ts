import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
}

/**
 * A fake of the GitHub REST API's issue comments on 127.0.0.1: list (paginated), create, update;
 * it checks the token and records every request, so tests see exactly what the CI script did.
 */
export async function startFakeGitHub(options: { token: string; repository: string; comments?: FakeComment[]; failWith?: number }) {
  const comments: FakeComment[] = options.comments ?? [];
  const requests: { method: string; path: string; body: unknown }[] = [];
  let nextId = 1000 + comments.length;
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readJson(request);
    requests.push({ method: request.method ?? '', path: `${url.pathname}${url.search}`, body });
    const send = (status: number, json: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (request.headers.authorization !== `Bearer ${options.token}`) return send(401, { message: 'Bad credentials' });
    if (options.failWith !== undefined) return send(options.failWith, { message: 'Resource not accessible by integration' });
    const list = new RegExp(`^/repos/${options.repository}/issues/(\\d+)/comments$`).exec(url.pathname);
    const one = new RegExp(`^/repos/${options.repository}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (list && request.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(200, comments.slice((page - 1) * perPage, page * perPage));
    }
    if (list && request.method === 'POST' && isBody(body)) {
      const comment = { id: nextId++, body: body.body, user: { login: 'github-actions[bot]' } };
      comments.push(comment);
      return send(201, { ...comment, html_url: `https://github.example/${options.repository}/pull/${list[1]}#issuecomment-${comment.id}` });
    }
    const found = one ? comments.find((c) => c.id === Number(one[1])) : undefined;
    if (one && request.method === 'PATCH' && found && isBody(body)) {
      found.body = body.body;
      return send(200, found);
    }
    return send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, comments, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function isBody(value: unknown): value is { body: string } {
  return typeof value === 'object' && value !== null && 'body' in value && typeof value.body === 'string';
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}
