import type { ServingReport } from '../../../src/core/serving/index.ts';

/**
 * What the v2 fixture links in test/fixtures/share hold, read when they were made from real runs
 * in Chromium (`npm run screenshots` made the runs and printed their links).
 */
export const V2_COMPARISON_FACTS: Record<string, { variants: string[]; jobs: number; firstTtfbMs: number; firstSoftware: boolean }> = {
  'v2-mlp-cpu-vs-wasm.link.txt': { variants: ['cpu', 'wasm'], jobs: 6, firstTtfbMs: 566, firstSoftware: false },
  // `npm run bench -- --workload mlp --backend cpu,wasm --width 32 --steps 5 --serving-queries 10 --repetitions 3`: the CLI's link.
  'v3-mlp-cpu-vs-wasm.link.txt': { variants: ['cpu', 'wasm'], jobs: 6, firstTtfbMs: 747, firstSoftware: false },
};

/** The verdicts the CLI printed for the v3 fixture's run, which its link carries. */
export const V3_JUDGEMENT_FACTS = { 'ttfb.totalMs': 'faster', 'steps.medianMs': 'unresolved', 'serving.p50Ms': 'unresolved' } as const;

export const SERVING_FIXTURE_FACTS: Record<string, { kind: ServingReport['kind']; title: string; check: (report: ServingReport) => boolean }> = {
  'v2-serving-server-ranker-cpu.link.txt': {
    kind: 'server',
    title: 'Server: ranker on cpu, max QPS at p99 ≤ 50 ms',
    check: (r) => r.kind === 'server' && r.search?.maxQps === 400 && r.sweep.length === 3 && r.search.probes.length === 2 && r.timeline.length === 600,
  },
  'v2-serving-canary-mlp-wasm.link.txt': {
    kind: 'canary',
    title: 'Canary: mlp w922 vs w768 on wasm',
    check: (r) => r.kind === 'canary' && r.runs[0]?.judgement.verdict === 'roll back' && r.runs[0].judgement.canaryQueries === 131 && r.runs[0].timeline.length === 600,
  },
};
