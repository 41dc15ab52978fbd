import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Run } from '../../core/share/run.ts';
import type { JobSlot, LiveJob, RunPlan, RunState } from './run-state.ts';

export type { JobSlot, RunPlan };

/**
 * The state of the running plan, for the host to render; the work (the suite runner, the
 * workers) is in run-plan.ts, loaded when a run starts so the first screen does not carry it.
 * Cancel aborts the running job (its worker is terminated) and skips the rest; the finished
 * jobs stay. Leaving the page (host disconnected) cancels too.
 */
export class RunController implements ReactiveController, RunState {
  plan: RunPlan | null = null;
  slots: JobSlot[] = [];
  live: LiveJob | null = null;
  running = false;
  startedAt = '';
  /** Page clock at the start, for elapsed time and the ETA. */
  startedMs = 0;
  /** Auto-sampling may plan more jobs than `slots` holds now. */
  more = false;
  /** The runner's notes ("auto-sampling: 2 differences unresolved after 3 rounds; …"). */
  notes: string[] = [];
  /** ms the tab was hidden during the run (browsers throttle timers in hidden tabs). */
  hiddenMs = 0;
  hiddenSinceMs: number | null = null;
  /** Why the run ended early, when it did (an error outside any one job). */
  error: string | null = null;
  abort: AbortController | null = null;

  constructor(readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  /** Overall progress, 0…1. */
  get fraction(): number {
    return this.slots.length === 0 ? 0 : this.slots.reduce((sum, slot) => sum + slot.fraction, 0) / this.slots.length;
  }

  /** Runs the plan; resolves with the run made of every finished job (null when none finished). */
  async start(plan: RunPlan): Promise<Run | null> {
    if (this.running) throw new Error('a run is already in progress');
    this.plan = plan;
    this.running = true;
    this.startedAt = new Date().toISOString();
    this.startedMs = performance.now();
    this.slots = [];
    this.notes = [];
    this.more = plan.budgetSeconds !== undefined;
    this.hiddenMs = 0;
    this.hiddenSinceMs = document.visibilityState === 'hidden' ? this.startedMs : null;
    this.error = null;
    this.live = null;
    this.abort = new AbortController();
    this.host.requestUpdate();
    try {
      const { executePlan } = await import('./run-plan.ts');
      return await executePlan(this, plan, this.abort.signal);
    } finally {
      this.noteVisibility(document.visibilityState === 'hidden');
      this.running = false;
      this.abort = null;
      this.host.requestUpdate();
    }
  }

  /** Terminates the running job's worker and skips the queued ones. */
  cancel(): void {
    this.abort?.abort();
  }

  /** The tab was hidden or shown: time hidden while running is counted (and said) because timers are throttled then. */
  noteVisibility(hidden: boolean): void {
    const now = performance.now();
    if (hidden && this.running && this.hiddenSinceMs === null) this.hiddenSinceMs = now;
    if (!hidden && this.hiddenSinceMs !== null) {
      this.hiddenMs += now - this.hiddenSinceMs;
      this.hiddenSinceMs = null;
    }
    this.host.requestUpdate();
  }
}
