import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { AnatomyResult } from '../src/core/result.ts';
import { nowAbsMs } from '../src/core/clock.ts';
import { kernelTimerProblem, profileKernels } from './kernel-time.ts';
import type { ModelSession } from './model-session.ts';
import type { Batch } from './workloads/types.ts';
import { messageOf } from '../src/core/errors.ts';

/** Steps tf.time() runs for the GPU part (each one is a separate, slower, profiled step). */
const GPU_TIMED_STEPS = 3;

/** One measured step split at the moment its kernels were enqueued. */
export interface MeasuredSplit {
  readonly wallMs: number;
  readonly dispatchMs: number;
  readonly waitMs: number;
}

/**
 * Step anatomy: for the measured steps (or, with syncEvery > 1, spec.anatomySteps separate steps), the synchronous optimizer.minimize
 * call (JS dispatch: kernels enqueued) and then the wait for the loss (read-back
 * wait); wall = dispatch + wait by construction. Then, on separate steps, GPU
 * time from tf.time() (a part of the wait, not an extra part) and the kernels
 * of one tf.profile()d step.
 */
export async function measureAnatomy(
  session: ModelSession,
  batchAt: (index: number) => Batch,
  measured: readonly MeasuredSplit[] = [],
): Promise<AnatomyResult> {
  const { spec } = session;
  // The measured steps themselves, when they were split (syncEvery 1): their parts add up to the very
  // step times the result reports. Otherwise (windows of several steps) anatomySteps separate steps.
  const wallMs: number[] = measured.map((m) => m.wallMs);
  const dispatchMs: number[] = measured.map((m) => m.dispatchMs);
  const waitMs: number[] = measured.map((m) => m.waitMs);
  for (let i = 0; measured.length === 0 && i < spec.anatomySteps; i++) {
    const startMs = performance.now();
    const cost = session.dispatchStep(batchAt(i));
    const dispatchedMs = performance.now();
    try {
      await session.readBack(cost);
    } finally {
      cost.dispose();
    }
    const endMs = performance.now();
    dispatchMs.push(dispatchedMs - startMs);
    waitMs.push(endMs - dispatchedMs);
    wallMs.push(endMs - startMs);
  }
  return { wallMs, dispatchMs, waitMs, gpu: await gpuPart(session, batchAt), kernels: await kernelList(session, batchAt) };
}

async function gpuPart(session: ModelSession, batchAt: (index: number) => Batch): Promise<AnatomyResult['gpu']> {
  const { tf, spec } = session;
  if (!BACKEND_CAPABILITIES[spec.backend].gpu) {
    return { available: false, reason: `no GPU on ${spec.backend}: kernels run on the CPU, inside dispatch` };
  }
  const timed = await profileKernels(tf, { ...spec, profileSteps: Math.min(GPU_TIMED_STEPS, spec.anatomySteps) }, () => {
    session.dispatchStep(batchAt(0)).dispose();
  });
  if (!timed.available) return { available: false, reason: timed.reason };
  return {
    available: true,
    source: timed.source,
    msPerStep: timed.samplesMs,
    quantumMs: timed.source === 'gpu-timestamp' && timed.samplesMs.every(onTenthMsGrid) ? 0.1 : null,
    note: `${timed.note}; ${timed.samplesMs.every(onTenthMsGrid) ? 'values on a 100 µs grid' : 'values finer than 100 µs here (not quantised)'}; measured on separate profiled steps; a part of the read-back wait`,
  };
}

function onTenthMsGrid(ms: number): boolean {
  return Math.abs(ms * 10 - Math.round(ms * 10)) < 1e-6;
}

async function kernelList(session: ModelSession, batchAt: (index: number) => Batch): Promise<AnatomyResult['kernels']> {
  const { tf, spec } = session;
  const timerAvailable = tf.backend().timerAvailable();
  const startAbsMs = nowAbsMs();
  let info: Awaited<ReturnType<typeof tf.profile>>;
  try {
    info = await tf.profile(() => session.dispatchStep(batchAt(1)));
  } catch (error) {
    return { available: false, reason: `tf.profile failed: ${messageOf(error)}`, names: [] };
  }
  const stepMs = nowAbsMs() - startAbsMs;
  tf.dispose(info.result);
  const names = info.kernels.map((kernel) => kernel.name);
  const problem = kernelTimerProblem(tf, spec);
  if (problem !== null) return { available: false, reason: problem, names };
  const list: { name: string; ms: number }[] = [];
  for (const kernel of info.kernels) {
    const ms: unknown = kernel.kernelTimeMs;
    if (typeof ms !== 'number') {
      const reason = ms !== null && typeof ms === 'object' && 'error' in ms ? String(ms.error) : 'tf.profile gave no time for a kernel';
      return { available: false, reason, names };
    }
    list.push({ name: kernel.name, ms });
  }
  const backend = BACKEND_CAPABILITIES[spec.backend];
  // A GPU backend without its timer times each kernel on the CPU with a sync after it.
  const synced = backend.gpu && !timerAvailable;
  return {
    available: true,
    source: synced ? 'synced-wall' : backend.kernelTimer,
    note: `${synced ? SYNCED_WALL_NOTE : backend.kernelListNote}; one profiled step`,
    stepStartMs: startAbsMs,
    stepMs,
    list,
  };
}

const SYNCED_WALL_NOTE = 'no GPU timer here: each kernel timed on the CPU with a read-back after it, so every time includes a sync';
