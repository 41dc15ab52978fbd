import type { ServingReport } from '../../../src/core/serving/index.ts';

/**
 * What the v2 fixture links in test/fixtures/share hold, read when they were made from real runs
 * in Chromium (`npm run screenshots` makes the runs; their links were copied from the app).
 */
export const V2_COMPARISON_FACTS: Record<string, { variants: string[]; jobs: number; firstTtfbMs: number; firstSoftware: boolean }> = {};

export const SERVING_FIXTURE_FACTS: Record<string, { kind: ServingReport['kind']; title: string; check: (report: ServingReport) => boolean }> = {};
