/** Series, trends and change points read from the store's points (parameterised SQL over the Database adapter). */
import { STORE_DEFAULTS } from '../src/core/defaults.ts';
import type { ChangePoint, SeriesKey, SeriesList, Trend, TrendPoint } from '../src/core/store/api.ts';
import { changePointsOfSeries } from '../src/core/store/change-points.ts';
import type { Queryable } from './db.ts';

export type BranchSeries = SeriesKey & { readonly branch: string };

const SERIES_WHERE = 'project = $1 AND suite = $2 AND variant = $3 AND metric = $4 AND device = $5 AND branch = $6';
const seriesParams = (project: string, s: BranchSeries) => [project, s.suite, s.variant, s.metric, s.device, s.branch];

export async function listSeries(db: Queryable, project: string, branch: string, device: string | undefined): Promise<SeriesList> {
  const rows = await db.query<SeriesKey & { points: string | number }>(
    `SELECT suite, variant, metric, device, count(*) AS points FROM points
      WHERE project = $1 AND branch = $2 AND ($3::text IS NULL OR device = $3)
      GROUP BY suite, variant, metric, device ORDER BY suite, variant, metric, device`,
    [project, branch, device ?? null],
  );
  return { branch, series: rows.map((row) => ({ suite: row.suite, variant: row.variant, metric: row.metric, device: row.device, points: Number(row.points) })) };
}

interface PointRow {
  run_id: string;
  commit_sha: string;
  created_at: Date | string;
  estimate: number;
  low: number | null;
  high: number | null;
  n: number;
  unit: string;
  better: 'lower' | 'higher';
}

/** The newest `limit` points of a series, oldest first (commit time, then upload order). */
async function seriesPoints(db: Queryable, project: string, series: BranchSeries, limit: number): Promise<PointRow[]> {
  const rows = await db.query<PointRow>(
    `SELECT run_id, commit_sha, created_at, estimate, low, high, n, unit, better FROM points
      WHERE ${SERIES_WHERE} ORDER BY created_at DESC, run_seq DESC LIMIT $7`,
    [...seriesParams(project, series), limit],
  );
  return rows.reverse();
}

const toTrendPoint = (row: PointRow): TrendPoint => ({
  runId: row.run_id,
  commit: row.commit_sha,
  createdAt: new Date(row.created_at).toISOString(),
  estimate: Number(row.estimate),
  low: row.low === null ? null : Number(row.low),
  high: row.high === null ? null : Number(row.high),
  n: Number(row.n),
});

/** A series' trend, or null when it has no points. */
export async function trendOf(db: Queryable, project: string, series: BranchSeries): Promise<Trend | null> {
  const rows = await seriesPoints(db, project, series, STORE_DEFAULTS.trendMaxPoints);
  const first = rows[0];
  if (!first) return null;
  const changes = await db.query<{ body: ChangePoint }>(`SELECT body FROM change_points WHERE ${SERIES_WHERE} ORDER BY after_created_at`, seriesParams(project, series));
  const { branch, ...key } = series;
  return { series: key, branch, unit: first.unit, better: first.better, points: rows.map(toTrendPoint), changePoints: changes.map((c) => c.body) };
}

/** Finds a series' change points again (every point of it) and replaces the stored ones. */
export async function recomputeChangePoints(tx: Queryable, project: string, series: BranchSeries): Promise<ChangePoint[]> {
  const rows = await seriesPoints(tx, project, series, Number.MAX_SAFE_INTEGER);
  const points = rows.map(toTrendPoint);
  const found = points.length === 0 ? [] : changePointsOfSeries(points);
  await tx.query(`DELETE FROM change_points WHERE ${SERIES_WHERE}`, seriesParams(project, series));
  const createdAt = new Map(points.map((p) => [p.runId, p.createdAt]));
  for (const change of found) {
    await tx.query(
      'INSERT INTO change_points (project, suite, variant, metric, device, branch, after_created_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)',
      [...seriesParams(project, series), createdAt.get(change.after.runId) ?? new Date().toISOString(), JSON.stringify(change)],
    );
  }
  return found;
}

/** Every series of a project, on every branch (recompute on demand). */
export async function allSeries(db: Queryable, project: string): Promise<BranchSeries[]> {
  return db.query('SELECT DISTINCT suite, variant, metric, device, branch FROM points WHERE project = $1', [project]);
}

/** A project's change points, newest first. */
export async function alertsOf(db: Queryable, project: string): Promise<ChangePoint[]> {
  const rows = await db.query<{ body: ChangePoint }>('SELECT body FROM change_points WHERE project = $1 ORDER BY after_created_at DESC', [project]);
  return rows.map((row) => row.body);
}
