import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { runJob } from '../../client/run-job.ts';
import type { PhaseName } from '../../core/phases.ts';
import type { JobResult } from '../../core/result.ts';
import { interleavedPlan, type Run, type RunJob, type RunVariant } from '../../core/share/run.ts';
import type { JobProgress } from '../../core/worker-api.ts';
import { assertNever } from '../../core/assert.ts';

/** What the user asked to run: variants of a comparison, each repeated. */
export interface RunPlan {
  readonly title: string;
  readonly threshold: string;
  readonly repetitions: number;
  readonly variants: readonly RunVariant[];
}

export type SlotStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobSlot {
  readonly variant: number;
  readonly repetition: number;
  status: SlotStatus;
  /** The last TTFB phase finished, while the job is in its first batch. */
  phase: PhaseName | null;
  /** 0…1: phases count for 30%, measured steps for 50%, serving queries for 20%. */
  fraction: number;
  result: JobResult | null;
}

/** Live measurements of the running job, for the charts. */
export interface LiveJob {
  readonly slot: number;
  readonly stepMs: number[];
  readonly loss: number[];
  readonly servingMs: number[];
}

const PHASE_COUNT = 6;

/**
 * Runs a plan's jobs interleaved (A B, B A, …), each in a fresh worker through
 * the page client, and keeps the queue's state for the host to render. Cancel
 * aborts the running job (its worker is terminated) and skips the rest; the
 * finished jobs stay. Leaving the page (host disconnected) cancels too.
 */
export class RunController implements ReactiveController {
  plan: RunPlan | null = null;
  slots: JobSlot[] = [];
  live: LiveJob | null = null;
  running = false;
  startedAt = '';
  private abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
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
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.slots = interleavedPlan(plan.variants.length, plan.repetitions).map((job) => ({ ...job, status: 'queued', phase: null, fraction: 0, result: null }));
    this.host.requestUpdate();
    for (const [index, slot] of this.slots.entries()) {
      if (signal.aborted) break;
      slot.status = 'running';
      this.live = { slot: index, stepMs: [], loss: [], servingMs: [] };
      this.host.requestUpdate();
      const spec = plan.variants[slot.variant]?.spec;
      const result = await runJob(spec, { signal, onProgress: (event) => this.onProgress(slot, event) });
      slot.result = result;
      slot.status = result.error === null ? 'done' : result.error.code === 'cancelled' ? 'cancelled' : 'failed';
      slot.fraction = 1;
      this.host.requestUpdate();
    }
    for (const slot of this.slots) if (slot.status === 'queued') slot.status = 'cancelled';
    this.running = false;
    this.abort = null;
    this.host.requestUpdate();
    const jobs: RunJob[] = this.slots
      .filter((slot) => slot.result !== null && slot.status !== 'cancelled')
      .map((slot) => ({ variant: slot.variant, repetition: slot.repetition, result: slot.result as JobResult }));
    if (jobs.length === 0) return null;
    return { title: plan.title, createdAt: this.startedAt, threshold: plan.threshold, repetitions: plan.repetitions, variants: [...plan.variants], jobs };
  }

  /** Terminates the running job's worker and skips the queued ones. */
  cancel(): void {
    this.abort?.abort();
  }

  private onProgress(slot: JobSlot, event: JobProgress): void {
    const live = this.live;
    switch (event.kind) {
      case 'phase': {
        slot.phase = event.phase;
        slot.fraction = Math.max(slot.fraction, Math.min(PHASE_COUNT, (slot.phase === 'first-step' ? PHASE_COUNT : phaseIndex(event.phase) + 1)) / PHASE_COUNT * 0.3);
        break;
      }
      case 'step':
        live?.stepMs.push(event.ms);
        live?.loss.push(event.loss);
        slot.fraction = 0.3 + ((event.index + 1) / event.total) * 0.5;
        break;
      case 'serving':
        live?.servingMs.push(event.ms);
        slot.fraction = 0.8 + ((event.index + 1) / Math.max(1, event.total)) * 0.2;
        break;
      default:
        assertNever(event, 'progress event');
    }
    this.host.requestUpdate();
  }
}

const ORDER: readonly PhaseName[] = ['spawn', 'import', 'backend', 'build', 'data', 'first-step'];
function phaseIndex(name: PhaseName): number {
  return Math.max(0, ORDER.indexOf(name));
}

