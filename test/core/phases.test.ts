import { describe, expect, it } from 'vitest';
import { isResolvable, ttfbFromMarks } from '../../src/core/phases.ts';

describe('ttfbFromMarks', () => {
  const submitted = 1_700_000_000_000.125;
  const marks = [
    { name: 'spawn', endAbsMs: submitted + 40.5 },
    { name: 'import', endAbsMs: submitted + 440.25 },
    { name: 'backend', endAbsMs: submitted + 450 },
    { name: 'build', endAbsMs: submitted + 470.005 },
    { name: 'data', endAbsMs: submitted + 480 },
    { name: 'first-step', endAbsMs: submitted + 5480.75 },
  ] as const;

  // Absolute times near 1.7e12 ms carry ~0.24 µs of float precision, far below the 5 µs timer step.
  it('makes consecutive, exclusive phases that add up to the total', () => {
    const ttfb = ttfbFromMarks(submitted, marks);
    expect(ttfb.totalMs).toBeCloseTo(5480.75, 6);
    expect(ttfb.phases.map((p) => p.name)).toEqual(['spawn', 'import', 'backend', 'build', 'data', 'first-step']);
    expect(ttfb.phases.map((p) => p.ms)).toEqual([40.5, 399.75, 9.75, 20.005, 9.995, 5000.75].map((ms) => expect.closeTo(ms, 3)));
    ttfb.phases.forEach((phase, i) => {
      const previous = ttfb.phases[i - 1];
      expect(phase.startMs, phase.name).toBeCloseTo(previous ? previous.startMs + previous.ms : 0, 9);
    });
    expect(ttfb.residualMs).toBeLessThan(1e-6);
  });

  it('refuses marks out of order (two clocks mixed)', () => {
    expect(() => ttfbFromMarks(submitted, [{ name: 'spawn', endAbsMs: submitted - 5 }])).toThrow(/clocks are mixed/);
    expect(() => ttfbFromMarks(submitted, [marks[1], marks[0]])).toThrow(/spawn ends at/);
  });

  it('needs at least one mark', () => {
    expect(() => ttfbFromMarks(submitted, [])).toThrow(/at least one/);
  });
});

describe('isResolvable', () => {
  it.each([
    { difference: 0.004, resolution: 0.005, resolvable: false },
    { difference: -0.006, resolution: 0.005, resolvable: true },
    { difference: 0.05, resolution: 0.1, resolvable: false },
  ])('$difference ms at $resolution ms resolution → $resolvable', ({ difference, resolution, resolvable }) => {
    expect(isResolvable(difference, resolution)).toBe(resolvable);
  });
});
