/** Runs a serving suite in the app's page (the same drivers as the web app) and parses the report. */
import type { Browser } from 'playwright-core';
import type {} from '../src/client/page-api.ts';
import { newEvaluableContext } from './browser.ts';
import { servingReportSchema, type ServingReport, type ServingSuite } from '../src/core/serving/index.ts';
import { describeIssues, SpecError } from '../src/core/spec.ts';

/** How long a serving suite may run in the page before the CLI gives up. */
export const SERVING_PAGE_LIMIT_MS = 60 * 60 * 1000;

export async function runServingInPage(browser: Browser, appUrl: string, suite: ServingSuite, onProgress: (line: string) => void): Promise<ServingReport> {
  const context = await newEvaluableContext(browser);
  try {
    const page = await context.newPage();
    await page.exposeFunction('__firstbatchServingProgress', (line: unknown) => onProgress(String(line)));
    await page.goto(appUrl);
    await page.waitForFunction(() => window.firstbatch?.ready === true, undefined, { timeout: 60_000 });
    const evaluation = page.evaluate((input) => window.firstbatch.runServingSuite(input, {
      onProgress: (line) => (window as unknown as { __firstbatchServingProgress(l: string): void }).__firstbatchServingProgress(line),
    }), suite as unknown);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the page did not finish the suite within ${SERVING_PAGE_LIMIT_MS} ms`)), SERVING_PAGE_LIMIT_MS);
    });
    try {
      const raw: unknown = await Promise.race([evaluation, limit]);
      const parsed = servingReportSchema.safeParse(raw);
      if (!parsed.success) throw new SpecError('serving report from the page', describeIssues(parsed.error, raw));
      return parsed.data;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await context.close();
  }
}
