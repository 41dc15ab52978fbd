/**
 * How each backend's tfjs module is loaded in a worker (the `import` phase's backend part).
 * The record's type makes the compiler insist on a loader for every name in BACKENDS; what the
 * backends can do is src/core/backends.ts.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../src/core/spec.ts';

export const BACKEND_MODULES: Readonly<Record<BackendName, () => Promise<void>>> = {
  webgpu: async () => {
    await import('@tensorflow/tfjs-backend-webgpu');
  },
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
  },
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm binaries are bundled by vite; tfjs would otherwise look for them next to the script.
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
    });
  },
};
