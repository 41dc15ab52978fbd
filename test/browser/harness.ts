import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { newEvaluableContext, openBrowser } from '../../bench/browser.ts';
import type {} from '../../src/client/page-api.ts';
import { parseJobResult, type JobResult } from '../../src/core/result.ts';

export interface Harness {
  readonly browser: Browser;
  readonly page: Page;
  /** Runs jobs in the page through window.firstbatch.runPlan (fresh worker each) and parses every result. */
  runPlan(specs: readonly unknown[]): Promise<JobResult[]>;
  close(): Promise<void>;
}

/** A real Chromium with WebGPU, on the built app. */
export async function openHarness(options: { args?: string[] } = {}): Promise<Harness> {
  const browser = await openBrowser({ args: options.args });
  const context = await newEvaluableContext(browser);
  const page = await context.newPage();
  await page.goto(inject('appUrl'));
  await page.waitForFunction(() => window.firstbatch?.ready === true);
  return {
    browser,
    page,
    async runPlan(specs) {
      const raw: unknown[] = await page.evaluate((input) => window.firstbatch.runPlan(input), specs as unknown[]);
      return raw.map(parseJobResult);
    },
    close: () => browser.close(),
  };
}
