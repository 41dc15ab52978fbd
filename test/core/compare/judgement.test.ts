import { describe, expect, it } from 'vitest';
import { compareVariants, parseSuiteResultFile, parseThreshold, thresholdTextSchema } from '../../../src/core/compare/index.ts';
import { readJudgement, toJudgement } from '../../../src/core/compare/judgement.ts';
import { toResultFile } from '../../../src/core/runner/results-file.ts';
import { runToResultFile } from '../../../src/core/share/export.ts';
import { runOfResultsJson } from '../../../src/core/share/from-results.ts';
import { decodeShareFragment, encodeShareFragment } from '../../../src/core/share/link.ts';
import { nodeCompression } from '../share/compression.ts';
import { fakeResult } from './fixtures.ts';

const results = [0, 1, 2].flatMap((round) => [
  { ...fakeResult({ ttfbMs: 900 + round, stepMs: 40 + round * 0.1 }), variant: 'a', repetition: round },
  { ...fakeResult({ ttfbMs: 990 + round, stepMs: 60 + round * 0.2 }), variant: 'b', repetition: round },
]);
const groups = [
  { name: 'a', results: results.filter((r) => r.variant === 'a') },
  { name: 'b', results: results.filter((r) => r.variant === 'b') },
];
/** Judged on the step median only, as a suite with `metrics: ['steps.medianMs']` is. */
const comparison = compareVariants(groups, { metrics: ['steps.medianMs'], threshold: parseThreshold('5%'), paired: true });

describe('the judgement a run carries', () => {
  it('the results file keeps the comparison as the runner made it, through JSON, without per-job samples', () => {
    const file = toResultFile(results, { toolVersion: '0.1.0', suite: { name: 's', kind: 'comparison', threshold: '5%', metrics: ['steps.medianMs'] }, comparison });
    const read = parseSuiteResultFile(JSON.parse(JSON.stringify(file)));
    expect(read.comparison).toEqual(toJudgement(comparison));
    const judged = read.comparison && !('byDevice' in read.comparison) ? read.comparison : null;
    expect(judged?.metrics.map((m) => m.metric)).toEqual(['steps.medianMs']);
    expect(judged?.metrics[0]?.differences[0]?.verdict).toBe('slower');
    expect(JSON.stringify(read.comparison)).not.toContain('samples');
  });

  it('infinite interval ends (too few jobs) come back as infinite, not 0', () => {
    const one = compareVariants(groups.map((g) => ({ ...g, results: g.results.slice(0, 1) })), { metrics: ['steps.medianMs'], threshold: parseThreshold('5%'), paired: true });
    const read = readJudgement(JSON.parse(JSON.stringify(toJudgement(one))));
    const difference = read && !('byDevice' in read) ? read.metrics[0]?.differences[0] : undefined;
    expect(difference?.relative.ci.low).toBe(-Infinity);
    expect(difference?.relative.ci.high).toBe(Infinity);
  });

  it('a judgement this version cannot read is dropped, the file still opens', () => {
    const file = toResultFile(results, { toolVersion: '0.1.0' });
    const read = parseSuiteResultFile({ ...JSON.parse(JSON.stringify(file)), comparison: { metrics: 'written by an older firstbatch' } });
    expect(read.comparison).toBeUndefined();
    expect(read.results).toHaveLength(6);
  });

  it('survives the file → run → link → run → exported file round trip', async () => {
    const file = toResultFile(results, { toolVersion: '0.1.0', suite: { name: 's', kind: 'comparison', threshold: '5%', metrics: ['steps.medianMs'] }, comparison });
    const run = runOfResultsJson(JSON.parse(JSON.stringify(file)));
    expect(run.judgement).toEqual(toJudgement(comparison));
    const opened = await decodeShareFragment(await encodeShareFragment(run, nodeCompression), nodeCompression);
    expect(opened.judgement).toEqual(toJudgement(comparison));
    const exported = parseSuiteResultFile(JSON.parse(JSON.stringify(runToResultFile(opened, '0.1.0'))));
    expect(exported.comparison).toEqual(toJudgement(comparison));
    expect(exported.results.map((r) => [r.variant, r.repetition])).toEqual(results.map((r) => [r.variant, r.repetition]));
    expect(exported.suite?.metrics).toEqual(['steps.medianMs']);
  });
});

describe('thresholds: one parser at every boundary', () => {
  it.each([
    ['5%', true],
    ['0.5 ms', true],
    ['1s', true],
    ['150%', false],
    ['0%', false],
    ['5', false],
  ])('%s accepted: %s', (text, ok) => {
    expect(thresholdTextSchema.safeParse(text).success).toBe(ok);
  });
});
