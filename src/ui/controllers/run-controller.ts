import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { version } from '../../../package.json';
import { runJob } from '../../client/run-job.ts';
import type { DevicePeak } from '../../core/efficiency/peak.ts';
import type { JobProgress } from '../../core/page-api.ts';
import { TTFB_PHASES, type PhaseName } from '../../core/phases.ts';
import type { JobResult } from '../../core/result.ts';
import { comparisonSuiteOf, RunCancelledError, runSuite, type JobTicket, type RunnerContext } from '../../core/runner/index.ts';
import { interleavedPlan, type Run, type RunJob, type RunVariant } from '../../core/share/run.ts';
import type { JobSpec } from '../../core/spec.ts';
import { assertNever } from '../../core/assert.ts';

/** What the user asked to run: variants of a comparison, each repeated. */
export interface RunPlan {
  readonly title: string;
  readonly threshold: string;
  readonly repetitions: number;
  readonly variants: readonly RunVariant[];
  /** Auto-sampling: add rounds until every difference is resolved or this many seconds are spent; none runs `repetitions` rounds. */
  readonly budgetSeconds?: number;
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

/**
 * Runs a plan through the suite runner (src/core/runner) as a comparison suite: interleaved
 * rounds (A B, B A, …), each job in a fresh worker through the page client, and keeps the queue's
 * state for the host to render. Cancel aborts the running job (its worker is terminated) and
 * skips the rest; the finished jobs stay. Leaving the page (host disconnected) cancels too.
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
    this.slots = [];
    this.queueUpTo(plan.repetitions * plan.variants.length);
    this.host.requestUpdate();
    const context: RunnerContext = {
      runJob: (spec, job) => this.runSlot(spec, job, signal),
      runServing: () => Promise.reject(new Error('serving suites run in the Serving tab')),
      now: () => performance.now(),
      hostInfo: () => null,
      progress: { setTotal: (jobCount) => this.queueUpTo(jobCount), note: () => undefined, finish: () => undefined },
      signal,
      toolVersion: version,
      async measurePeak(backend) {
        const { measurePeak } = await import('../../client/peak.ts');
        return measurePeak(backend);
      },
    };
    const suite = comparisonSuiteOf({
      name: plan.title,
      variants: plan.variants,
      repetitions: plan.repetitions,
      threshold: plan.threshold,
      ...(plan.budgetSeconds !== undefined ? { budgetSeconds: plan.budgetSeconds } : {}),
    });
    let peaks: DevicePeak[] = [];
    try {
      const outcome = await runSuite(suite, context);
      peaks = 'peaks' in outcome.file ? (outcome.file.peaks ?? []) : [];
    } catch (error) {
      // The run is its jobs (below); a summary that failed loses none of them.
      if (!(error instanceof RunCancelledError)) console.warn('firstbatch: the run ended with an error', error);
    }
    for (const slot of this.slots) if (slot.status === 'queued') slot.status = 'cancelled';
    this.running = false;
    this.abort = null;
    this.host.requestUpdate();
    const jobs: RunJob[] = this.slots
      .filter((slot) => slot.result !== null && slot.status !== 'cancelled')
      .map((slot) => ({ variant: slot.variant, repetition: slot.repetition, result: slot.result as JobResult }));
    if (jobs.length === 0) return null;
    return { title: plan.title, createdAt: this.startedAt, threshold: plan.threshold, repetitions: plan.repetitions, variants: [...plan.variants], ...(peaks.length > 0 ? { peaks } : {}), jobs };
  }

  /** Terminates the running job's worker and skips the queued ones. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Queues slots up to `jobCount` jobs, in the runner's order (auto-sampling plans more as it goes). */
  private queueUpTo(jobCount: number): void {
    const variantCount = this.plan?.variants.length ?? 0;
    if (variantCount === 0 || jobCount <= this.slots.length) return;
    const planned = interleavedPlan(variantCount, Math.ceil(jobCount / variantCount));
    for (const job of planned.slice(this.slots.length)) this.slots.push({ ...job, status: 'queued', phase: null, fraction: 0, result: null });
    this.host.requestUpdate();
  }

  /** Runs one of the runner's jobs in its slot, with live progress. */
  private async runSlot(spec: JobSpec, job: JobTicket, signal: AbortSignal): Promise<JobResult> {
    let index = this.slots.findIndex((s) => s.variant === job.variantIndex && s.repetition === job.round);
    if (index < 0) index = this.slots.push({ variant: job.variantIndex, repetition: job.round, status: 'queued', phase: null, fraction: 0, result: null }) - 1;
    const slot = this.slots[index]!;
    slot.status = 'running';
    this.live = { slot: index, stepMs: [], loss: [], servingMs: [] };
    this.host.requestUpdate();
    const result = await runJob(spec, { signal, onProgress: (event) => this.onProgress(slot, event) });
    slot.result = result;
    slot.status = result.error === null ? 'done' : result.error.code === 'cancelled' ? 'cancelled' : 'failed';
    slot.fraction = 1;
    this.host.requestUpdate();
    return result;
  }

  private onProgress(slot: JobSlot, event: JobProgress): void {
    const live = this.live;
    switch (event.kind) {
      case 'phase': {
        // Phases a job skips (compile, without precompile) simply move the bar further.
        slot.phase = event.phase;
        slot.fraction = Math.max(slot.fraction, ((TTFB_PHASES.indexOf(event.phase) + 1) / TTFB_PHASES.length) * 0.3);
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
