/** The store under test: `firstbatch server`'s startServer on PGlite in a temporary folder, or on a real PostgreSQL database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/main.ts';
import { startTestPostgres, type TestPostgres } from './postgres.ts';

export const ADMIN_TOKEN = 'admin-token-for-the-tests';
export const STORE_KINDS = ['pglite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface StoreUnderTest {
  readonly kind: StoreKind;
  url: string;
  /** Where the data is: the PGlite folder or the postgres:// URL. */
  readonly location: { data: string } | { db: string };
  /** Stops the server and starts a new one on the same data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let postgres: TestPostgres | undefined;
let databases = 0;

/** The one PostgreSQL server of this test file (started on first use). */
export async function testPostgres(): Promise<TestPostgres> {
  postgres ??= await startTestPostgres();
  return postgres;
}

export function stopTestPostgres(): void {
  postgres?.stop();
  postgres = undefined;
}

export async function openStore(kind: StoreKind): Promise<StoreUnderTest> {
  let dir: string | undefined;
  let location: { data: string } | { db: string };
  if (kind === 'pglite') {
    dir = mkdtempSync(join(tmpdir(), 'fb-store-'));
    location = { data: dir };
  } else {
    databases += 1;
    location = { db: await (await testPostgres()).createDatabase(`store_${process.pid}_${databases}`) };
  }
  let server: RunningServer = await startServer({ ...location, adminToken: ADMIN_TOKEN, appDir: null });
  const handle: StoreUnderTest = {
    kind,
    url: server.url,
    location,
    async restart() {
      await server.close();
      server = await startServer({ ...location, adminToken: ADMIN_TOKEN, appDir: null });
      handle.url = server.url;
    },
    async close() {
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

export interface Reply {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
}

/** One API call; the reply's body parsed when it is JSON. */
export async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown; raw?: string; contentType?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.raw !== undefined) {
    body = init.raw;
    headers['content-type'] = init.contentType ?? 'application/json';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(new URL(path, base), { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text };
}
