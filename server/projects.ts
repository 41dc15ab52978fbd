/** Projects and their tokens in the store (parameterised SQL over the Database adapter). */
import type { ProjectTokens } from '../src/core/store/api.ts';
import type { Queryable } from './db.ts';
import { hashToken, newToken, tokenMatches } from './tokens.ts';

export interface ProjectRow {
  readonly name: string;
  readonly write_token_hash: string;
  readonly read_token_hash: string | null;
}

export async function findProject(db: Queryable, name: string): Promise<ProjectRow | null> {
  const rows = await db.query<ProjectRow>('SELECT name, write_token_hash, read_token_hash FROM projects WHERE name = $1', [name]);
  return rows[0] ?? null;
}

/** Creates a project with fresh tokens (null when it exists); the tokens are shown here once and stored hashed. */
export async function createProject(db: Queryable, name: string, withReadToken: boolean): Promise<ProjectTokens | null> {
  const writeToken = newToken('write');
  const readToken = withReadToken ? newToken('read') : null;
  const rows = await db.query<{ name: string }>(
    'INSERT INTO projects (name, write_token_hash, read_token_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name',
    [name, hashToken(writeToken), readToken === null ? null : hashToken(readToken)],
  );
  return rows.length === 0 ? null : { name, writeToken, readToken };
}

export async function listProjects(db: Queryable): Promise<{ name: string; runs: number; hasReadToken: boolean }[]> {
  const rows = await db.query<{ name: string; runs: string | number; has_read: boolean }>(
    `SELECT p.name, (SELECT count(*) FROM runs r WHERE r.project = p.name) AS runs, p.read_token_hash IS NOT NULL AS has_read
       FROM projects p ORDER BY p.name`,
  );
  return rows.map((row) => ({ name: row.name, runs: Number(row.runs), hasReadToken: row.has_read }));
}

export async function deleteProject(db: Queryable, name: string): Promise<boolean> {
  return (await db.query('DELETE FROM projects WHERE name = $1 RETURNING name', [name])).length > 0;
}

export type Access = 'read' | 'write';

/** Whether `token` opens `project` for `access` (the admin token opens everything; reads are open without a read token). */
export function grants(project: ProjectRow, access: Access, token: string | null): boolean {
  if (access === 'read' && project.read_token_hash === null) return true;
  if (tokenMatches(project.write_token_hash, token)) return true;
  return access === 'read' && tokenMatches(project.read_token_hash, token);
}
