import { describe, expect, it } from 'vitest';
import { describeUnseen, servedId, unseenAlarms, unseenCounts, unseenQueries } from '../../../src/core/serving/drift-categories.ts';

describe('unseen categories', () => {
  it('find every id that is not one of the field\'s, and serve a valid one in its place', () => {
    expect(unseenQueries([0, 7, 8, -1, 3.5, Number.NaN, 2], 8)).toEqual([2, 3, 4, 5]);
    const cases: [number, number][] = [[3, 3], [8, 7], [100, 7], [-2, 0], [Number.NaN, 0]];
    for (const [id, expected] of cases) expect(servedId(id, 8), `id ${id}`).toBe(expected);
  });

  it('alarm at the first of each run of unseen queries over all fields', () => {
    expect(unseenAlarms([[5, 6, 9], [7, 20]])).toEqual([5, 9, 20]);
    expect(unseenAlarms([[], []])).toEqual([]);
  });

  it('say how many queries carried an unseen value and where the first was', () => {
    const fields = [{ name: 'field 0', vocabulary: 4 }, { name: 'field 1', vocabulary: 3 }];
    const counts = unseenCounts(fields, [[[], [1003, 1010, 1200]], [[], [1001]]]);
    expect(counts).toEqual([
      { stream: 0, field: 'field 1', queries: 3, firstAtQuery: 1003 },
      { stream: 1, field: 'field 1', queries: 1, firstAtQuery: 1001 },
    ]);
    expect(describeUnseen(counts.slice(0, 1), 1)).toEqual(['field 1: 3 queries with an unseen value (first at query 1003)']);
    expect(describeUnseen(counts, 2)).toEqual(['field 1: 4 queries with an unseen value in 2 of 2 streams (first at query 1001, stream 2)']);
  });
});
