import { runJob } from './run-job.ts';
import { runPlan } from './run-plan.ts';
import { runServingSuite } from './serve.ts';

/**
 * The page's programmatic face, `window.firstbatch`: the CLI and the tests
 * drive the same worker code as the UI through it.
 */
export const pageApi = { runJob, runPlan, runServingSuite, ready: true } as const;
export type PageApi = typeof pageApi;

declare global {
  interface Window {
    firstbatch: PageApi;
    /** Set by the CLI (Playwright's exposeFunction) to hear job progress. */
    __firstbatchProgress?: (event: unknown) => void;
  }
}
