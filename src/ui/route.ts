/**
 * The app's place in its URL, so Back, Forward and reload keep it: the view and the stored runs
 * it shows, in the query (`?view=results&run=12`, `?view=results&run=12,15` for runs side by
 * side, `?view=serving&run=17`). Share links keep the fragment (`#r=…`) to themselves. Served
 * by `firstbatch server`, two paths name runs of the results store: `/r/ID` (`/r/ID?compare=ID2`
 * side by side) and the Team view `/p/PROJECT/trend?branch=…&suite=…&variant=…&metric=…&device=…`.
 */
export const VIEWS = [
  { id: 'configure', label: 'Configure' },
  { id: 'run', label: 'Run' },
  { id: 'results', label: 'Results' },
  { id: 'serving', label: 'Serving' },
  { id: 'history', label: 'History' },
  { id: 'team', label: 'Team' },
  { id: 'open', label: 'Open file' },
] as const;

export type View = (typeof VIEWS)[number]['id'];

export interface Route {
  readonly view: View;
  /** History ids of the runs shown (Results: one, or several side by side; Serving: one). */
  readonly runs: readonly number[];
  /** Ids of runs in the results store (`/r/ID`), shown on Results. */
  readonly stored?: readonly string[];
  /** The Team view's project and series (`/p/PROJECT/trend?…`). */
  readonly team?: TeamQuery;
}

/** What the Team view shows: a project's series along a branch, and the one whose trend is open. */
export interface TeamQuery {
  readonly project: string;
  readonly branch: string;
  readonly suite?: string;
  readonly variant?: string;
  readonly metric?: string;
  readonly device?: string;
}

export const DEFAULT_BRANCH = 'main';
const TEAM_KEYS = ['suite', 'variant', 'metric', 'device'] as const;
/** A store id as the API takes it (src/core/store/api.ts STORE_ID_PATTERN). */
const STORE_ID = '[a-z0-9][a-z0-9_-]{0,63}';
const RUN_PATH = new RegExp(`^r/(${STORE_ID})/?$`);
const COMPARED = new RegExp(`^${STORE_ID}$`);
const TREND_PATH = new RegExp(`^p/(${STORE_ID})(?:/trend)?/?$`);

const isView = (text: string | null): text is View => VIEWS.some((v) => v.id === text);

/** Reads a query string; anything unknown falls back to Configure with no runs. */
export function parseRoute(search: string): Route {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const runs = (params.get('run') ?? '')
    .split(',')
    .map((part) => Number(part))
    .filter((id) => Number.isSafeInteger(id) && id > 0)
    .slice(0, 16);
  return { view: isView(view) ? view : 'configure', runs: isView(view) ? runs : [] };
}

/** The query string for a route ('' for the first screen, so the plain address stays plain). */
export function formatRoute(route: Route): string {
  if (route.view === 'configure' && route.runs.length === 0) return '';
  const params = new URLSearchParams({ view: route.view });
  if (route.runs.length > 0) params.set('run', route.runs.join(','));
  return `?${params.toString().replaceAll('%2C', ',')}`;
}

/** Reads a whole location: the store's paths under `base` (the app's base URL), else the query. */
export function parseLocation(pathname: string, search: string, base: string): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : '';
  const run = RUN_PATH.exec(rest);
  if (run) {
    const compared = (new URLSearchParams(search).get('compare') ?? '').split(',').filter((id) => COMPARED.test(id));
    return { view: 'results', runs: [], stored: [run[1]!, ...compared].slice(0, 16) };
  }
  const trend = TREND_PATH.exec(rest);
  if (trend) return { view: 'team', runs: [], team: teamQuery(trend[1]!, new URLSearchParams(search)) };
  return parseRoute(search);
}

function teamQuery(project: string, params: URLSearchParams): TeamQuery {
  const query: { -readonly [K in keyof TeamQuery]: TeamQuery[K] } = { project, branch: params.get('branch') || DEFAULT_BRANCH };
  for (const key of TEAM_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

/** Path and query of a route under `base`: the store's paths for stored runs and the Team view, else `base` + the query. */
export function formatLocation(route: Route, base: string): string {
  const [first, ...compared] = route.stored ?? [];
  if (first !== undefined) return `${base}r/${first}${compared.length > 0 ? `?compare=${compared.join(',')}` : ''}`;
  if (route.view === 'team' && route.team) {
    const { project, ...rest } = route.team;
    const params = new URLSearchParams(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return `${base}p/${encodeURIComponent(project)}/trend?${params}`;
  }
  return `${base}${formatRoute(route)}`;
}

/** True for a path of the store's (`/r/…`, `/p/…`) under `base`. */
export const isStorePath = (pathname: string, base: string): boolean => pathname.startsWith(`${base}r/`) || pathname.startsWith(`${base}p/`);

export const sameRoute = (a: Route, b: Route): boolean =>
  a.view === b.view && a.runs.join(',') === b.runs.join(',') && (a.stored ?? []).join(',') === (b.stored ?? []).join(',') && JSON.stringify(a.team ?? null) === JSON.stringify(b.team ?? null);

/** The next tab for a key of the WAI-ARIA tabs pattern (arrows wrap; Home, End); null for other keys. */
export function tabForKey(key: string, current: View): View | null {
  const index = VIEWS.findIndex((v) => v.id === current);
  const last = VIEWS.length - 1;
  const next = key === 'ArrowRight' ? (index + 1) % VIEWS.length : key === 'ArrowLeft' ? (index + last) % VIEWS.length : key === 'Home' ? 0 : key === 'End' ? last : null;
  return next === null ? null : VIEWS[next]!.id;
}
