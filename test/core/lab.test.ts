import { describe, expect, it } from 'vitest';
import { comparisonSuiteSchema } from '../../src/core/compare/index.ts';
import { formatLabMarkdown, formatLabTable, labGroups, LAB_TARGET_FRACTION, parseLabRun, summarizeLab, type LabRun } from '../../src/core/lab.ts';
import type { PhaseName } from '../../src/core/phases.ts';
import { syntheticJob } from './trace-fixture.ts';

const COLD: Partial<Record<PhaseName, number>> = { spawn: 200, import: 800, backend: 30, build: 40, data: 20, 'first-step': 6000 };
const prewarm = { poolMs: 1000, spawnMs: 200, importMs: 800, backendMs: 30, pipelineCacheMs: null, reused: 'a pool worker' };

/** Interleaved rounds of synthetic jobs whose phases move the way each knob should move them. */
function labRun(rounds: number): LabRun {
  const suite = comparisonSuiteSchema.parse({
    kind: 'comparison',
    name: 'ttfb-lab',
    base: { workload: 'mlp' },
    variants: [
      { name: 'cold', spec: {} },
      { name: 'precompile', spec: { precompile: true } },
      { name: 'overlap-data', spec: { overlapData: true } },
      { name: 'best', spec: { prewarm: true, warmPipelineCache: true } },
    ],
    baseline: 'cold',
    threshold: '5%',
  });
  const jobs: LabRun['jobs'] = [];
  let seed = 1;
  for (let round = 0; round < rounds; round++) {
    jobs.push({ variant: 'cold', round, result: syntheticJob({ seed: seed++, phaseMs: COLD }) });
    jobs.push({ variant: 'precompile', round, result: syntheticJob({ seed: seed++, spec: { precompile: true }, phaseMs: { ...COLD, compile: 3000, 'first-step': 400 } }) });
    jobs.push({ variant: 'overlap-data', round, result: syntheticJob({ seed: seed++, spec: { overlapData: true }, phaseMs: { ...COLD, data: 5 } }) });
    jobs.push({
      variant: 'best',
      round,
      result: syntheticJob({ seed: seed++, prewarm: { ...prewarm, pipelineCacheMs: 6000 }, spec: { prewarm: true, warmPipelineCache: true }, phaseMs: { ...COLD, spawn: 0.5, import: 0.1, backend: 0.1, 'first-step': 300 } }),
    });
  }
  return { suite, startedAt: '2026-11-25T19:00:00.000Z', rounds, jobs };
}

describe('summarizeLab', () => {
  const run = labRun(8);
  const summary = summarizeLab(run);
  const knob = (name: string) => summary.knobs.find((k) => k.variant === name)!;

  it('reports each knob’s TTFB saving in ms and % with CIs that hold the true saving', () => {
    const pre = knob('precompile');
    expect(pre.saving.verdict).toBe('faster');
    expect(pre.saving.ms.ci.low).toBeLessThan(6000 - 3400);
    expect(pre.saving.ms.ci.high).toBeGreaterThan(6000 - 3400);
    expect(pre.saving.fraction.value).toBeGreaterThan(0.2);
    expect(pre.saving.fraction.ci.low).toBeLessThan(pre.saving.fraction.value);
  });

  it('names the phases that moved, in both directions, largest first', () => {
    expect(knob('precompile').phasesMoved.map((p) => [p.phase, p.saving.verdict])).toEqual([
      ['first-step', 'faster'],
      ['compile', 'slower'],
    ]);
    expect(knob('best').phasesMoved.map((p) => p.phase).slice(0, 2)).toEqual(['first-step', 'import']);
  });

  it('explains a knob by its largest phase moves with their intervals, resolved or not (phases only explain; the total is judged)', () => {
    const suite = comparisonSuiteSchema.parse({ kind: 'comparison', name: 'noisy', base: { workload: 'mlp' }, variants: [{ name: 'cold', spec: {} }, { name: 'lean', spec: { importMode: 'lean' } }], baseline: 'cold' });
    const jobs: LabRun['jobs'] = [0, 1].flatMap((round) => [
      { variant: 'cold', round, result: syntheticJob({ seed: 10 + round, phaseMs: COLD }) },
      { variant: 'lean', round, result: syntheticJob({ seed: 20 + round, spec: { importMode: 'lean' }, phaseMs: { ...COLD, import: round === 0 ? 200 : 1000 } }) },
    ]);
    const lean = summarizeLab({ suite, startedAt: '', rounds: 2, jobs }).knobs[0]!;
    const moved = lean.phasesMoved.find((p) => p.phase === 'import');
    expect(moved?.saving.verdict, 'two rounds cannot resolve it').toBe('unresolved');
    expect(moved?.saving.ms.ci.low).toBeLessThan(0);
    expect(moved?.saving.ms.ci.high).toBeGreaterThan(0);
  });

  it('does not call a small effect on a noisy total a saving', () => {
    expect(['no detectable difference', 'unresolved']).toContain(knob('overlap-data').saving.verdict);
    expect(knob('overlap-data').phasesMoved.map((p) => p.phase)).toEqual(['data']);
  });

  it('recommends the fastest resolved variant and checks the best combination against the target', () => {
    expect(summary.recommended?.variant).toBe('best');
    expect(summary.best?.saving.fraction.value).toBeGreaterThan(LAB_TARGET_FRACTION);
    expect(summary.meetsTarget).toBe(true);
    expect(knob('best').poolMs).toBe(1000);
    expect(knob('precompile').poolMs).toBeNull();
  });

  it('prints a table and a Markdown note naming every variant', () => {
    for (const text of [formatLabTable(summary), formatLabMarkdown(summary)]) {
      for (const name of ['cold', 'precompile', 'overlap-data', 'best']) expect(text).toContain(name);
      expect(text).toMatch(/Recommended: best/);
      expect(text).toMatch(/pool spent/);
    }
  });

  it('tables TTFB by phase for every variant, with each knob’s change and its interval around the true change', () => {
    const rows = new Map(summary.phases.map((row) => [row.phase, row]));
    expect([...rows.keys()]).toEqual(['total', 'spawn', 'import', 'backend', 'build', 'data', 'compile', 'first-step']);
    const firstStep = rows.get('first-step')!;
    expect(firstStep.variants.map((v) => v.variant)).toEqual(['cold', 'precompile', 'overlap-data', 'best']);
    const cold = firstStep.variants[0]!.ms!;
    expect(cold.ci.low).toBeLessThan(6000);
    expect(cold.ci.high).toBeGreaterThan(6000);
    const precompile = firstStep.changes.find((c) => c.variant === 'precompile')!.ms!;
    expect(precompile.ci.low).toBeLessThan(400 - 6000);
    expect(precompile.ci.high).toBeGreaterThan(400 - 6000);
    // A phase only one variant has: its time for that variant, "–" (null) for the others.
    expect(rows.get('compile')!.variants.map((v) => v.ms !== null)).toEqual([false, true, false, false]);
    // Four variants fit a terminal; the Markdown note always has the table.
    expect(formatLabTable(summary)).toMatch(/TTFB by phase[^\n]*\nphase +cold \(95% CI\) +precompile \(95% CI\)/);
    expect(formatLabMarkdown(summary)).toMatch(/\| first-step \| 6\.\d+ s \[/);
    expect(formatLabMarkdown(summary)).toContain('precompile − cold (95% CI)');
  });

  it('reads a saved run back through its schema', () => {
    const back = parseLabRun(JSON.parse(JSON.stringify(run)));
    expect(labGroups(back).map((g) => g.results.length)).toEqual([8, 8, 8, 8]);
    expect(summarizeLab(back).knobs.map((k) => k.saving.ms.value)).toEqual(summary.knobs.map((k) => k.saving.ms.value));
    expect(() => parseLabRun({ ...run, rounds: -1 })).toThrow(/rounds/);
  });

  it('builds its intervals at the level it is given (the last look of auto-sampling), paired by round', () => {
    const level = 0.99;
    const paired = summarizeLab(run, { level, paired: true });
    const pre = paired.knobs.find((k) => k.variant === 'precompile')!;
    expect(paired.level).toBe(level);
    expect(pre.saving.ms.ci.level).toBe(level);
    expect(pre.saving.ms.method).toMatch(/^paired t/);
    expect(knob('precompile').saving.ms.method).not.toMatch(/paired/);
    // A wider level, a wider interval around the same estimate.
    expect(pre.saving.ms.ci.high - pre.saving.ms.ci.low).toBeGreaterThan(knob('precompile').saving.ms.ci.high - knob('precompile').saving.ms.ci.low);
    expect(formatLabTable(paired)).toContain('TTFB (99% CI)');
    expect(formatLabTable(summary)).toContain('TTFB (95% CI)');
  });

  it('says when the best combination misses the target', () => {
    const missing = labRun(4);
    missing.jobs = missing.jobs.map((job) => (job.variant === 'best' ? { ...job, result: syntheticJob({ seed: job.round + 100, phaseMs: { ...COLD, 'first-step': 5000 } }) } : job));
    const s = summarizeLab(missing);
    expect(s.meetsTarget).toBe(false);
    expect(formatLabTable(s)).toMatch(/misses the 40.0% target/);
  });
});
