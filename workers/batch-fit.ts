import type { JobSpec } from '../src/core/spec.ts';
import { JobFailure } from './job-failure.ts';
import type { ModelSession } from './model-session.ts';
import { disposeBatch } from './workloads/types.ts';

/**
 * A batch whose largest tensor exceeds the device's storage-binding limit
 * cannot be trained on; say so instead of letting the GPU fail silently.
 */
export function checkBatchFits(device: GPUDevice, spec: JobSpec, session: ModelSession): void {
  const probe = session.makeBatch(0, 1);
  const largestBytesPerExample = Math.max(...[...probe.inputs, probe.labels].map((t) => t.size * 4));
  disposeBatch(probe);
  const neededBytes = largestBytesPerExample * spec.batchSize;
  const limitBytes = device.limits.maxStorageBufferBindingSize;
  if (neededBytes > limitBytes) {
    throw new JobFailure(
      'out-of-memory',
      `batchSize ${spec.batchSize} needs a ${formatBytes(neededBytes)} tensor, more than this adapter's ` +
        `maxStorageBufferBindingSize of ${formatBytes(limitBytes)}: use a batchSize of at most ${Math.floor(limitBytes / largestBytesPerExample)}`,
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
