import { inject } from 'vitest';
import { openSession, type BenchSession } from '../../bench/session.ts';
import type { JobResult } from '../../src/core/result.ts';
import { servingSuiteSchema, type ServingReport } from '../../src/core/serving/index.ts';

export interface Harness {
  /** The session the CLI uses, on the app the global setup built and serves. */
  readonly session: BenchSession;
  /** Runs the jobs one after another as the CLI does: each in a fresh browser context, its result parsed. */
  runPlan(specs: readonly unknown[]): Promise<JobResult[]>;
  /** Runs a serving suite as the CLI does; the report is parsed. */
  runServing(suite: unknown): Promise<ServingReport>;
  close(): Promise<void>;
}

/** A real Chromium with WebGPU (or with the given flags), on the built app. */
export async function openHarness(options: { args?: readonly string[] } = {}): Promise<Harness> {
  const session = await openSession({ appUrl: inject('appUrl'), browser: options.args ? { args: options.args } : {} });
  return {
    session,
    async runPlan(specs) {
      const results: JobResult[] = [];
      for (const spec of specs) results.push(await session.runJob(spec));
      return results;
    },
    runServing: (suite) => session.runServing(servingSuiteSchema.parse(suite)),
    close: () => session.close(),
  };
}
