import { describe, expect, it } from 'vitest';
import { formatInterval } from '../../src/core/compare/cells.ts';
import { fitToWidth, renderTable } from '../../src/core/format.ts';

const wide = renderTable([
  ['', 'webgpu', 'webgl', 'wasm', 'cpu'],
  ['adapter', 'google/swiftshader (software)', 'ANGLE (Google, Vulkan 1.3.0… (software)', 'wasm on CPU', 'cpu on CPU'],
  ['TTFB (submit → first loss)', '2.00 s', '1.56 s', '425 ms', '380 ms'],
  ['  spawn', '148 ms', '114 ms', '119 ms', '112 ms'],
]);

describe('tables fit the terminal', () => {
  it('a table wider than the terminal becomes blocks of columns, each led by the labels', () => {
    const text = `${wide}\n¹ a footnote that is longer than the terminal is wide, and passes through as it is, for the terminal to wrap\n`;
    const fitted = fitToWidth(text, 100);
    const lines = fitted.split('\n');
    for (const line of lines.filter((l) => !l.startsWith('¹'))) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => l.startsWith('TTFB'))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('TTFB'))).toMatch(/2\.00 s\s+1\.56 s$/);
    expect(fitted).toContain('¹ a footnote that is longer');
    expect(lines.filter((l) => l.startsWith('  spawn')), 'the label column keeps its indent').toHaveLength(2);
    for (const cell of ['google/swiftshader (software)', 'ANGLE (Google, Vulkan 1.3.0… (software)', 'wasm on CPU', '112 ms']) expect(fitted).toContain(cell);
  });

  it('a table that fits is left exactly as it is', () => {
    expect(fitToWidth(wide, 400)).toBe(wide);
    const markdown = '| a | b |\n|---|---|\n| 1 | 2 |';
    expect(fitToWidth(markdown, 5)).toBe(markdown);
  });

  it('a column wider than the terminal gets a block of its own', () => {
    const fitted = fitToWidth(wide, 20);
    expect(fitted.split('\n').filter((l) => l.startsWith('adapter'))).toHaveLength(4);
  });
});

describe('relative intervals that say nothing read "unbounded"', () => {
  const estimate = (low: number, high: number) => ({ value: -0.005, ci: { low, high, level: 0.95 }, method: 'Fieller' });
  it.each([
    ['runs off to +190313.8%', -0.525, 1903.138, '[unbounded]'],
    ['reaches −100%', -1.2, 0.3, '[unbounded]'],
    ['infinite', -Infinity, Infinity, '[unbounded]'],
    ['a real 450× ratio, tight', 449, 460, '[+44900.0%, +46000.0%]'],
    ['an ordinary one', -0.021, 0.04, '[−2.1%, +4.0%]'],
  ])('%s', (_label, low, high, text) => {
    expect(formatInterval(estimate(low, high), '%')).toBe(text);
  });
  it('an absolute interval is never cut', () => {
    expect(formatInterval(estimate(-3, 2000), 'ms')).toBe('[−3.00 ms, +2.00 s]');
  });
});
