import { BACKEND_CAPABILITIES } from '../src/core/backends.ts';
import type { Env } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { measureTimerResolutionMs } from './clock.ts';
import { describeAdapter } from './gpu.ts';
import type { Tf } from './load-tf.ts';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|software|softpipe/i;

/** The environment a result carries. Collected after the timed work, so it costs the job nothing. */
export async function collectEnv(tf: Tf | null, spec: JobSpec): Promise<Env> {
  const { device } = BACKEND_CAPABILITIES[spec.backend];
  const adapter = device === 'webgpu-adapter' ? await describeAdapter() : null;
  const webgl = device === 'webgl-context' ? describeWebgl() : null;
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    backend: spec.backend,
    tfjsVersion: tf?.version_core ?? 'not loaded',
    tfjsFlags: tf ? flagsOf(tf) : {},
    adapter,
    webgl,
    softwareRenderer: (adapter?.isFallbackAdapter ?? false) || SOFTWARE_RENDERER.test(webgl?.renderer ?? ''),
    timerResolutionMs: measureTimerResolutionMs(),
    crossOriginIsolated: self.crossOriginIsolated,
    date: new Date().toISOString(),
  };
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
