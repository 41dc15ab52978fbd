/** The shapes of a run in the app: the plan, its job slots and the state the plan's runner keeps current. */
import type { ReactiveControllerHost } from 'lit';
import type { PhaseName } from '../../core/phases.ts';
import type { JobResult } from '../../core/result.ts';
import type { RunVariant } from '../../core/share/run.ts';

/** What the user asked to run: variants of a comparison, each repeated. */
export interface RunPlan {
  readonly title: string;
  readonly threshold: string;
  readonly repetitions: number;
  readonly variants: readonly RunVariant[];
  /** Auto-sampling: add rounds until every difference is resolved or this many seconds are spent; none runs `repetitions` rounds. */
  readonly budgetSeconds?: number;
}

type SlotStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobSlot {
  readonly variant: number;
  readonly repetition: number;
  status: SlotStatus;
  /** The last TTFB phase finished, while the job is in its first batch. */
  phase: PhaseName | null;
  /** 0…1: phases count for 30%, measured steps for 50%, serving queries for 20%. */
  fraction: number;
  result: JobResult | null;
  /** Page clock (performance.now) when the job started and ended. */
  startedMs: number | null;
  endedMs: number | null;
}

/** Live measurements of the running job, for the charts. */
export interface LiveJob {
  readonly slot: number;
  readonly stepMs: number[];
  readonly loss: number[];
  readonly servingMs: number[];
}

/** What run-plan.ts keeps current while a plan runs (the RunController is it), for the host to render. */
export interface RunState {
  readonly host: ReactiveControllerHost;
  plan: RunPlan | null;
  slots: JobSlot[];
  live: LiveJob | null;
  startedAt: string;
  more: boolean;
  notes: string[];
  error: string | null;
}
