import type * as tfc from '@tensorflow/tfjs-core';
import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { BackendName, JobSpec } from '../src/core/spec.ts';
import { BACKEND_MODULES } from './backends.ts';
import { JobFailure } from './job-failure.ts';
import { messageOf } from '../src/core/errors.ts';

export type Tf = typeof tfc;

/** The `import` phase: tfjs (whole bundle, or core alone when lean) plus the backend module. */
export async function importTf(spec: JobSpec): Promise<Tf> {
  const tf: Tf = spec.importMode === 'lean' ? await import('@tensorflow/tfjs-core') : await import('@tensorflow/tfjs');
  // tfjs-core alone registers no gradients; training needs them (the full bundle registers them itself).
  if (spec.importMode === 'lean') await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  await BACKEND_MODULES[spec.backend]();
  return tf;
}

/**
 * The `backend` phase: applies the spec's tfjs flags, then setBackend + ready.
 * tfjs quietly falls back to another backend when one fails; here that is an error.
 */
export async function activateBackend(tf: Tf, spec: JobSpec): Promise<void> {
  // The backend's own defaults first (see src/core/backends.ts for why), then the spec's flags over them.
  for (const [flag, value] of Object.entries({ ...BACKEND_CAPABILITIES[spec.backend].defaultFlags, ...spec.flags })) {
    try {
      tf.env().set(flag, value);
    } catch (error) {
      throw new JobFailure('bad-flag', `tfjs flag ${flag} cannot be set: ${messageOf(error)}`);
    }
  }
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(messageOf).join(' '));
    originalWarn.apply(console, args);
  };
  let succeeded = false;
  let thrown: unknown;
  try {
    succeeded = await tf.setBackend(spec.backend);
    await tf.ready();
  } catch (error) {
    thrown = error;
  } finally {
    console.warn = originalWarn;
  }
  if (succeeded && thrown === undefined && tf.getBackend() === spec.backend) return;
  const reason = (await diagnose(spec.backend)) ?? (thrown !== undefined ? messageOf(thrown) : warnings.join(' ') || 'tfjs did not say why');
  throw new JobFailure('backend-unavailable', `backend ${spec.backend} unavailable: ${reason}`);
}

/** Why a WebGPU backend could not start, when the platform can say; other backends have no such probe. */
async function diagnose(backend: BackendName): Promise<string | undefined> {
  if (BACKEND_CAPABILITIES[backend].device !== 'webgpu-adapter') return undefined;
  if (!('gpu' in navigator)) return 'navigator.gpu is missing (WebGPU is off; Chromium on Linux needs --enable-unsafe-webgpu)';
  const adapter = await navigator.gpu.requestAdapter().catch(() => null);
  return adapter === null ? 'no WebGPU adapter (navigator.gpu.requestAdapter() returned null)' : undefined;
}

