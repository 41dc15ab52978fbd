import { describe, expect, it } from 'vitest';
import { kernelBytes, kernelFlops } from '../../../src/core/efficiency/kernel-costs.ts';
import { countStepWork, efficiencyOf } from '../../../src/core/efficiency/roofline.ts';

describe('kernel work from shapes', () => {
  it.each([
    { label: 'matmul [8,784]·[784,32]', k: { name: 'BatchMatMul', inputShapes: [[8, 784], [784, 32]], outputShapes: [[8, 32]] }, flops: 2 * 8 * 784 * 32 },
    { label: 'matmul with a transposed operand (gradient dW = xᵀ·dy)', k: { name: 'BatchMatMul', inputShapes: [[8, 784], [8, 32]], outputShapes: [[784, 32]] }, flops: 2 * 784 * 32 * 8 },
    { label: 'batched matmul [4,16,8]·[4,8,16]', k: { name: 'BatchMatMul', inputShapes: [[4, 16, 8], [4, 8, 16]], outputShapes: [[4, 16, 16]] }, flops: 2 * 4 * 16 * 16 * 8 },
    { label: 'conv 3×3, 1 → 4 channels', k: { name: 'Conv2D', inputShapes: [[8, 28, 28, 1], [3, 3, 1, 4]], outputShapes: [[8, 28, 28, 4]] }, flops: 2 * 8 * 28 * 28 * 4 * 9 },
    { label: 'conv input gradient', k: { name: 'Conv2DBackpropInput', inputShapes: [[8, 14, 14, 8], [3, 3, 4, 8]], outputShapes: [[8, 14, 14, 4]] }, flops: 2 * 8 * 14 * 14 * 8 * 9 * 4 },
    { label: 'conv filter gradient', k: { name: 'Conv2DBackpropFilter', inputShapes: [[8, 14, 14, 4], [8, 14, 14, 8]], outputShapes: [[3, 3, 4, 8]] }, flops: 2 * 8 * 14 * 14 * 8 * 9 * 4 },
    { label: 'elementwise add', k: { name: 'Add', inputShapes: [[8, 32], [32]], outputShapes: [[8, 32]] }, flops: 256 },
    { label: 'reduction', k: { name: 'Sum', inputShapes: [[8, 10]], outputShapes: [[8, 1]] }, flops: 80 },
    { label: 'data movement', k: { name: 'Transpose', inputShapes: [[8, 16]], outputShapes: [[16, 8]] }, flops: 0 },
  ])('$label', ({ k, flops }) => {
    expect(kernelFlops(k)).toBe(flops);
  });

  it('counts bytes read and written, and none for a view', () => {
    expect(kernelBytes({ name: 'Add', inputShapes: [[8, 32], [32]], outputShapes: [[8, 32]] })).toBe(4 * (256 + 32 + 256));
    expect(kernelBytes({ name: 'Reshape', inputShapes: [[8, 784]], outputShapes: [[8, 784]] })).toBe(0);
  });

  it('names kernels it cannot count instead of counting them as free', () => {
    expect(kernelFlops({ name: 'SomeCustomOp', inputShapes: [[4]], outputShapes: [[4]] })).toBeNull();
    const work = countStepWork([
      { name: 'BatchMatMul', inputShapes: [[2, 3], [3, 4]], outputShapes: [[2, 4]] },
      { name: 'SomeCustomOp', inputShapes: [[4]], outputShapes: [[4]] },
      { name: 'BatchMatMul', inputShapes: [[2, 3], [3, 4]], outputShapes: [[2, 4]] },
    ]);
    expect(work).toMatchObject({ flops: 2 * 48, kernelCount: 3, uncounted: ['SomeCustomOp'] });
    expect(work.byKernel[0]).toMatchObject({ name: 'BatchMatMul', count: 2, flops: 96 });
    expect(work.bytes).toBe(2 * 4 * (6 + 12 + 8) + 4 * 8);
  });
});

describe('efficiency on the roofline', () => {
  const peak = { flopsPerSec: 100e9, bytesPerSec: 10e9 };
  it('is compute-bound above the ridge and judged against peak FLOP/s', () => {
    const e = efficiencyOf({ flops: 2e9, bytes: 1e8 }, 40, peak);
    expect(e).toMatchObject({ intensity: 20, ridgeIntensity: 10, bound: 'compute', attainableFlopsPerSec: 100e9 });
    expect(e.achievedFlopsPerSec).toBeCloseTo(50e9, 3);
    expect(e.fractionOfPeak).toBeCloseTo(0.5, 9);
    expect(e.fractionOfRoof).toBeCloseTo(0.5, 9);
  });
  it('is memory-bound below the ridge: the roof is intensity × bandwidth', () => {
    const e = efficiencyOf({ flops: 1e8, bytes: 1e8 }, 20, peak);
    expect(e).toMatchObject({ intensity: 1, bound: 'memory', attainableFlopsPerSec: 10e9 });
    expect(e.fractionOfRoof).toBeCloseTo(0.5, 9);
    expect(e.fractionOfPeak).toBeCloseTo(0.05, 9);
  });
  it('refuses a step it cannot judge', () => {
    expect(() => efficiencyOf({ flops: 1, bytes: 1 }, 0, peak)).toThrow(/positive step time/);
  });
});
