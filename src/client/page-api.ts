import type { PageApi } from '../core/page-api.ts';

/**
 * The page's implementation of PageApi. Each method loads its implementation on first use
 * (dynamic import), so the first-load bundle carries neither the worker client nor zod and
 * the statistics: the UI and the API both start small.
 */
export const pageApi = {
  ready: true,
  async runJob(spec, options = {}) {
    const { runJob } = await import('./run-job.ts');
    return runJob(spec, { ...(options.onProgress ? { onProgress: options.onProgress } : {}), browserRestarted: options.browserRestarted === true });
  },
  async measurePeak(backend) {
    const { measurePeak } = await import('./peak.ts');
    return measurePeak(backend);
  },
  async runServingSuite(suite, options = {}) {
    const { runServingSuite } = await import('./serve.ts');
    return runServingSuite(suite, options.onProgress ? { onProgress: options.onProgress } : {});
  },
} as const satisfies PageApi;
