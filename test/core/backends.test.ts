import { describe, expect, it } from 'vitest';
import { BACKEND_CAPABILITIES, BACKENDS, backendsWith, precompiles } from '../../src/core/backends.ts';
import { parseJobSpec } from '../../src/core/spec.ts';

describe('the backend capability table', () => {
  it.each(BACKENDS.map((backend) => ({ backend, caps: BACKEND_CAPABILITIES[backend] })))('$backend is consistent with itself', ({ backend, caps }) => {
    expect(caps.label.length, 'labelled').toBeGreaterThan(0);
    expect(caps.kernelTimer === 'cpu-timer', 'a CPU timer exactly where kernels run on the CPU').toBe(!caps.gpu);
    expect(precompiles(backend), 'compile-only passes exist on GPU backends only').toBe(caps.gpu);
    expect(caps.compileCompletion.length > 0, 'a compile-only pass is followed by waiting for it').toBe(caps.compileOnlyFlag !== null);
    if (caps.gpuDevice) expect(caps.gpu, 'a GPU device means GPU kernels').toBe(true);
  });

  it('names the backends a capability needs in the spec\'s message', () => {
    expect(backendsWith((b) => b.gpuDevice)).toEqual(['webgpu']);
    expect(() => parseJobSpec({ backend: 'wasm', fault: 'device-lost' })).toThrow('fault device-lost needs backend "webgpu"');
  });
});
