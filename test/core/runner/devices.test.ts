import { describe, expect, it } from 'vitest';
import { parseSuiteResultFile } from '../../../src/core/compare/index.ts';
import { FanOutError, outcomeOfSavedFile, runSuite, type RunnerContext } from '../../../src/core/runner/index.ts';
import { parseSuite } from '../../../src/core/suite.ts';
import { fakeContext } from './fake-context.ts';

const suite = parseSuite({
  kind: 'comparison',
  name: 'fan-out',
  base: { backend: 'cpu' },
  variants: [
    { name: 'w100', spec: { width: 100 } },
    { name: 'w200', spec: { width: 200 } },
  ],
  metrics: ['steps.medianMs'],
  repetitions: 3,
  threshold: '5%',
});

/** The fake context, with devices; a job on "slow" takes 3× as long a step. */
function devicesContext(devices: string[]): { context: RunnerContext; tickets: string[] } {
  const { context } = fakeContext({ noise: 0.01 });
  const tickets: string[] = [];
  return {
    tickets,
    context: {
      ...context,
      devices,
      async runJob(spec, job) {
        tickets.push(`${job.device}: ${job.label}`);
        return context.runJob(job.device === 'slow' ? { ...spec, width: spec.width * 3 } : spec, job);
      },
    },
  };
}

describe('a comparison fanned out over several devices', () => {
  it('runs the whole suite on every device, labels each result with its device, and tables device × variant', async () => {
    const { context, tickets } = devicesContext(['fast', 'slow']);
    const outcome = await runSuite(suite, context);
    expect(tickets.filter((t) => t.startsWith('fast: ')).map((t) => t.slice(6))).toEqual(['fast: w100 #1', 'fast: w200 #1', 'fast: w200 #2', 'fast: w100 #2', 'fast: w100 #3', 'fast: w200 #3']);
    expect(tickets.filter((t) => t.startsWith('slow: '))).toHaveLength(6);
    const file = parseSuiteResultFile(outcome.file);
    expect(file.results.map((r) => r.device).sort()).toEqual([...Array(6).fill('fast'), ...Array(6).fill('slow')]);
    // Each device compares its own variants: w200 is slower on both.
    expect(outcome.table).toMatch(/device × variant/);
    const cell = (device: string): RegExpMatchArray | null => outcome.table.match(new RegExp(`${device}\\s+step median\\s+([\\d.]+) ms \\(3\\)\\s+([\\d.]+) ms \\(3\\)`));
    const [fast100, fast200, slow100, slow200] = [...(cell('fast') ?? []).slice(1), ...(cell('slow') ?? []).slice(1)].map(Number);
    expect(fast200! / fast100!).toBeCloseTo(2, 0);
    expect(slow100! / fast100!).toBeCloseTo(3, 0);
    expect(slow200! / fast200!).toBeCloseTo(3, 0);
    expect(outcome.table).toContain('on fast:');
    expect(outcome.table).toContain('on slow:');
    expect(outcome.markdown).toContain('| device | metric | w100 | w200 | adapter |');
    // A saved fan-out file re-renders the same device table.
    expect(outcomeOfSavedFile(JSON.parse(JSON.stringify(outcome.file))).table).toContain(cell('slow')?.[0]);
    // Judged against a baseline, variants are matched per device.
    const verdict = outcome.judge?.(file);
    expect(verdict?.judged).toBe(4);
  });

  it('one device is a plain run (no device labels)', async () => {
    const { context } = devicesContext(['only']);
    const outcome = await runSuite(suite, context);
    expect(parseSuiteResultFile(outcome.file).results.every((r) => r.device === undefined)).toBe(true);
  });

  it('kinds that run on one browser say so', async () => {
    const { context } = devicesContext(['a', 'b']);
    const lab = parseSuite({ kind: 'lab', name: 'lab', base: { backend: 'cpu' }, variants: [{ name: 'cold' }, { name: 'warm', spec: { prewarm: true } }] });
    await expect(runSuite(lab, context)).rejects.toThrow(FanOutError);
    await expect(runSuite(lab, context)).rejects.toThrow('a lab suite runs on one browser; fanning out over several (a, b) is for comparison suites');
  });
});
