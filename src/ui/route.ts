/**
 * The app's place in its URL, so Back, Forward and reload keep it: the view and the stored runs
 * it shows, in the query (`?view=results&run=12`, `?view=results&run=12,15` for runs side by
 * side, `?view=serving&run=17`). Share links keep the fragment (`#r=…`) to themselves.
 */
export const VIEWS = [
  { id: 'configure', label: 'Configure' },
  { id: 'run', label: 'Run' },
  { id: 'results', label: 'Results' },
  { id: 'serving', label: 'Serving' },
  { id: 'history', label: 'History' },
] as const;

export type View = (typeof VIEWS)[number]['id'];

export interface Route {
  readonly view: View;
  /** History ids of the runs shown (Results: one, or several side by side; Serving: one). */
  readonly runs: readonly number[];
}

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

export const sameRoute = (a: Route, b: Route): boolean => a.view === b.view && a.runs.join(',') === b.runs.join(',');

/** The next tab for a key of the WAI-ARIA tabs pattern (arrows wrap; Home, End); null for other keys. */
export function tabForKey(key: string, current: View): View | null {
  const index = VIEWS.findIndex((v) => v.id === current);
  const last = VIEWS.length - 1;
  const next = key === 'ArrowRight' ? (index + 1) % VIEWS.length : key === 'ArrowLeft' ? (index + last) % VIEWS.length : key === 'Home' ? 0 : key === 'End' ? last : null;
  return next === null ? null : VIEWS[next]!.id;
}
