/**
 * The page's side of the results store's JSON API (routes and schemas: src/core/store/api.ts).
 * The app talks to the server that served it (same origin, under its base path); every reply
 * enters as `unknown` and goes through the contract's schema, and every failure becomes one
 * sentence a user can act on.
 */
import type { z } from 'zod';
import { messageOf } from '../core/errors.ts';
import {
  alertListSchema,
  seriesListSchema,
  storedRunSchema,
  storeErrorSchema,
  trendSchema,
  type AlertList,
  type SeriesKey,
  type SeriesList,
  type StoredRun,
  type Trend,
} from '../core/store/api.ts';

/** A store request that failed: the HTTP status (0 when the server was not reached) and why. */
export class StoreRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const NO_STORE = 'this address has no results store: open the app served by `firstbatch server` (a static host or `firstbatch serve` has no API)';

async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${import.meta.env.BASE_URL}${path}`, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StoreRequestError(0, `the results store could not be reached: ${messageOf(error)}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new StoreRequestError(response.status, response.status < 500 ? NO_STORE : `the results store answered ${response.status} ${response.statusText}`.trim());
  }
  if (!response.ok) {
    const failure = storeErrorSchema.safeParse(body);
    throw new StoreRequestError(response.status, failure.success ? failure.data.error.message : `the results store answered ${response.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreRequestError(response.status, `the results store sent a reply this app cannot read (${issue ? `${issue.path.join('.') || 'reply'}: ${issue.message}` : 'bad reply'})`);
  }
  return parsed.data;
}

const segment = encodeURIComponent;

export function fetchStoredRun(id: string, signal?: AbortSignal): Promise<StoredRun> {
  return getJson(`api/runs/${segment(id)}`, storedRunSchema, signal);
}

export function fetchSeries(project: string, branch: string, signal?: AbortSignal): Promise<SeriesList> {
  return getJson(`api/p/${segment(project)}/series?${new URLSearchParams({ branch })}`, seriesListSchema, signal);
}

export function fetchTrend(project: string, branch: string, key: SeriesKey, signal?: AbortSignal): Promise<Trend> {
  const query = new URLSearchParams({ suite: key.suite, variant: key.variant, metric: key.metric, device: key.device, branch });
  return getJson(`api/p/${segment(project)}/trend?${query}`, trendSchema, signal);
}

export function fetchAlerts(project: string, signal?: AbortSignal): Promise<AlertList> {
  return getJson(`api/p/${segment(project)}/alerts`, alertListSchema, signal);
}
