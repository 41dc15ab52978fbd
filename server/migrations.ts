/**
 * The store's schema, one numbered step at a time. Every step applied is recorded in
 * schema_migrations; at start the missing ones run in order, each in its own transaction, under
 * an advisory lock so two servers starting on one PostgreSQL do not race. Never edit a step that
 * shipped: add the next one.
 */
import type { Database } from './db.ts';

export const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE projects (
        name text PRIMARY KEY,
        write_token_hash text NOT NULL,
        read_token_hash text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE runs (
        id text PRIMARY KEY,
        seq bigserial UNIQUE,
        project text NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
        branch text NOT NULL,
        commit_sha text NOT NULL,
        created_at timestamptz NOT NULL,
        device text NOT NULL,
        meta jsonb NOT NULL,
        record jsonb NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX runs_project_seq ON runs (project, seq);
      CREATE TABLE points (
        run_id text NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        project text NOT NULL,
        branch text NOT NULL,
        suite text NOT NULL,
        variant text NOT NULL,
        metric text NOT NULL,
        device text NOT NULL,
        unit text NOT NULL,
        better text NOT NULL,
        estimate double precision NOT NULL,
        low double precision,
        high double precision,
        n integer NOT NULL,
        commit_sha text NOT NULL,
        created_at timestamptz NOT NULL,
        run_seq bigint NOT NULL
      );
      CREATE INDEX points_series ON points (project, suite, variant, metric, device, branch, created_at, run_seq);
      CREATE INDEX points_run ON points (run_id);
      CREATE TABLE change_points (
        project text NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
        suite text NOT NULL,
        variant text NOT NULL,
        metric text NOT NULL,
        device text NOT NULL,
        branch text NOT NULL,
        after_created_at timestamptz NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX change_points_series ON change_points (project, suite, variant, metric, device, branch);
    `,
  },
];

/** A fixed key for pg_advisory_xact_lock: one migration at a time per database. */
const MIGRATION_LOCK = 7_190_019;

/** Applies the missing steps; returns the versions it applied. */
export async function migrate(db: Database): Promise<number[]> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: number[] = [];
  for (const step of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version = $1', [step.version]);
      if (rows.length > 0) return false;
      for (const statement of step.sql.split(';').map((s) => s.trim()).filter((s) => s.length > 0)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [step.version]);
      return true;
    });
    if (done) applied.push(step.version);
  }
  const newest = await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations');
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  if ((newest[0]?.version ?? 0) > known) throw new Error(`the database has schema version ${newest[0]?.version}, newer than this firstbatch's ${known}: upgrade firstbatch`);
  return applied;
}
