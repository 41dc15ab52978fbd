/** Versioned migrations, on both databases: applied once at start, recorded, and a newer database refused. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../server/db.ts';
import { migrate, MIGRATIONS } from '../../server/migrations.ts';
import { STORE_KINDS, stopTestPostgres, testPostgres } from './harness.ts';

const dirs: string[] = [];
afterAll(() => {
  stopTestPostgres();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function open(kind: (typeof STORE_KINDS)[number]): Promise<() => Promise<Database>> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'fb-migrate-'));
    dirs.push(dir);
    return () => openPglite(dir);
  }
  const url = await (await testPostgres()).createDatabase(`migrate_${process.pid}`);
  return () => openPostgres(url);
}

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
  it('applies every step once, records it, and refuses a database from a newer firstbatch', async () => {
    const connect = await open(kind);
    let db = await connect();
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    await db.close();
    db = await connect();
    try {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const newer = (MIGRATIONS.at(-1)?.version ?? 0) + 1;
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [newer]);
      await expect(migrate(db)).rejects.toThrow(`the database has schema version ${newer}, newer than this firstbatch's ${newer - 1}: upgrade firstbatch`);
    } finally {
      await db.close();
    }
  });
});
