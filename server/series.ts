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

/**
 * The newest `limit` points of a series, oldest first (commit time, then upload order), with the
 * series' unit and direction. Built as one JSON value in the database: one row to decode instead
 * of a thousand (PGlite decodes rows in JavaScript).
 */
async function seriesPoints(db: Queryable, project: string, series: BranchSeries, limit: number): Promise<{ points: TrendPoint[]; unit: string | null; better: 'lower' | 'higher' | null }> {
  const rows = await db.query<{ points: TrendPoint[] | string | null; unit: string | null; better: 'lower' | 'higher' | null }>(
    `SELECT json_agg(json_build_object(
              'runId', run_id, 'commit', commit_sha,
              'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'estimate', estimate, 'low', low, 'high', high, 'n', n) ORDER BY created_at, run_seq) AS points,
            min(unit) AS unit, min(better) AS better
       FROM (SELECT * FROM points WHERE ${SERIES_WHERE} ORDER BY created_at DESC, run_seq DESC LIMIT $7) newest`,
    [...seriesParams(project, series), limit],
  );
  const row = rows[0];
  const points = row?.points === null || row?.points === undefined ? [] : typeof row.points === 'string' ? (JSON.parse(row.points) as TrendPoint[]) : row.points;
  return { points, unit: row?.unit ?? null, better: row?.better ?? null };
}

/** A series' trend, or null when it has no points. */
export async function trendOf(db: Queryable, project: string, series: BranchSeries): Promise<Trend | null> {
  const { points, unit, better } = await seriesPoints(db, project, series, STORE_DEFAULTS.trendMaxPoints);
  if (points.length === 0 || unit === null || better === null) return null;
  const changes = await db.query<{ body: ChangePoint }>(`SELECT body FROM change_points WHERE ${SERIES_WHERE} ORDER BY after_created_at`, seriesParams(project, series));
  const { branch, ...key } = series;
  return { series: key, branch, unit, better, points, changePoints: changes.map((c) => c.body) };
}

/**
 * Finds a series' change points again over its newest points (the window a trend shows) and
 * replaces the stored ones inside that window; older ones stay as they were found.
 */
export async function recomputeChangePoints(tx: Queryable, project: string, series: BranchSeries): Promise<ChangePoint[]> {
  const { points, better } = await seriesPoints(tx, project, series, STORE_DEFAULTS.changePointWindowPoints);
  const key = { suite: series.suite, variant: series.variant, metric: series.metric, device: series.device };
  const found = points.length === 0 || better === null ? [] : changePointsOfSeries(points, { series: key, better });
  const windowStart = points[0]?.createdAt ?? null;
  await tx.query(`DELETE FROM change_points WHERE ${SERIES_WHERE} AND ($7::timestamptz IS NULL OR after_created_at >= $7)`, [...seriesParams(project, series), windowStart]);
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
