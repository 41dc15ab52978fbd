/** `firstbatch server`: the results store, its JSON API and the built app, in one Node process. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { STORE_DEFAULTS } from '../src/core/defaults.ts';
import { messageOf } from '../src/core/errors.ts';
import { buildApp, PROJECT_ROOT } from '../bench/server.ts';
import { buildServer } from './app.ts';
import { openPglite, openPostgres, type Database } from './db.ts';
import { migrate } from './migrations.ts';
import { Store } from './store.ts';
import { hashToken } from './tokens.ts';

const SERVER_USAGE = `usage: firstbatch server [--data DIR | --db postgres://…] [--port N] [--host ADDRESS] [--admin-token T]

  --data DIR         keep the store in an embedded PostgreSQL (PGlite) in DIR (default ${STORE_DEFAULTS.dataDir})
  --db URL           keep it in a PostgreSQL server instead (postgres://user:password@host:5432/db)
  --port N           port to listen on (default 8787; 0 picks a free one)
  --host ADDRESS     address to listen on (default 127.0.0.1; 0.0.0.0 serves every interface)
  --admin-token T    the token that creates and deletes projects and runs (default: FIRSTBATCH_ADMIN_TOKEN;
                     without one nothing can be administered, and only existing projects take uploads)
  --no-build         serve the existing build (dist/) instead of building first
  --no-app           serve the API only

The schema is migrated at start. Ctrl-C (or SIGTERM) stops it; a stopped server loses nothing.
API: docs/store.md.`;

export interface ServerOptions {
  readonly data?: string;
  readonly db?: string;
  readonly host?: string;
  readonly port?: number;
  readonly adminToken?: string | null;
  /** The built app's folder; null serves the API only. */
  readonly appDir?: string | null;
}

export interface RunningServer {
  readonly url: string;
  readonly database: Database;
  close(): Promise<void>;
}

/** Opens the store (migrating it) and listens; throws with the reason when the database cannot be opened. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const database = options.db !== undefined ? await openPostgres(options.db) : await openPglite(resolve(options.data ?? STORE_DEFAULTS.dataDir));
  try {
    await migrate(database);
    const store = new Store(database, options.adminToken ? hashToken(options.adminToken) : null);
    const app = buildServer(store, { appDir: options.appDir ?? null });
    const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    return {
      url: address,
      database,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** The database's description for the log, without a password. */
function describeDatabase(values: { data?: string | undefined; db?: string | undefined }): string {
  if (values.db === undefined) return `PGlite in ${resolve(values.data ?? STORE_DEFAULTS.dataDir)}`;
  try {
    const url = new URL(values.db);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export async function main(argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process, env = process.env): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`firstbatch server: ${message}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' }, db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'admin-token': { type: 'string' },
        'no-build': { type: 'boolean' }, 'no-app': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(`${messageOf(error)}\n${SERVER_USAGE}`);
  }
  if (values.help) {
    io.stdout.write(`${SERVER_USAGE}\n`);
    return 0;
  }
  if (values.data !== undefined && values.db !== undefined) return fail('give --data or --db, not both');
  if (values.db !== undefined && !/^postgres(ql)?:\/\//.test(values.db)) return fail(`--db takes a postgres:// URL, got ${JSON.stringify(values.db.replace(/:[^:@/]*@/, ':***@'))}`);
  const port = Number(values.port ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`);
  const adminToken = values['admin-token'] ?? env.FIRSTBATCH_ADMIN_TOKEN ?? null;
  let appDir: string | null = null;
  if (!values['no-app']) {
    appDir = resolve(PROJECT_ROOT, 'dist');
    try {
      if (!values['no-build']) await buildApp({ base: '/' });
    } catch (error) {
      return fail(`could not build the app: ${messageOf(error).split('\n')[0]}`);
    }
    if (!existsSync(resolve(appDir, 'index.html'))) return fail(`there is no build in ${appDir}: run without --no-build, or with --no-app for the API only`);
  }
  let server: RunningServer;
  try {
    server = await startServer({ ...values, port, adminToken, appDir, ...(values.host !== undefined ? { host: values.host } : {}) });
  } catch (error) {
    return fail(`could not open the store (${describeDatabase(values)}): ${messageOf(error)}`);
  }
  io.stdout.write(`firstbatch: store at ${server.url} (${describeDatabase(values)}${adminToken ? '' : '; no admin token: nothing can be administered'}); Ctrl-C stops\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await server.close();
  return 0;
}
