import { describe, expect, it } from 'vitest';
import {
  compareVariants,
  formatComparisonMarkdown,
  formatComparisonTable,
  formatJudgementMarkdown,
  formatRegressionLine,
  formatSampling,
  judgeAgainstBaseline,
  parseThreshold,
} from '../../../src/core/compare/index.ts';
import { fakeResult } from './fixtures.ts';

const series = (stepMs: number[], ttfbMs = 1000) => stepMs.map((ms, i) => fakeResult({ ttfbMs: ttfbMs + i * 10, stepMs: ms }));

describe('comparison text', () => {
  const comparison = compareVariants(
    [
      { name: 'w128', results: series([100, 101, 99, 100, 102]) },
      { name: 'w160', results: series([125, 124, 126, 125, 127]) },
    ],
    { metrics: ['steps.medianMs', 'ttfb.totalMs'], threshold: parseThreshold('5%') },
  );
  const sampling = { rounds: 5, stop: 'resolved', unresolved: 0, budgetSeconds: 300, elapsedMs: 1000 } as const;

  it('the terminal table has each side, the difference with its interval, the method and the verdict', () => {
    const table = formatComparisonTable(comparison, sampling);
    const stepRow = table.split('\n').find((line) => line.startsWith('step median'));
    expect(stepRow).toMatch(/Welch t\s+100 ms \[\S+ ms–\S+ ms\]\s+w160\s+125 ms/);
    expect(stepRow).toMatch(/\+25\.0 ms \(\+2\d\.\d% \[\+2\d\.\d%, \+2\d\.\d%\]\)/);
    expect(stepRow).toMatch(/slower$/);
    expect(table).toContain('resolved after 5 rounds');
    expect(table).toContain('w128: 5 jobs · w160: 5 jobs');
  });

  it('the Markdown summary is a table with a header row, verdict marks and the sampling line', () => {
    const markdown = formatComparisonMarkdown(comparison, { title: 'firstbatch: widths', sampling });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### firstbatch: widths');
    expect(lines[2]).toMatch(/^\| metric \| method \| w128 \(baseline\) \|/);
    expect(lines[3]).toMatch(/^\| --- \| --- \| ---: \|/);
    expect(markdown).toMatch(/\| step median \| Welch t \| .* \| \*\*w160\*\* \| .* \| 🔺 slower \|/);
    expect(markdown).toContain('resolved after 5 rounds');
  });

  it('names the sampling outcome', () => {
    expect(formatSampling({ rounds: 9, stop: 'budget', unresolved: 2, budgetSeconds: 60, elapsedMs: 60_000 })).toBe('budget spent after 9 rounds: 2 differences unresolved');
    expect(formatSampling({ rounds: 1, stop: 'fixed', unresolved: 0, budgetSeconds: null, elapsedMs: 1 })).toBe('1 round (fixed)');
  });

  it('the baseline summary names every regression', () => {
    const judgement = judgeAgainstBaseline(
      [{ name: 'gpu', results: series([125, 124, 126, 125, 127]) }],
      [{ name: 'gpu', results: series([100, 101, 99, 100, 102]) }],
      { metrics: ['steps.medianMs', 'ttfb.totalMs'], threshold: parseThreshold('10%') },
    );
    expect(formatRegressionLine(judgement)).toMatch(/^1 regression beyond 10%: gpu step median \+2\d\.\d% \(\+25\.0 ms\)$/);
    expect(formatJudgementMarkdown(judgement)).toContain('**REGRESSION**');
  });
});
