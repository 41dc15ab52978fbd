/** Elapsed time and an estimate of what is left of a run, from the jobs finished so far (pure). */

interface EtaInput {
  /** ms on the page clock when the run started, and now. */
  readonly startedMs: number;
  readonly nowMs: number;
  /** Wall time of each finished job, ms. */
  readonly jobMs: readonly number[];
  /** Jobs planned and not finished, the running one included. */
  readonly remainingJobs: number;
  /** ms the running job has run so far (0 when none runs). */
  readonly runningForMs: number;
  /** Auto-sampling may plan more rounds, up to this budget (seconds); null for a fixed plan. */
  readonly budgetSeconds: number | null;
}

interface Eta {
  readonly elapsedMs: number;
  /** Time left for the jobs planned now; null before any job finished (nothing to go by). */
  readonly plannedLeftMs: number | null;
  /** Time left in the auto-sampling budget; null for a fixed plan. */
  readonly budgetLeftMs: number | null;
}

export function estimateEta(input: EtaInput): Eta {
  const elapsedMs = Math.max(0, input.nowMs - input.startedMs);
  const budgetLeftMs = input.budgetSeconds === null ? null : Math.max(0, input.budgetSeconds * 1000 - elapsedMs);
  if (input.jobMs.length === 0) return { elapsedMs, plannedLeftMs: null, budgetLeftMs };
  const meanMs = input.jobMs.reduce((a, b) => a + b, 0) / input.jobMs.length;
  // The running job has probably a mean job's time left minus what it already ran (never below 0).
  const plannedLeftMs = Math.max(0, input.remainingJobs * meanMs - Math.min(input.runningForMs, meanMs));
  return { elapsedMs, plannedLeftMs: budgetLeftMs === null ? plannedLeftMs : Math.min(plannedLeftMs, budgetLeftMs), budgetLeftMs };
}

/** "1:05", "12:00", "1:02:03": a duration as a clock reads it. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
