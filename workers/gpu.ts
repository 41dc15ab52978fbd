import type { AdapterInfo } from '../src/core/result.ts';
import type { Tf } from './load-tf.ts';

/** The GPUDevice behind tfjs's active backend, when it is webgpu. */
export function gpuDeviceOf(tf: Tf): GPUDevice | null {
  const backend: unknown = tf.backend();
  if (typeof GPUDevice === 'undefined' || backend === null || typeof backend !== 'object') return null;
  const device: unknown = 'device' in backend ? backend.device : null;
  return device instanceof GPUDevice ? device : null;
}

/** Whether tfjs's webgpu backend got a device with timestamp queries (what tf.time() needs). */
export function backendHasTimestampQuery(tf: Tf): boolean {
  return gpuDeviceOf(tf)?.features.has('timestamp-query') ?? false;
}

const REPORTED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
] as const;

/**
 * Describes the adapter and device tfjs's webgpu backend actually uses: GPUDevice.adapterInfo
 * (vendor, architecture, isFallbackAdapter as the browser reports it) and the device's own
 * features and limits — never a second requestAdapter(), which may hand out another adapter.
 */
export function describeDevice(device: GPUDevice): AdapterInfo {
  const info: GPUAdapterInfo | undefined = 'adapterInfo' in device ? device.adapterInfo : undefined;
  const fallback: unknown = info && 'isFallbackAdapter' in info ? info.isFallbackAdapter : undefined;
  const limits: Record<string, number> = {};
  for (const name of REPORTED_LIMITS) limits[name] = device.limits[name];
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: typeof fallback === 'boolean' ? fallback : null,
    features: [...device.features].map(String).sort(),
    limits,
  };
}

/**
 * Watches a device for loss and for errors nobody captured (tfjs does not push
 * error scopes, so an out-of-memory or validation error would otherwise pass silently).
 */
export interface DeviceWatch {
  /** Throws if the device was lost or reported an error since the watch began. */
  check(): void;
  /** Rejects when the device is lost, to race against a read-back. */
  readonly lost: Promise<never>;
  /** Stops listening for uncaptured errors (the session that watched is gone). */
  stop(): void;
}

export function watchDevice(device: GPUDevice, fail: (code: 'device-lost' | 'out-of-memory' | 'job-failed', message: string) => Error): DeviceWatch {
  let problem: Error | undefined;
  const lost = device.lost.then((info) => {
    problem ??= fail('device-lost', `GPU device lost (${info.reason}): ${info.message || 'no message'}`);
    throw problem;
  });
  lost.catch(() => undefined);
  const onError = (event: Event): void => {
    const gpuError = (event as GPUUncapturedErrorEvent).error;
    const code = gpuError instanceof GPUOutOfMemoryError ? 'out-of-memory' : 'job-failed';
    problem ??= fail(code, `GPU ${gpuError.constructor.name}: ${gpuError.message}`);
  };
  device.addEventListener('uncapturederror', onError);
  return {
    check() {
      if (problem) throw problem;
    },
    lost,
    stop: () => device.removeEventListener('uncapturederror', onError),
  };
}
