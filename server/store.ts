/**
 * The results store: who may do what, and each operation as one transaction over the Database
 * adapter. HTTP knows nothing of SQL and this file nothing of HTTP: failures are StoreFailure
 * values with the status and code the API declares.
 */
import { createHash } from 'node:crypto';
import { messageOf } from '../src/core/errors.ts';
import { storedRunSchema, uploadRequestSchema, type AlertList, type ProjectTokens, type StoredRun, type UploadReply } from '../src/core/store/api.ts';
import { canonicalJson, pointsOfRecord } from '../src/core/store/points.ts';
import { parseStoredRecord } from '../src/core/store/record.ts';
import { describeIssues } from '../src/core/spec.ts';
import type { Database, Queryable } from './db.ts';
import { createProject, deleteProject, findProject, grants, listProjects, type Access } from './projects.ts';
import { deleteRun, getRun, insertRun, runsAfter, seriesOfRun, type NewRun } from './runs.ts';
import { alertsOf, allSeries, listSeries, recomputeChangePoints, trendOf, type BranchSeries } from './series.ts';
import { tokenMatches } from './tokens.ts';

export class StoreFailure extends Error {
  constructor(readonly status: 400 | 401 | 404 | 409 | 413 | 503, readonly code: string, message: string) {
    super(message);
  }
}

/** The one answer to an unknown project and to a wrong token alike. */
const UNAUTHORIZED = () => new StoreFailure(401, 'unauthorized', 'unknown project or wrong token');
const notFound = (what: string) => new StoreFailure(404, 'not-found', `no such ${what}`);

/** A run's id: the same record in the same project is the same run (uploads are idempotent). */
export function runIdOf(project: string, record: unknown): string {
  return createHash('sha256').update(`${project}\n${canonicalJson(record)}`, 'utf8').digest('hex').slice(0, 24);
}

export class Store {
  readonly #db: Database;
  readonly #adminHash: string | null;

  constructor(db: Database, adminTokenHash: string | null) {
    this.#db = db;
    this.#adminHash = adminTokenHash;
  }

  isAdmin(token: string | null): boolean {
    return tokenMatches(this.#adminHash, token);
  }

  requireAdmin(token: string | null): void {
    if (!this.isAdmin(token)) throw UNAUTHORIZED();
  }

  /** Throws the one 401 unless `token` opens `project` for `access`. */
  async authorize(db: Queryable, project: string, access: Access, token: string | null): Promise<void> {
    if (this.isAdmin(token)) {
      if ((await findProject(db, project)) === null) throw notFound('project');
      return;
    }
    const row = await findProject(db, project);
    if (row === null || !grants(row, access, token)) throw UNAUTHORIZED();
  }

  /** Checks an upload body; StoreFailure 400 names the field. */
  static parseUpload(project: string, body: unknown): NewRun {
    const request = uploadRequestSchema.safeParse(body);
    if (!request.success) throw new StoreFailure(400, 'invalid-upload', `invalid upload: ${describeIssues(request.error, body).join('; ')}`);
    const { meta } = request.data;
    if (!Number.isFinite(Date.parse(meta.createdAt))) throw new StoreFailure(400, 'invalid-upload', `invalid upload: meta.createdAt must be an ISO date and time, got ${JSON.stringify(meta.createdAt)}`);
    let record;
    try {
      record = parseStoredRecord(request.data.record);
    } catch (error) {
      throw new StoreFailure(400, 'invalid-record', `record: ${messageOf(error)}`);
    }
    return { id: runIdOf(project, request.data.record), project, meta, record: request.data.record, points: pointsOfRecord(record, meta.device) };
  }

  async upload(project: string, token: string | null, body: unknown): Promise<UploadReply> {
    const run = Store.parseUpload(project, body);
    const created = await this.#db.transaction(async (tx) => {
      if (this.isAdmin(token)) await createProject(tx, project, false);
      else await this.authorize(tx, project, 'write', token);
      return this.#store(tx, run);
    });
    return { id: run.id, runPath: `/r/${run.id}`, trendPath: `/p/${project}/trend?branch=${encodeURIComponent(run.meta.branch)}`, created };
  }

  async #store(tx: Queryable, run: NewRun): Promise<boolean> {
    const created = await insertRun(tx, run);
    if (!created) return false;
    const touched = new Map<string, BranchSeries>();
    for (const p of run.points) touched.set(JSON.stringify([p.suite, p.variant, p.metric, p.device]), { suite: p.suite, variant: p.variant, metric: p.metric, device: p.device, branch: run.meta.branch });
    for (const series of touched.values()) await recomputeChangePoints(tx, run.project, series);
    return true;
  }

  async run(id: string, token: string | null): Promise<StoredRun> {
    const run = await getRun(this.#db, id);
    // A run of a project with a read token is as hidden as one that does not exist.
    if (run === null) throw notFound('run');
    const project = await findProject(this.#db, run.project);
    if (project === null || !(this.isAdmin(token) || grants(project, 'read', token))) throw notFound('run');
    return run;
  }

  async series(project: string, token: string | null, branch: string, device: string | undefined) {
    await this.authorize(this.#db, project, 'read', token);
    return listSeries(this.#db, project, branch, device);
  }

  async trend(project: string, token: string | null, series: BranchSeries) {
    await this.authorize(this.#db, project, 'read', token);
    const trend = await trendOf(this.#db, project, series);
    if (trend === null) throw notFound('series');
    return trend;
  }

  async alerts(project: string, token: string | null): Promise<AlertList> {
    await this.authorize(this.#db, project, 'read', token);
    return { changePoints: await alertsOf(this.#db, project) };
  }

  async recompute(project: string, token: string | null): Promise<AlertList> {
    await this.authorize(this.#db, project, 'write', token);
    await this.#db.transaction(async (tx) => {
      for (const series of await allSeries(tx, project)) await recomputeChangePoints(tx, project, series);
    });
    return this.alerts(project, token);
  }

  async projects(token: string | null) {
    this.requireAdmin(token);
    return { projects: await listProjects(this.#db) };
  }

  async createProject(token: string | null, name: string, readToken: boolean): Promise<ProjectTokens> {
    this.requireAdmin(token);
    const tokens = await createProject(this.#db, name, readToken);
    if (tokens === null) throw new StoreFailure(409, 'exists', `project ${name} exists already`);
    return tokens;
  }

  async deleteProject(token: string | null, name: string): Promise<void> {
    this.requireAdmin(token);
    if (!(await deleteProject(this.#db, name))) throw notFound('project');
  }

  async deleteRun(token: string | null, id: string): Promise<void> {
    this.requireAdmin(token);
    await this.#db.transaction(async (tx) => {
      const run = await getRun(tx, id);
      if (run === null) throw notFound('run');
      const series = await seriesOfRun(tx, id);
      await deleteRun(tx, id);
      for (const s of series) await recomputeChangePoints(tx, run.project, s);
    });
  }

  /** A project's runs as JSON lines, a page at a time (checked before the first line). */
  async exportLines(token: string | null, project: string): Promise<AsyncGenerator<string>> {
    this.requireAdmin(token);
    await this.authorize(this.#db, project, 'read', token);
    const db = this.#db;
    return (async function* () {
      for (let after = 0; ; ) {
        const page = await runsAfter(db, project, after, 200);
        if (page.runs.length === 0) return;
        yield page.runs.map((run) => `${JSON.stringify(run)}\n`).join('');
        after = page.lastSeq;
      }
    })();
  }

  /** Imports JSON lines as export writes them into `project` (created if missing), all or nothing; runs stored already are skipped. */
  async importLines(token: string | null, project: string, text: string): Promise<{ imported: number; skipped: number }> {
    this.requireAdmin(token);
    const runs = text.split('\n').flatMap((line, index) => (line.trim() === '' ? [] : [Store.#parseLine(project, line, index + 1)]));
    return this.#db.transaction(async (tx) => {
      await createProject(tx, project, false);
      let imported = 0;
      for (const run of runs) if (await this.#store(tx, run)) imported += 1;
      return { imported, skipped: runs.length - imported };
    });
  }

  static #parseLine(project: string, line: string, lineNumber: number): NewRun {
    const fail = (why: string) => new StoreFailure(400, 'invalid-import', `line ${lineNumber}: ${why}`);
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw fail(`not JSON: ${messageOf(error)}`);
    }
    const stored = storedRunSchema.safeParse(json);
    if (!stored.success) throw fail(describeIssues(stored.error, json).join('; '));
    try {
      return { ...Store.parseUpload(project, { meta: stored.data.meta, record: stored.data.record }), uploadedAt: stored.data.uploadedAt };
    } catch (error) {
      throw fail(messageOf(error));
    }
  }
}
