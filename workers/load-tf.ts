import type * as tfc from '@tensorflow/tfjs-core';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName, JobSpec } from '../src/core/spec.ts';
import { JobFailure } from './job-failure.ts';
import { messageOf } from '../src/core/errors.ts';

export type Tf = typeof tfc;

/** The `import` phase: tfjs (whole bundle, or core alone when lean) plus the backend module. */
export async function importTf(spec: JobSpec): Promise<Tf> {
  const tf: Tf = spec.importMode === 'lean' ? await import('@tensorflow/tfjs-core') : await import('@tensorflow/tfjs');
  // tfjs-core alone registers no gradients; training needs them (the full bundle registers them itself).
  if (spec.importMode === 'lean') await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  await importBackend(spec.backend);
  return tf;
}

async function importBackend(backend: BackendName): Promise<void> {
  switch (backend) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
      });
      return;
    }
  }
}

/**
 * The `backend` phase: applies the spec's tfjs flags, then setBackend + ready.
 * tfjs quietly falls back to another backend when one fails; here that is an error.
 */
export async function activateBackend(tf: Tf, spec: JobSpec): Promise<void> {
  if (spec.backend === 'wasm' && !('WASM_HAS_MULTITHREAD_SUPPORT' in spec.flags)) {
    // The threaded build's pthread workers break in a minified build; threads stay an explicit flag.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  for (const [flag, value] of Object.entries(spec.flags)) {
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

async function diagnose(backend: BackendName): Promise<string | undefined> {
  if (backend !== 'webgpu') return undefined;
  if (!('gpu' in navigator)) return 'navigator.gpu is missing (WebGPU is off; Chromium on Linux needs --enable-unsafe-webgpu)';
  const adapter = await navigator.gpu.requestAdapter().catch(() => null);
  return adapter === null ? 'no WebGPU adapter (navigator.gpu.requestAdapter() returned null)' : undefined;
}

