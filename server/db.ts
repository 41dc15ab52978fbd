/**
 * The database under the store, whichever it is: embedded PGlite in a data folder, or a
 * PostgreSQL server over `pg`. Both take the same parameterised SQL through `query(sql, params)`;
 * nothing else of either leaks out of this file.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { messageOf } from '../src/core/errors.ts';

export interface Queryable {
  query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database could not be reached or answered with a connection-level failure: the request may be retried. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** A connection-level failure as DatabaseUnavailableError; anything else unchanged. */
export function classifyDatabaseError(error: unknown): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const message = messageOf(error);
  if (CONNECTION_CODES.has(code) || /Connection terminated|connect ECONNREFUSED|terminating connection/i.test(message)) {
    return new DatabaseUnavailableError(`the PostgreSQL server is unreachable (${code || message})`);
  }
  return error;
}

export async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  const run = async <R extends object>(q: Pick<PGlite, 'query'>, sql: string, params: readonly unknown[] = []): Promise<R[]> => (await q.query<R>(sql, [...params])).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => run(tx, sql, params) })),
    close: () => db.close(),
  };
}

export async function openPostgres(url: string, connectTimeoutMs = 5000): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: connectTimeoutMs });
  // A client whose server went away must not crash the process: an idle one errors on the pool, a busy one
  // on itself (once per failure, and again when its socket ends). Its queries reject with the reason, which
  // classifyDatabaseError turns into a 503; the pool drops the client and the next query reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const run = async <R extends object>(q: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] = []): Promise<R[]> => {
    try {
      return (await q.query(sql, [...params])).rows as R[];
    } catch (error) {
      throw classifyDatabaseError(error);
    }
  };
  // Fail at start, with the reason, when the server cannot be reached.
  await run(pool, 'SELECT 1');
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw classifyDatabaseError(error);
      }
      let broken = false;
      try {
        await run(client, 'BEGIN');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        broken = error instanceof DatabaseUnavailableError;
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
