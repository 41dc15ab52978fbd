import { describe, expect, it } from 'vitest';
import type { DevicePeak } from '../../../src/core/efficiency/peak.ts';
import { efficiencyRows, formatEfficiencyMarkdown, formatEfficiencyTable } from '../../../src/core/efficiency/report.ts';
import type { JobResult, StepWorkResult } from '../../../src/core/result.ts';
import { syntheticJob } from '../trace-fixture.ts';

const peak: DevicePeak = {
  backend: 'webgpu', flopsPerSec: 100e9, bytesPerSec: 10e9, matmul: [{ n: 1024, ms: 21.5, flopsPerSec: 100e9 }],
  bandwidth: { elements: 1 << 22, ms: 6.7, bytes: 16 << 22 }, device: 'test device', software: false,
};

const job = (work: StepWorkResult): JobResult & { variant: string } => ({ ...syntheticJob({ spec: { backend: 'webgpu' } }), work, variant: 'custom' });

describe('efficiency rows', () => {
  it('places a step whose work was counted on the roofline', () => {
    const [row] = efficiencyRows([job({ flops: 2e9, bytes: 1e8, kernelCount: 3, byKernel: [], uncounted: [] })], [peak]);
    expect(row?.unavailable).toBeNull();
    expect(row?.efficiency?.fractionOfPeak).toBeGreaterThan(0);
  });

  it('shows no efficiency, not 0 GFLOP/s and 0% of peak, when no kernel FLOPs were counted', () => {
    const rows = efficiencyRows([job({ flops: 0, bytes: 1e8, kernelCount: 2, byKernel: [], uncounted: ['SomeCustomOp'] })], [peak]);
    expect(rows[0]).toMatchObject({ efficiency: null, unavailable: 'no kernel FLOPs counted' });
    const table = formatEfficiencyTable(rows, [peak]);
    expect(table).toContain('no kernel FLOPs counted');
    expect(table).not.toMatch(/\b0(\.0+)?%/);
    expect(table.split('\n')[3]).toMatch(/no kernel FLOPs counted\s+—\s+—$/);
    expect(formatEfficiencyMarkdown(rows, [peak])).toContain('| — | no kernel FLOPs counted | — | — |');
  });

  it('says no bytes were counted rather than dividing by zero', () => {
    const rows = efficiencyRows([job({ flops: 0, bytes: 0, kernelCount: 0, byKernel: [], uncounted: [] })], [peak]);
    expect(rows[0]).toMatchObject({ efficiency: null, unavailable: 'no bytes counted' });
    expect(formatEfficiencyTable(rows, [peak])).not.toMatch(/NaN|Infinity/);
  });
});
