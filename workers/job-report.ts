/** The job worker's report as it fills up, and the marks and spans it records on the shared clock. */
import { nowAbsMs } from '../src/core/clock.ts';
import type { PhaseName } from '../src/core/phases.ts';
import type { JobProgress, WorkerReport } from '../src/core/worker-api.ts';

export type Progress = (event: JobProgress) => void;

/** The report as this worker fills it: the fields older reports may lack are always there. */
export type FullReport = WorkerReport & { spans: NonNullable<WorkerReport['spans']>; stepStartsAbsMs: number[] };

export function emptyReport(workerScriptStartAbsMs: number): FullReport {
  return {
    workerScriptStartAbsMs,
    marks: [],
    stepSamplesMs: [],
    stepStartsAbsMs: [],
    lossHistory: [],
    serving: null,
    prewarm: null,
    anatomy: null,
    spans: [],
    kernel: null,
    memory: null,
    model: null,
    peakMemory: null,
    agreement: null,
    env: null,
    error: null,
  };
}

/** Marks the end of a TTFB phase the moment it finishes, and tells the page. */
export function markPhase(report: FullReport, name: PhaseName, onProgress?: Progress): void {
  const endAbsMs = nowAbsMs();
  report.marks.push({ name, endAbsMs });
  onProgress?.({ kind: 'phase', phase: name, endAbsMs });
}

/** Runs a stretch of the job after the first batch and records it as a span (for traces). */
export async function span<T>(report: FullReport, name: string, work: () => Promise<T>): Promise<T> {
  const startAbsMs = nowAbsMs();
  try {
    return await work();
  } finally {
    report.spans.push({ name, startAbsMs, endAbsMs: nowAbsMs() });
  }
}
