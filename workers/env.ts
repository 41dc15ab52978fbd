import { BACKEND_CAPABILITIES, BACKENDS, type BackendName } from '../src/core/backends.ts';
import type { Env } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { measureTimerResolutionMs } from './clock.ts';
import { describeDevice, gpuDeviceOf } from './gpu.ts';
import type { Tf } from './load-tf.ts';

/** WebGL reports no fallback flag: its renderer string names software rasterisers. */
const SOFTWARE_WEBGL_RENDERER = /swiftshader|llvmpipe|lavapipe|software|softpipe/i;

/**
 * The environment a result carries. Collected after the timed work, so it costs the job
 * nothing. The backend is the one tfjs runs (tf.getBackend()), not the one the spec asked for;
 * the adapter is the one behind tfjs's device.
 */
export async function collectEnv(tf: Tf | null, spec: JobSpec): Promise<Env> {
  const backend = tf ? backendOf(tf.getBackend()) : null;
  const { device } = BACKEND_CAPABILITIES[backend ?? spec.backend];
  const gpuDevice = tf && backend !== null && device === 'webgpu-adapter' ? gpuDeviceOf(tf) : null;
  const adapter = gpuDevice ? describeDevice(gpuDevice) : null;
  const webgl = backend !== null && device === 'webgl-context' ? describeWebgl() : null;
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    backend,
    tfjsVersion: tf?.version_core ?? 'not loaded',
    tfjsFlags: tf ? flagsOf(tf) : {},
    adapter,
    webgl,
    softwareRenderer: adapter?.isFallbackAdapter === true || SOFTWARE_WEBGL_RENDERER.test(webgl?.renderer ?? ''),
    timerResolutionMs: measureTimerResolutionMs(),
    crossOriginIsolated: self.crossOriginIsolated,
    workerFetches: workerFetches(),
    date: new Date().toISOString(),
  };
}

function backendOf(name: string | null | undefined): BackendName | null {
  return BACKENDS.find((known) => known === name) ?? null;
}

function flagsOf(tf: Tf): Env['tfjsFlags'] {
  const flags: Env['tfjsFlags'] = {};
  for (const [name, value] of Object.entries(tf.env().getFlags())) {
    // Infinity does not survive JSON; tfjs uses it for "no limit".
    if (typeof value === 'number' && !Number.isFinite(value)) flags[name] = String(value);
    else if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string' || value === null) flags[name] = value;
  }
  return flags;
}

function describeWebgl(): Env['webgl'] {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = debug ? gl.getParameter(debug.UNMASKED_VENDOR_WEBGL) : gl.getParameter(gl.VENDOR);
  const renderer = debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return {
    vendor: String(vendor),
    renderer: String(renderer),
    version: String(gl.getParameter(gl.VERSION)),
    disjointTimerQuery: gl.getExtension('EXT_disjoint_timer_query_webgl2') !== null,
  };
}

/** The worker's own fetches so far (its dynamic imports and wasm), from resource timing. */
function workerFetches(): NonNullable<Env['workerFetches']> {
  const entries = performance.getEntriesByType('resource').filter((e): e is PerformanceResourceTiming => 'transferSize' in e);
  return {
    count: entries.length,
    // Less crossed the network than the body: the HTTP cache served it (fresh, or revalidated by a 304).
    fromCache: entries.filter((e) => e.encodedBodySize > 0 && e.transferSize < e.encodedBodySize).length,
    transferredBytes: entries.reduce((sum, e) => sum + e.transferSize, 0),
  };
}
