import type { Browser, Page } from 'playwright-core';
import { newEvaluableContext } from './browser.ts';
import { parseJobResult, type JobResult } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { failedJob } from '../src/core/summarize.ts';
import type {} from '../src/client/page-api.ts';
import type { PlanProgress } from '../src/client/run-plan.ts';

/** Extra time the CLI waits beyond a job's own limit before it gives up on the page. */
const PAGE_GRACE_MS = 30_000;

export interface PageRunner {
  /** Runs one job through the app's worker client; the result is parsed, never trusted. */
  run(spec: JobSpec, onProgress?: (progress: PlanProgress['event']) => void): Promise<JobResult>;
  close(): Promise<void>;
}

/**
 * Runs each job in a fresh browser context (its own page, HTTP cache and
 * storage), so every job starts from the same cold state whatever ran before.
 */
export async function openRunner(browser: Browser, appUrl: string): Promise<PageRunner> {
  const openPage = async (onProgress?: (event: PlanProgress['event']) => void): Promise<{ page: Page; close(): Promise<void> }> => {
    const context = await newEvaluableContext(browser);
    const page = await context.newPage();
    await page.exposeFunction('__firstbatchProgress', (event: PlanProgress['event']) => onProgress?.(event));
    await page.goto(appUrl);
    await page.waitForFunction(() => window.firstbatch?.ready === true, undefined, { timeout: 60_000 });
    return { page, close: () => context.close() };
  };
  return {
    async run(spec, onProgress) {
      const startedMs = Date.now();
      let opened: { page: Page; close(): Promise<void> } | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        // Inside the try: a page that fails to load (e.g. the build being replaced) is this job's error, not the run's.
        opened = await openPage(onProgress);
        const { page } = opened;
        page.on('crash', () => undefined);
        const evaluation = page.evaluate(
          (jobSpec) => window.firstbatch.runJob(jobSpec, { onProgress: (event) => window.__firstbatchProgress?.(event) }),
          spec,
        );
        const limitMs = spec.timeoutMs + PAGE_GRACE_MS;
        const limit = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the page did not answer within ${limitMs} ms`)), limitMs);
        });
        return parseJobResult(await Promise.race([evaluation, limit]));
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
        return failedJob(spec, { code: 'job-failed', message: `the page running the job failed: ${message}` }, Date.now() - startedMs);
      } finally {
        clearTimeout(timer);
        await opened?.close().catch(() => undefined);
      }
    },
    close: async () => undefined,
  };
}
