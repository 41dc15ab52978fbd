/**
 * One bench session: the app served once, the browser opened once, and for every job a fresh
 * browser context (its own page, HTTP cache and storage), so each job starts from the same cold
 * state whatever ran before. The CLI and the browser tests run jobs only through here.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { JobProgress } from '../src/core/page-api.ts';
import { messageOf } from '../src/core/errors.ts';
import { parseJobResult, type JobResult } from '../src/core/result.ts';
import { SERVING_MODEL_FIELDS, servingReportSchema, type ServingReport, type ServingSuite } from '../src/core/serving/index.ts';
import { parseDevicePeak, type DevicePeak } from '../src/core/efficiency/peak.ts';
import { jobSpecSchema, parseJobSpec, parseWith, type BackendName, type JobSpec } from '../src/core/spec.ts';
import { failedJob } from '../src/core/summarize.ts';
import { newEvaluableContext, openBrowser, type BrowserTarget } from './browser.ts';
import { gridNodeOf } from './grid.ts';
import { serveApp, type AppServer } from './server.ts';
import { runVisit } from './visit.ts';
import { isUrl, localFiles, startModelServer, type ModelServer } from './model-server.ts';

/** How long the session waits for the page, beyond what the job itself may take. */
const SESSION_LIMITS = {
  /** The app loads and installs globalThis.firstbatch (a cold software-GPU page takes seconds). */
  readyMs: 60_000,
  /** Beyond a job's own timeoutMs, for the page to report the job's timeout itself. */
  pageGraceMs: 30_000,
  /** Closing a context or a browser (a remote one whose machine left never answers). */
  closeMs: 10_000,
  /** The device peak: a matmul sweep and a bandwidth run (the page's own limit is shorter). */
  peakMs: 240_000,
  /** A serving suite: its own lengths are in the suite; this only stops a page that hangs. */
  servingMs: 60 * 60 * 1000,
} as const;

export interface SessionOptions {
  /** An app that is already served (the tests' global setup); otherwise the session serves one. */
  readonly appUrl?: string;
  /** Serve the existing build (dist/) instead of building first. */
  readonly skipBuild?: boolean;
  /**
   * The browser: a remote endpoint (Playwright server, CDP, Selenium Grid), or a local Chromium
   * with its flags, headless or headed. One session is one browser: a suite fanned out over
   * several devices opens one session per device on the same served app.
   */
  readonly browser?: BrowserTarget;
}

export interface BenchSession {
  readonly appUrl: string;
  /** What the browser is: its version, and the Grid node that runs it (for labelling a device's results). */
  describe(): string;
  /**
   * Runs one job in a fresh browser context and parses the page's reply. Never throws for the
   * job: an invalid spec, a failed job and a page that breaks or hangs are the result's `error`.
   */
  runJob(spec: unknown, onProgress?: (event: JobProgress) => void): Promise<JobResult>;
  /** Runs a serving suite in a fresh browser context; a page that fails or answers nonsense rejects. */
  runServing(suite: ServingSuite, onProgress?: (line: string) => void): Promise<ServingReport>;
  /** Measures the device's peak on a backend in a fresh browser context; rejects when it cannot. */
  measurePeak(backend: BackendName): Promise<DevicePeak>;
  close(): Promise<void>;
}

/** Serves the app (unless one is given), opens the browser and the model server; a failure closes what was opened. */
export async function openSession(options: SessionOptions = {}): Promise<BenchSession> {
  const server = options.appUrl !== undefined ? undefined : await serveApp({ skipBuild: options.skipBuild ?? false, snapshot: true });
  const appUrl = options.appUrl ?? server?.url ?? '';
  let browser: Browser;
  try {
    browser = await openBrowser(options.browser);
  } catch (error) {
    await server?.close();
    throw error;
  }
  try {
    return new Session(options, appUrl, server, browser, await startModelServer());
  } catch (error) {
    await withinLimit(browser.close(), SESSION_LIMITS.closeMs, 'the browser did not close').catch(() => undefined);
    await server?.close();
    throw error;
  }
}

type OpenedPage = { page: Page; close(): Promise<void> };

/** The session's steps, each named: keep the browser alive, open a ready page, run a job, a serving suite or a peak in it. */
class Session implements BenchSession {
  private closing = false;
  /** Why the browser cannot be had any more (it died and could not be started again); null while it can. */
  private lost: string | null = null;
  private description: string;

  constructor(
    private readonly options: SessionOptions,
    readonly appUrl: string,
    private readonly server: AppServer | undefined,
    private browser: Browser,
    private readonly models: ModelServer,
  ) {
    this.description = describeBrowser(browser);
  }

  describe(): string {
    return this.description;
  }

  async runJob(input: unknown, onProgress?: (event: JobProgress) => void): Promise<JobResult> {
    const parsed = jobSpecSchema.safeParse(input);
    if (parsed.success && parsed.data.visit !== 'context') {
      return runVisit(parsed.data, this.options.browser ?? {}, (context) => this.runInPage(input, onProgress, context));
    }
    return this.runInPage(input, onProgress);
  }

  async runServing(suite: ServingSuite, onProgress?: (line: string) => void): Promise<ServingReport> {
    const opened = await this.readyPage((context) => context.exposeFunction('__firstbatchServingProgress' satisfies keyof typeof globalThis, (line: unknown) => onProgress?.(String(line))));
    try {
      const evaluation = opened.page.evaluate(async (input) => {
        const api = globalThis.firstbatch;
        if (!api) throw new Error('the page has no firstbatch API');
        return api.runServingSuite(input, { onProgress: (line) => globalThis.__firstbatchServingProgress?.(line) });
      }, servedSuite(suite, this.models) as unknown);
      const raw = await withinLimit(evaluation, SESSION_LIMITS.servingMs, 'the page did not finish the serving suite');
      return parseWith(servingReportSchema, 'serving report from the page', raw);
    } finally {
      await opened.close();
    }
  }

  async measurePeak(backend: BackendName): Promise<DevicePeak> {
    const opened = await this.readyPage();
    try {
      const evaluation = opened.page.evaluate(async (name) => {
        const api = globalThis.firstbatch;
        if (!api) throw new Error('the page has no firstbatch API');
        return api.measurePeak(name);
      }, backend);
      return parseDevicePeak(await withinLimit(evaluation, SESSION_LIMITS.peakMs, `the page did not measure the ${backend} peak`));
    } finally {
      await opened.close();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await withinLimit(this.browser.close(), SESSION_LIMITS.closeMs, 'the browser did not close').catch(() => undefined);
    await this.models.close();
    await this.server?.close();
  }

  /**
   * The browser, started again when it died since the last job (killed, crashed, a Grid node
   * that left): the suite goes on with a new one. When that fails, the device is lost and every
   * later job fails at once with the reason, keeping the suite's finished jobs.
   */
  private async liveBrowser(): Promise<Browser> {
    if (this.lost !== null) throw new Error(this.lost);
    if (this.browser.isConnected()) return this.browser;
    try {
      this.browser = await openBrowser(this.options.browser);
      this.description = describeBrowser(this.browser);
      return this.browser;
    } catch (error) {
      this.lost = `the browser closed and could not be started again: ${messageOf(error).split('\n')[0]}`;
      throw new Error(this.lost);
    }
  }

  /**
   * A page with the app loaded and the page API ready, in a fresh context of the session's
   * browser (or in `given`, a visit's own browser, which its owner closes); `expose` runs before the app loads.
   */
  private async readyPage(expose?: (context: BrowserContext) => Promise<unknown>, given?: BrowserContext): Promise<OpenedPage> {
    if (this.closing) throw new Error('the session is closing');
    const context = given ?? (await withinLimit(newEvaluableContext(await this.liveBrowser()), SESSION_LIMITS.readyMs, 'the browser did not open a context'));
    const close = (): Promise<void> => (given ? Promise.resolve() : withinLimit(context.close(), SESSION_LIMITS.closeMs, 'the context did not close').catch(() => undefined));
    try {
      // Within one limit: a remote browser whose machine left may never answer at all.
      const page = await withinLimit(loadApp(context, this.appUrl, expose), SESSION_LIMITS.readyMs + 5_000, 'the page did not load');
      return { page, close };
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** One job in a page of a fresh context (or of a visit's own browser), its reply parsed; never throws for the job. */
  private async runInPage(input: unknown, onProgress: ((event: JobProgress) => void) | undefined, given?: BrowserContext): Promise<JobResult> {
    const startedMs = Date.now();
    const parsed = jobSpecSchema.safeParse(input);
    const spec: JobSpec = parsed.success ? parsed.data : parseJobSpec({});
    // A model or job module given as a local path is served read-only from its folder; the page gets its URL.
    const local = parsed.success ? localFiles(spec) : { missing: null, toPage: spec };
    if (local.missing !== null) return failedJob(spec, { code: 'model-unreachable', message: local.missing }, Date.now() - startedMs);
    const pageInput = parsed.success ? servedSpec(local.toPage, this.models) : input;
    let opened: OpenedPage | undefined;
    try {
      // Inside the try: a page that fails to load (e.g. the build replaced under it) is this job's error, not the run's.
      opened = await this.readyPage((context) => context.exposeFunction('__firstbatchProgress' satisfies keyof typeof globalThis, (event: unknown) => {
        if (isJobProgress(event)) onProgress?.(event);
      }), given);
      // A visit's own context is in a browser started for it (bench/visit.ts).
      const result = await evaluateJob(opened.page, pageInput, given !== undefined, spec.timeoutMs + SESSION_LIMITS.pageGraceMs);
      // The result names the model as the user gave it, not the address it was served from.
      if (!parsed.success) return result;
      const error = result.error && { ...result.error, message: unserved(result.error.message, spec, pageInput as JobSpec) };
      return { ...result, spec, error };
    } catch (error) {
      const message = messageOf(error).split('\n')[0] ?? '';
      return failedJob(spec, { code: 'job-failed', message: `the page running the job failed: ${message}` }, Date.now() - startedMs);
    } finally {
      await opened?.close();
    }
  }
}

/** Opens the app in a new page of `context` and waits for its page API (polling a boolean: never wait on a promise in the page). */
async function loadApp(context: BrowserContext, appUrl: string, expose?: (context: BrowserContext) => Promise<unknown>): Promise<Page> {
  await expose?.(context);
  const page = await context.newPage();
  page.on('crash', () => undefined); // a crash rejects the evaluation: that job's error
  await page.goto(appUrl);
  await page.waitForFunction(() => globalThis.firstbatch?.ready === true, undefined, { timeout: SESSION_LIMITS.readyMs, polling: 100 });
  return page;
}

/** Runs one job through the page API and parses its reply, within `limitMs`. */
async function evaluateJob(page: Page, jobSpec: unknown, restarted: boolean, limitMs: number): Promise<JobResult> {
  const evaluation = page.evaluate(async ({ jobSpec, restarted }) => {
    const api = globalThis.firstbatch;
    if (!api) throw new Error('the page has no firstbatch API');
    return api.runJob(jobSpec, { onProgress: (event) => globalThis.__firstbatchProgress?.(event), browserRestarted: restarted });
  }, { jobSpec, restarted });
  return parseJobResult(await withinLimit(evaluation, limitMs, 'the page did not answer'));
}

function describeBrowser(browser: Browser): string {
  const node = gridNodeOf(browser);
  return `Chromium ${browser.version()}${node !== undefined ? ` on Grid node ${node}` : ''}`;
}

/** Resolves with `work`, or rejects after `limitMs` saying what did not happen in time. */
async function withinLimit<T>(work: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Progress events only drive the progress display; anything else from the page is dropped. */
function isJobProgress(value: unknown): value is JobProgress {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  switch (value.kind) {
    case 'phase':
      return 'phase' in value && typeof value.phase === 'string';
    case 'steps':
    case 'queries':
      return 'first' in value && typeof value.first === 'number' && 'total' in value && typeof value.total === 'number' && 'ms' in value && Array.isArray(value.ms) && value.ms.every((ms) => typeof ms === 'number');
    default:
      return false;
  }
}

/** The spec with its local model / job paths replaced by the model server's URLs. */
function servedSpec(spec: JobSpec, models: ModelServer): JobSpec {
  const served = { ...spec };
  for (const field of ['model', 'job'] as const) {
    const location = spec[field];
    if (location !== undefined && !isUrl(location)) served[field] = models.urlOf(location);
  }
  return served;
}

/** A serving suite whose models' local paths are replaced by the model server's URLs (a missing file fails the suite, naming it). */
function servedSuite(suite: ServingSuite, models: ModelServer): ServingSuite {
  const served: Record<string, unknown> = { ...suite };
  for (const field of SERVING_MODEL_FIELDS) {
    const spec: unknown = served[field];
    if (spec === null || typeof spec !== 'object' || !('backend' in spec)) continue;
    const model = spec as JobSpec;
    const local = localFiles(model);
    if (local.missing !== null) throw new Error(`${field}: ${local.missing}`);
    served[field] = servedSpec(model, models);
  }
  return served as ServingSuite;
}

/** A message from the page with the model server's URLs written back as the user's paths. */
function unserved(text: string, spec: JobSpec, served: JobSpec): string {
  let out = text;
  for (const field of ['model', 'job'] as const) {
    const original = spec[field];
    const url = served[field];
    if (original === undefined || url === undefined || original === url) continue;
    const folderUrl = url.slice(0, url.lastIndexOf('/') + 1);
    const folder = original.slice(0, Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    out = out.split(url).join(original).split(folderUrl).join(folder);
  }
  return out;
}
