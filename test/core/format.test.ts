import { describe, expect, it } from 'vitest';
import { formatResultsTable, kernelCell } from '../../src/core/format.ts';
import type { JobResult } from '../../src/core/result.ts';
import { fakeResult } from './compare/fixtures.ts';

const withKernel = (kernel: JobResult['kernel'], stepMs = 100): JobResult => ({ ...fakeResult({ ttfbMs: 1000, stepMs }), kernel });

describe('kernel time in the results table', () => {
  it.each<{ label: string; kernel: JobResult['kernel']; cell: string }>([
    { label: 'GPU kernels summed on profiled steps', kernel: { available: true, source: 'gpu-timestamp', samplesMs: [50], medianMs: 50, note: '' } , cell: '50.0 ms Σ kernels' },
    { label: 'warns when the sum exceeds the step median', kernel: { available: true, source: 'gpu-timestamp', samplesMs: [130], medianMs: 130, note: '' } , cell: '130 ms Σ kernels ⚠ > step' },
    { label: 'on the CPU it is the whole synchronous step', kernel: { available: true, source: 'cpu-timer', samplesMs: [9], medianMs: 9, note: '' } , cell: '9.00 ms whole step' },
    { label: 'unavailable says so, never 0', kernel: { available: false, reason: 'no timer' } , cell: 'unavailable' },
  ])('$label', ({ kernel, cell }) => {
    expect(kernelCell(withKernel(kernel))).toBe(cell);
  });

  it('labels the row and explains it under the table', () => {
    const table = formatResultsTable([withKernel({ available: true, source: 'gpu-timestamp', samplesMs: [50], medianMs: 50, note: '' })]);
    expect(table).toMatch(/kernel time \/ step ¹/);
    expect(table).toMatch(/¹ Σ kernels: GPU kernel times summed over separate tf\.time\(\)-profiled steps/);
    expect(table).toMatch(/serving p99\s+n\/a \(4 < 100\)/);
  });
});
