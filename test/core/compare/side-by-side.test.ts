import { describe, expect, it } from 'vitest';
import { formatJudgementMarkdown, formatRegressionLine, parseThreshold } from '../../../src/core/compare/index.ts';
import { judgeSideBySide, sideBySideSuite } from '../../../src/core/compare/side-by-side.ts';
import { runSuite } from '../../../src/core/runner/index.ts';
import { parseSuite } from '../../../src/core/suite.ts';
import type { ComparisonSuite } from '../../../src/core/compare/index.ts';
import { fakeContext } from '../runner/fake-context.ts';

const comparison = (variants: { name: string; spec: Record<string, unknown> }[], extra: Record<string, unknown> = {}): ComparisonSuite => {
  const suite = parseSuite({ kind: 'comparison', name: 'ci', base: { backend: 'cpu', width: 100 }, variants, metrics: ['steps.medianMs'], repetitions: 4, threshold: '10%', ...extra });
  if (suite.kind !== 'comparison') throw new Error('not a comparison');
  return suite;
};

describe('side by side: the base suite and the change in one interleaved run', () => {
  it('pairs same-named variants, each side resolved from its own file; new variants run ungated', () => {
    const base = comparison([{ name: 'mlp', spec: {} }], { base: { backend: 'cpu', width: 100, seed: 7 } });
    const change = comparison([{ name: 'mlp', spec: { width: 110 } }, { name: 'cnn', spec: { workload: 'cnn' } }]);
    const { suite, pairs, newVariants } = sideBySideSuite(base, change);
    expect(suite.variants.map((v) => v.name)).toEqual(['mlp (base)', 'mlp', 'cnn']);
    expect(suite.variants[0]?.spec).toMatchObject({ width: 100, seed: 7 });
    expect(suite.variants[1]?.spec).toMatchObject({ width: 110, seed: 1 });
    expect(pairs).toEqual([['mlp (base)', 'mlp']]);
    expect(newVariants).toEqual(['cnn']);
    expect(suite).toMatchObject({ threshold: '10%', repetitions: 4, baseline: 'mlp (base)' });
  });

  it('a base with none of the variants is an error that names them', () => {
    expect(() => sideBySideSuite(comparison([{ name: 'a', spec: {} }]), comparison([{ name: 'b', spec: {} }]))).toThrow('the base suite "ci" has none of the change\'s variants (b)');
  });

  it('gates on a paired 10% slowdown, and passes an unchanged model', async () => {
    const base = comparison([{ name: 'model', spec: {} }]);
    for (const [width, regressions] of [
      [115, 1],
      [100, 0],
    ] as const) {
      const { suite, pairs } = sideBySideSuite(base, comparison([{ name: 'model', spec: { width } }]));
      const { context } = fakeContext({ noise: 0.02, seed: width });
      const outcome = await runSuite(suite, context);
      const judgement = judgeSideBySide(outcome.results, pairs, { metrics: ['steps.medianMs'], threshold: parseThreshold('10%') });
      expect(judgement.regressions, `width ${width}`).toHaveLength(regressions);
      expect(judgement.variants[0]?.comparison.metrics[0]?.method, 'paired within rounds').toBe('paired t (rounds)');
      if (regressions > 0) {
        expect(formatRegressionLine(judgement)).toMatch(/^1 regression beyond 10%: model step median \+1[0-9]\.\d%/);
        expect(formatJudgementMarkdown(judgement)).toContain('### Against the base, side by side');
      } else {
        expect(formatRegressionLine(judgement)).toBe('no regression beyond 10% against the base, side by side');
      }
    }
  });
});
