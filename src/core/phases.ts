/**
 * TTFB phase accounting. Phases are defined by their end times on one clock
 * (performance.timeOrigin + performance.now(), in ms), so they are consecutive
 * and exclusive by construction: each starts where the previous one ended.
 */
export const TTFB_PHASES = ['spawn', 'import', 'backend', 'load', 'build', 'data', 'compile', 'first-step', 'first-inference'] as const;
export type PhaseName = (typeof TTFB_PHASES)[number];

/**
 * Where a TTFB ends: a training job at its first loss read back (`first-step`), a serve-only
 * job (a GraphModel, mode serve) at its first inference read back (`first-inference`).
 * `load` (fetching and parsing a user model's topology and weights) exists for user models only.
 */
export const TTFB_ENDS = ['first-step', 'first-inference'] as const satisfies readonly PhaseName[];
export type TtfbEnd = (typeof TTFB_ENDS)[number];

export interface PhaseMark {
  readonly name: PhaseName;
  /** Absolute end time of the phase, ms on the shared clock. */
  readonly endAbsMs: number;
}

export interface Phase {
  readonly name: PhaseName;
  /** Start, ms after submission. */
  readonly startMs: number;
  readonly ms: number;
}

export interface Ttfb {
  readonly totalMs: number;
  readonly phases: Phase[];
  /** |Σ phases − total|; within clock resolution when the accounting is right. */
  readonly residualMs: number;
}

/**
 * Builds the TTFB breakdown from the submission time and the phases' end marks.
 * Throws when marks are out of order or end before submission, which would mean
 * two clocks were mixed.
 */
export function ttfbFromMarks(submittedAbsMs: number, marks: readonly PhaseMark[]): Ttfb {
  if (marks.length === 0) throw new Error('ttfbFromMarks needs at least one phase mark');
  const phases: Phase[] = [];
  let startAbsMs = submittedAbsMs;
  for (const mark of marks) {
    if (!(mark.endAbsMs >= startAbsMs)) {
      throw new Error(
        `phase ${mark.name} ends at ${mark.endAbsMs} ms, before it starts at ${startAbsMs} ms: clocks are mixed`,
      );
    }
    phases.push({ name: mark.name, startMs: startAbsMs - submittedAbsMs, ms: mark.endAbsMs - startAbsMs });
    startAbsMs = mark.endAbsMs;
  }
  const totalMs = startAbsMs - submittedAbsMs;
  const sumMs = phases.reduce((sum, phase) => sum + phase.ms, 0);
  return { totalMs, phases, residualMs: Math.abs(sumMs - totalMs) };
}

/** A difference below the clock's resolution cannot be told from zero. */
export function isResolvable(differenceMs: number, timerResolutionMs: number): boolean {
  return Math.abs(differenceMs) >= timerResolutionMs;
}
