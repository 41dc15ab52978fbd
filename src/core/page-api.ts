/**
 * The page's programmatic face, `globalThis.firstbatch`, declared once: the CLI and the tests
 * drive the app through it, and src/client/page-api.ts implements it with `satisfies PageApi`.
 * Replies are `unknown`: whoever calls across the page boundary parses them
 * (parseJobResult, servingReportSchema). Declared without the DOM lib, so Node code that
 * writes `page.evaluate(() => globalThis.firstbatch…)` compiles in any runtime folder.
 */
import type { JobProgress } from './worker-api.ts';

export type { JobProgress };

export interface PageApi {
  /** True once the API is installed; poll this (a boolean), never a promise. */
  readonly ready: true;
  /**
   * Runs one job in a fresh worker; the reply is a job result (a job's own failure is its `error`).
   * `browserRestarted`: the caller started this browser process for the job's `visit` (first or
   * return); without it such a job is refused, since a page cannot restart its browser.
   */
  runJob(spec: unknown, options?: { onProgress?(event: JobProgress): void; browserRestarted?: boolean }): Promise<unknown>;
  /** Measures the device's peak FLOP/s and bandwidth on a backend in a fresh worker; the reply is a device peak. */
  measurePeak(backend: unknown): Promise<unknown>;
  /** Runs one serving suite; the reply is a serving report. */
  runServingSuite(suite: unknown, options?: { onProgress?(line: string): void }): Promise<unknown>;
}

declare global {
  /** Set by src/main.ts before anything else on the page; undefined elsewhere. */
  var firstbatch: PageApi | undefined;
  /** Exposed by the CLI to hear a job's progress events. */
  var __firstbatchProgress: ((event: JobProgress) => void) | undefined;
  /** Exposed by the CLI to hear a serving suite's progress lines. */
  var __firstbatchServingProgress: ((line: string) => void) | undefined;
}
