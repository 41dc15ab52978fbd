/**
 * Efficiency of each variant's training step against the device peak measured in the same run:
 * per variant, the median work and step time over its jobs, placed on the roofline.
 */
import { sourceLabel } from '../source.ts';
import { formatMs, markdownTable, renderTable } from '../format.ts';
import type { JobResult } from '../result.ts';
import { median } from '../stats/index.ts';
import type { DevicePeak } from './peak.ts';
import { efficiencyOf, type Efficiency } from './roofline.ts';

export interface EfficiencyRow {
  readonly variant: string;
  readonly backend: string;
  /** Jobs that counted their work and measured steps. */
  readonly jobs: number;
  readonly flops: number;
  readonly bytes: number;
  readonly stepMs: number;
  readonly efficiency: Efficiency | null;
  /** Why there is no efficiency (no bytes or no kernel FLOPs counted, no peak for this backend in this run), else null. */
  readonly unavailable: string | null;
  readonly uncounted: readonly string[];
}

type VariantResult = JobResult & { readonly variant?: string | undefined };

/** One row per variant whose jobs counted their work; none when no job did. */
export function efficiencyRows(results: readonly VariantResult[], peaks: readonly DevicePeak[]): EfficiencyRow[] {
  const byVariant = new Map<string, VariantResult[]>();
  for (const result of results) {
    if (result.error || !result.work || !result.steps) continue;
    const name = result.variant ?? sourceLabel(result.spec);
    byVariant.set(name, [...(byVariant.get(name) ?? []), result]);
  }
  return [...byVariant].map(([variant, jobs]) => {
    const backend = jobs[0]!.spec.backend;
    const flops = median(jobs.map((j) => j.work!.flops));
    const bytes = median(jobs.map((j) => j.work!.bytes));
    const stepMs = median(jobs.map((j) => j.steps!.medianMs));
    const peak = peaks.find((p) => p.backend === backend);
    const uncounted = [...new Set(jobs.flatMap((j) => j.work!.uncounted))].sort();
    // Nothing counted is unknown, not zero: no efficiency rather than 0 GFLOP/s and 0% of peak.
    const unavailable = bytes === 0 ? 'no bytes counted' : flops === 0 ? 'no kernel FLOPs counted' : peak ? null : `no ${backend} peak was measured in this run`;
    return { variant, backend, jobs: jobs.length, flops, bytes, stepMs, efficiency: peak && unavailable === null ? efficiencyOf({ flops, bytes }, stepMs, peak) : null, unavailable, uncounted };
  });
}

const giga = (x: number): string => (x / 1e9 >= 100 ? (x / 1e9).toFixed(0) : (x / 1e9).toPrecision(3));
const pct = (x: number): string => `${(x * 100).toPrecision(x >= 0.1 ? 3 : 2)}%`;

function cells(row: EfficiencyRow): string[] {
  const e = row.efficiency;
  return [
    row.variant,
    row.backend,
    String(row.jobs),
    giga(row.flops),
    (row.bytes / 1e6).toPrecision(3),
    row.bytes > 0 ? (row.flops / row.bytes).toPrecision(3) : '—',
    formatMs(row.stepMs),
    e ? giga(e.achievedFlopsPerSec) : '—',
    e ? pct(e.fractionOfPeak) : row.unavailable ?? '—',
    e ? pct(e.fractionOfRoof) : '—',
    e ? e.bound : '—',
  ];
}

const HEADER = ['variant', 'backend', 'jobs', 'GFLOP/step', 'MB/step', 'FLOP/byte', 'step p50', 'GFLOP/s', '% of measured peak', '% of roof', 'bound'];

/** "webgpu peak: 21.3 GFLOP/s (matmul 1024), 4.1 GB/s (add) on google/swiftshader (software)". */
export function peakLine(peak: DevicePeak): string {
  const best = peak.matmul.reduce((a, b) => (b.flopsPerSec > a.flopsPerSec ? b : a));
  return `${peak.backend} peak measured in this run: ${giga(peak.flopsPerSec)} GFLOP/s (matmul ${best.n}×${best.n}), ${(peak.bytesPerSec / 1e9).toPrecision(3)} GB/s (elementwise add) on ${peak.device}${peak.software ? ' — a software device: the CPU behind it, not a GPU' : ''}`;
}

function notes(rows: readonly EfficiencyRow[], peaks: readonly DevicePeak[]): string[] {
  const uncounted = [...new Set(rows.flatMap((r) => r.uncounted))];
  return [
    ...peaks.map(peakLine),
    ...(uncounted.length > 0 ? [`kernels whose FLOPs are not counted (bytes are): ${uncounted.join(', ')}`] : []),
    'FLOPs and bytes per step are counted from each kernel\'s shapes (one profiled step); % of roof = achieved ÷ min(peak FLOP/s, FLOP/byte × bandwidth).',
  ];
}

export function formatEfficiencyTable(rows: readonly EfficiencyRow[], peaks: readonly DevicePeak[]): string {
  if (rows.length === 0) return '';
  return ['efficiency (roofline):', renderTable([HEADER as [string, ...string[]], ...rows.map((r) => cells(r) as [string, ...string[]])]), ...notes(rows, peaks)].join('\n');
}

export function formatEfficiencyMarkdown(rows: readonly EfficiencyRow[], peaks: readonly DevicePeak[]): string {
  if (rows.length === 0) return '';
  return ['### Efficiency (roofline)', '', markdownTable([HEADER, ...rows.map(cells)]), '', ...notes(rows, peaks).map((n) => `- ${n}`), ''].join('\n');
}
