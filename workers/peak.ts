/**
 * The device's peak on the job's backend, measured with tfjs kernels (src/core/efficiency/peak.ts):
 * a square matmul sweep for FLOP/s and an elementwise add for bandwidth, each timed to a scalar
 * read back (a sum: 1/n of the work), one untimed run first so compilation is not counted.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import { PEAK_DEFAULTS } from '../src/core/defaults.ts';
import { addSumBytes, matmulFlops, type DevicePeak } from '../src/core/efficiency/peak.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { collectEnv } from './env.ts';
import { activateBackend, importTf, type Tf } from './load-tf.ts';

export async function measurePeak(spec: JobSpec): Promise<DevicePeak> {
  const tf = await importTf(spec);
  await activateBackend(tf, spec);
  const matmul: DevicePeak['matmul'] = [];
  for (const n of PEAK_DEFAULTS.matmulSizes) {
    const [a, b] = [tf.randomUniform([n, n], -1, 1, 'float32', 1), tf.randomUniform([n, n], -1, 1, 'float32', 2)];
    try {
      const ms = await bestOf(tf, () => tf.sum(tf.matMul(a, b)));
      matmul.push({ n, ms, flopsPerSec: (matmulFlops(n) * 1000) / ms });
      if (ms > PEAK_DEFAULTS.stopAfterMs) break;
    } finally {
      tf.dispose([a, b]);
    }
  }
  const elements = PEAK_DEFAULTS.bandwidthElements;
  const [x, y] = [tf.randomUniform([elements], 0, 1, 'float32', 3), tf.randomUniform([elements], 0, 1, 'float32', 4)];
  let bandwidthMs: number;
  try {
    bandwidthMs = await bestOf(tf, () => tf.sum(tf.add(x, y)));
  } finally {
    tf.dispose([x, y]);
  }
  const env = await collectEnv(tf, spec);
  const adapter = env.adapter ? `${env.adapter.vendor}/${env.adapter.architecture}` : env.webgl?.renderer ?? `${BACKEND_CAPABILITIES[spec.backend].label}, ${threadsOf(spec, env.tfjsFlags)} of ${env.hardwareConcurrency} cores`;
  const bytes = addSumBytes(elements);
  return {
    backend: spec.backend,
    flopsPerSec: Math.max(...matmul.map((m) => m.flopsPerSec)),
    matmul,
    bytesPerSec: (bytes * 1000) / bandwidthMs,
    bandwidth: { elements, ms: bandwidthMs, bytes },
    device: `${adapter}${env.softwareRenderer ? ' (software)' : ''}`,
    software: env.softwareRenderer || !BACKEND_CAPABILITIES[spec.backend].gpu,
  };
}

/** The fastest of PEAK_DEFAULTS.repetitions timed runs (after one untimed run), each to its value read back. */
async function bestOf(tf: Tf, op: () => tfc.Tensor): Promise<number> {
  const run = async (): Promise<number> => {
    const start = performance.now();
    const out = tf.tidy(op);
    await out.data();
    out.dispose();
    return performance.now() - start;
  };
  await run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < PEAK_DEFAULTS.repetitions; i++) best = Math.min(best, await run());
  return best;
}

/** How many threads a CPU backend computes on: cpu is JavaScript on one; wasm on one unless its threaded build is switched on. */
function threadsOf(spec: JobSpec, flags: Readonly<Record<string, unknown>>): string {
  const threadsFlag = BACKEND_CAPABILITIES[spec.backend].threadsFlag;
  if (threadsFlag !== null && flags[threadsFlag] === true) return 'threaded';
  return '1 thread';
}
