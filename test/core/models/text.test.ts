import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../../../src/core/models/agreement.ts';
import { parseRangeText, parseShapeText, splitAssignment } from '../../../src/core/models/text.ts';

describe('shape and range text', () => {
  it.each([
    ['1x224x224x3', [1, 224, 224, 3]], ['8×16', [8, 16]], ['1,2', [1, 2]], ['1x-2', null], ['', null], ['axb', null],
  ] as const)('shape %s → %j', (text, shape) => expect(parseShapeText(text)).toEqual(shape));
  it.each([
    ['0..30000', { min: 0, max: 30000 }], ['-1..1', { min: -1, max: 1 }], ['0.5..2.5', { min: 0.5, max: 2.5 }], ['0-1', null], ['..3', null],
  ] as const)('range %s → %j', (text, range) => expect(parseRangeText(text)).toEqual(range));
  it('splits NAME=VALUE at the first "="', () => {
    expect(splitAssignment('serving_default_x:0=1x4')).toEqual(['serving_default_x:0', '1x4']);
    expect(splitAssignment('=1x4')).toBeNull();
  });
});

describe('compareOutputs', () => {
  it('reports max absolute and relative differences over every output', () => {
    const result = compareOutputs([Float32Array.of(1, 2.001), Float32Array.of(10)], [Float32Array.of(1, 2), Float32Array.of(10.01)]);
    expect(result).toMatchObject({ available: true, elements: 3, nonFinite: 0, withinTolerance: true });
    if (!result.available) throw new Error('unavailable');
    expect(result.maxAbsDiff).toBeCloseTo(0.01, 5);
    expect(result.maxRelDiff).toBeCloseTo(0.001, 5);
  });
  it('catches a backend that computes wrong answers', () => {
    expect(compareOutputs([Float32Array.of(0.9, 0.1)], [Float32Array.of(0.1, 0.9)])).toMatchObject({ available: true, withinTolerance: false });
  });
  it('counts NaN on one side only as a disagreement', () => {
    expect(compareOutputs([Float32Array.of(Number.NaN, 1)], [Float32Array.of(0, 1)])).toMatchObject({ nonFinite: 1, withinTolerance: false });
  });
  it('is unavailable, not a perfect match, when there are no output values to compare', () => {
    expect(compareOutputs([], [])).toEqual({ available: false, reason: 'the model gave no output values to compare' });
    expect(compareOutputs([Float32Array.of()], [Float32Array.of()])).toEqual({ available: false, reason: 'the model gave no output values to compare' });
  });
  it('is unavailable, with the reason, when the outputs do not match up', () => {
    expect(compareOutputs([Float32Array.of(1)], [])).toEqual({ available: false, reason: 'the backend gave 1 outputs, the cpu 0' });
  });
});
