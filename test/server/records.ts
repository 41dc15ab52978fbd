/** Results files for the store's tests, made by the runner's own mapper from job results. */
import { readFileSync } from 'node:fs';
import { toResultFile } from '../../src/core/runner/results-file.ts';
import type { RunMeta } from '../../src/core/store/api.ts';
import { fakeResult } from '../core/compare/fixtures.ts';

/** A two-variant suite's results file (3 rounds each); `seed` moves the numbers so each seed is a different run. */
export function resultsFile(seed: number, extra: { suiteName?: string } = {}) {
  const results = [0, 1, 2].flatMap((round) =>
    ['mlp', 'cnn'].map((variant, i) => ({
      ...fakeResult({ ttfbMs: 1000 + seed + 10 * round + 100 * i, stepMs: 50 + i * 20 + round + seed / 100, spec: { workload: variant } }),
      variant,
      repetition: round,
    })),
  );
  return toResultFile(results, {
    toolVersion: '0.1.0',
    suite: { name: extra.suiteName ?? 'store test', kind: 'comparison', threshold: '5%', metrics: ['ttfb.totalMs', 'steps.medianMs'] },
  });
}

export function meta(seed: number, overrides: Partial<RunMeta> = {}): RunMeta {
  return {
    commit: `c${seed.toString(16).padStart(7, '0')}`,
    parentCommit: seed === 0 ? null : `c${(seed - 1).toString(16).padStart(7, '0')}`,
    branch: 'main',
    createdAt: new Date(Date.UTC(2026, 0, 1) + seed * 60_000).toISOString(),
    ciUrl: null,
    device: 'google/swiftshader (software)',
    ...overrides,
  };
}

/** A results file from a real run of the CLI (mlp on cpu and wasm, 3 rounds), kept as a fixture. */
export function realRunFile(): unknown {
  return JSON.parse(readFileSync(new URL('../fixtures/store/real-run.json', import.meta.url), 'utf8'));
}
