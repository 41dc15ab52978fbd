import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { openSession, type BenchSession } from '../../bench/session.ts';
import type { PageApi } from '../../src/core/page-api.ts';
import type { JobResult } from '../../src/core/result.ts';
import { servingSuiteSchema, type ServingReport } from '../../src/core/serving/index.ts';

declare global {
  interface Window {
    /** In the pages these tests open on the app, src/main.ts installed it before anything else ran. */
    readonly firstbatch: PageApi;
  }
}

export interface Harness {
  /** The session the CLI uses, on the app the global setup built and serves. */
  readonly session: BenchSession;
  /** A page on the app in a context of its own, for tests that drive the page API directly. */
  readonly page: Page;
  /** Runs the jobs one after another as the CLI does: each in a fresh browser context, its result parsed. */
  runPlan(specs: readonly unknown[]): Promise<JobResult[]>;
  /** Runs a serving suite as the CLI does; the report is parsed. */
  runServing(suite: unknown): Promise<ServingReport>;
  close(): Promise<void>;
}

/** A real Chromium with WebGPU (or with the given flags), on the built app. */
export async function openHarness(options: { args?: readonly string[] } = {}): Promise<Harness> {
  const session = await openSession({ appUrl: inject('appUrl'), browser: options.args ? { args: options.args } : {} });
  try {
    const opened = await session.openPage();
    return {
      session,
      page: opened.page,
      async runPlan(specs) {
        const results: JobResult[] = [];
        for (const spec of specs) results.push(await session.runJob(spec));
        return results;
      },
      runServing: (suite) => session.runServing(servingSuiteSchema.parse(suite)),
      async close() {
        await opened.close();
        await session.close();
      },
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}
