import { version } from '../../../package.json';
import { runJob } from '../../client/run-job.ts';
import { assertNever } from '../../core/assert.ts';
import type { SuiteResultFile } from '../../core/compare/index.ts';
import type { DevicePeak } from '../../core/efficiency/peak.ts';
import type { JobProgress } from '../../core/page-api.ts';
import { TTFB_PHASES } from '../../core/phases.ts';
import type { JobResult } from '../../core/result.ts';
import { comparisonSuiteOf, isVariantSuiteFile, RunCancelledError, runSuite, type JobTicket, type RunnerContext } from '../../core/runner/index.ts';
import { interleavedPlan, type Run, type RunJob } from '../../core/share/run.ts';
import type { JobSpec } from '../../core/spec.ts';
import { messageOf } from '../../core/errors.ts';
import type { JobSlot, RunPlan, RunState } from './run-state.ts';

/**
 * Runs a plan through the suite runner (src/core/runner) as a comparison suite — interleaved
 * rounds (A B, B A, …), auto-sampling with the CLI's stopping rule when the plan has a budget —
 * each job in a fresh worker through the page client, keeping the controller's queue current.
 */
export async function executePlan(state: RunState, plan: RunPlan, signal: AbortSignal): Promise<Run | null> {
  const update = (): void => state.host.requestUpdate();
  queueUpTo(state, plan.repetitions * plan.variants.length);
  const context: RunnerContext = {
    runJob: (spec, job) => runSlot(state, spec, job, signal),
    runServing: () => Promise.reject(new Error('serving suites run in the Serving tab')),
    now: () => performance.now(),
    hostInfo: () => null,
    progress: {
      setTotal: (jobCount, more) => {
        state.more = more;
        queueUpTo(state, jobCount);
      },
      note: (line) => {
        state.notes = [...state.notes, line];
        update();
      },
      finish: () => undefined,
    },
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
  let sampling: SuiteResultFile['sampling'];
  let judgement: SuiteResultFile['comparison'];
  let peaks: DevicePeak[] = [];
  try {
    const outcome = await runSuite(suite, context);
    if (isVariantSuiteFile(outcome.file)) ({ sampling, comparison: judgement } = outcome.file);
    peaks = 'peaks' in outcome.file ? (outcome.file.peaks ?? []) : [];
  } catch (error) {
    // The run is its jobs (below); a summary that failed loses none of them.
    if (!(error instanceof RunCancelledError)) state.error = messageOf(error);
  }
  for (const slot of state.slots) if (slot.status === 'queued') slot.status = 'cancelled';
  state.more = false;
  update();
  const jobs: RunJob[] = state.slots
    .filter((slot) => slot.result !== null && slot.status !== 'cancelled')
    .map((slot) => ({ variant: slot.variant, repetition: slot.repetition, result: slot.result as JobResult }));
  if (jobs.length === 0) return null;
  const rounds = Math.max(...jobs.map((job) => job.repetition + 1));
  return {
    title: plan.title,
    createdAt: state.startedAt,
    threshold: plan.threshold,
    repetitions: Math.max(plan.repetitions, sampling?.rounds ?? rounds),
    variants: [...plan.variants],
    ...(peaks.length > 0 ? { peaks } : {}),
    jobs,
    ...(sampling ? { sampling } : {}),
    // What the runner judged, as the CLI would have: the results view shows this.
    ...(judgement ? { judgement } : {}),
  };
}

/** Queues slots up to `jobCount` jobs, in the runner's order (auto-sampling plans more as it goes). */
function queueUpTo(state: RunState, jobCount: number): void {
  const variantCount = state.plan?.variants.length ?? 0;
  if (variantCount === 0 || jobCount <= state.slots.length) return;
  const planned = interleavedPlan(variantCount, Math.ceil(jobCount / variantCount));
  for (const job of planned.slice(state.slots.length)) state.slots.push(emptySlot(job.variant, job.repetition));
  state.host.requestUpdate();
}

const emptySlot = (variant: number, repetition: number): JobSlot => ({ variant, repetition, status: 'queued', phase: null, fraction: 0, result: null, startedMs: null, endedMs: null });

/** Runs one of the runner's jobs in its slot, with live progress. */
async function runSlot(state: RunState, spec: JobSpec, job: JobTicket, signal: AbortSignal): Promise<JobResult> {
  let index = state.slots.findIndex((s) => s.variant === job.variantIndex && s.repetition === job.round);
  if (index < 0) index = state.slots.push(emptySlot(job.variantIndex, job.round)) - 1;
  const slot = state.slots[index]!;
  slot.status = 'running';
  slot.startedMs = performance.now();
  state.live = { slot: index, stepMs: [], loss: [], servingMs: [] };
  state.host.requestUpdate();
  const result = await runJob(spec, { signal, onProgress: (event) => onProgress(state, slot, event) });
  slot.result = result;
  slot.status = result.error === null ? 'done' : result.error.code === 'cancelled' ? 'cancelled' : 'failed';
  slot.fraction = 1;
  slot.endedMs = performance.now();
  state.host.requestUpdate();
  return result;
}

function onProgress(state: RunState, slot: JobSlot, event: JobProgress): void {
  const live = state.live;
  switch (event.kind) {
    case 'phase': {
      // Phases a job skips (compile, without precompile) simply move the bar further.
      slot.phase = event.phase;
      slot.fraction = Math.max(slot.fraction, ((TTFB_PHASES.indexOf(event.phase) + 1) / TTFB_PHASES.length) * 0.3);
      break;
    }
    case 'steps':
      live?.stepMs.push(...event.ms);
      live?.loss.push(...event.loss);
      slot.fraction = 0.3 + ((event.first + event.ms.length) / event.total) * 0.5;
      break;
    case 'queries':
      live?.servingMs.push(...event.ms);
      slot.fraction = 0.8 + ((event.first + event.ms.length) / Math.max(1, event.total)) * 0.2;
      break;
    default:
      assertNever(event, 'progress event');
  }
  state.host.requestUpdate();
}
