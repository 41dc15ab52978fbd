/** Stored runs and their series points (parameterised SQL over the Database adapter). */
import type { RunMeta, SeriesKey, StoredRun } from '../src/core/store/api.ts';
import type { SeriesPoint } from '../src/core/store/points.ts';
import type { Queryable } from './db.ts';

export interface NewRun {
  readonly id: string;
  readonly project: string;
  readonly meta: RunMeta;
  readonly record: unknown;
  readonly points: readonly SeriesPoint[];
  /** Kept from an export; now when absent. */
  readonly uploadedAt?: string;
}

const POINT_COLUMNS = 16;
/** Rows per INSERT: 16 columns × 500 stays far below PostgreSQL's 65,535 parameters. */
const POINT_ROWS_PER_INSERT = 500;

/** Stores a run and its points; false (and nothing written) when the run is stored already. */
export async function insertRun(tx: Queryable, run: NewRun): Promise<boolean> {
  const { meta } = run;
  const rows = await tx.query<{ seq: string | number }>(
    `INSERT INTO runs (id, project, branch, commit_sha, created_at, device, meta, record, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, COALESCE($9::timestamptz, now()))
     ON CONFLICT (id) DO NOTHING RETURNING seq`,
    [run.id, run.project, meta.branch, meta.commit, meta.createdAt, meta.device, JSON.stringify(meta), JSON.stringify(run.record), run.uploadedAt ?? null],
  );
  const seq = rows[0]?.seq;
  if (seq === undefined) return false;
  for (let start = 0; start < run.points.length; start += POINT_ROWS_PER_INSERT) {
    const chunk = run.points.slice(start, start + POINT_ROWS_PER_INSERT);
    const values = chunk.map((_, i) => `(${Array.from({ length: POINT_COLUMNS }, (_, j) => `$${i * POINT_COLUMNS + j + 1}`).join(', ')})`);
    const params = chunk.flatMap((p) => [
      run.id, run.project, meta.branch, p.suite, p.variant, p.metric, p.device, p.unit, p.better, p.estimate, p.low, p.high, p.n, meta.commit, meta.createdAt, seq,
    ]);
    await tx.query(
      `INSERT INTO points (run_id, project, branch, suite, variant, metric, device, unit, better, estimate, low, high, n, commit_sha, created_at, run_seq) VALUES ${values.join(', ')}`,
      params,
    );
  }
  return true;
}

interface RunRow {
  id: string;
  project: string;
  meta: RunMeta;
  record: unknown;
  uploaded_at: Date | string;
}

const toStoredRun = (row: RunRow): StoredRun => ({ id: row.id, project: row.project, meta: row.meta, record: row.record, uploadedAt: new Date(row.uploaded_at).toISOString() });

export async function getRun(db: Queryable, id: string): Promise<StoredRun | null> {
  const rows = await db.query<RunRow>('SELECT id, project, meta, record, uploaded_at FROM runs WHERE id = $1', [id]);
  return rows[0] ? toStoredRun(rows[0]) : null;
}

/** The series a run has points in, with its branch (to recompute their change points after it goes). */
export async function seriesOfRun(db: Queryable, id: string): Promise<(SeriesKey & { branch: string })[]> {
  return db.query('SELECT DISTINCT suite, variant, metric, device, branch FROM points WHERE run_id = $1', [id]);
}

export async function deleteRun(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM runs WHERE id = $1 RETURNING id', [id])).length > 0;
}

/** A project's runs in upload order, a page at a time (export). */
export async function runsAfter(db: Queryable, project: string, afterSeq: number, limit: number): Promise<{ runs: StoredRun[]; lastSeq: number }> {
  const rows = await db.query<RunRow & { seq: string | number }>(
    'SELECT id, project, meta, record, uploaded_at, seq FROM runs WHERE project = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [project, afterSeq, limit],
  );
  return { runs: rows.map(toStoredRun), lastSeq: rows.length > 0 ? Number(rows.at(-1)!.seq) : afterSeq };
}
