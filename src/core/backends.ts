/**
 * The backend capability table: what each tfjs backend can do, in one place, so call sites
 * look a capability up instead of asking `backend === …` (tfjs registers kernels and flags per
 * backend the same way: kernel_registry.ts, flags_webgpu.ts). A new backend is its name in
 * BACKENDS, one entry here and one module loader in workers/backends.ts.
 */
/** The tfjs backends a job can ask for. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Where a kernel time comes from: GPU timestamp queries, WebGL's timer query, or the CPU clock around synchronous kernels. */
export const KERNEL_TIMER_SOURCES = ['gpu-timestamp', 'webgl-timer-query', 'cpu-timer'] as const;
export type KernelTimerSource = (typeof KERNEL_TIMER_SOURCES)[number];

/**
 * When a batch's data reaches the device: `explicit` — firstbatch copies it to GPU buffers and
 * waits, inside the `data` phase (and before timing for later batches and serving inputs);
 * `first-kernel` — the first kernel that reads the tensor uploads it, because that kernel picks
 * the texture layout (WebGL packing); uploading earlier in another layout would make every step
 * convert it; `host` — the data is in the backend's memory once the tensor is made.
 */
export type UploadTiming = 'explicit' | 'first-kernel' | 'host';

/** What the environment describes about the device: a WebGPU adapter, a WebGL context, or nothing (CPU backends). */
export type DeviceDescription = 'webgpu-adapter' | 'webgl-context' | 'none';

export interface BackendCapabilities {
  /** For people: reports, tables. */
  readonly label: string;
  /** Kernels run on a GPU (asynchronously: a step is done only when its values are read back). */
  readonly gpu: boolean;
  /**
   * tfjs exposes a WebGPU GPUDevice: the model session watches it for loss and uncaptured errors,
   * a batch is checked against its storage-binding limit, and a deliberate device loss is possible.
   */
  readonly gpuDevice: boolean;
  /** The tf.time() source of kernel time. */
  readonly kernelTimer: KernelTimerSource;
  /** How that kernel time is obtained, for the result's note. */
  readonly kernelTimerNote: string;
  /** The same for one tf.profile()d kernel list. */
  readonly kernelListNote: string;
  /** A device feature the kernel timer needs (tf.time() gives nothing without it), or null. */
  readonly kernelTimerNeeds: 'timestamp-query' | null;
  /** The tfjs flag that makes kernels compile without running (the `compile` phase); null where nothing is compiled. */
  readonly compileOnlyFlag: string | null;
  /** Backend methods that finish a compile-only pass, in order (tfjs-core's KernelBackend does not declare them). */
  readonly compileCompletion: readonly string[];
  /** tfjs flags set before the spec's own (which override them), with the reason. */
  readonly defaultFlags: Readonly<Record<string, boolean>>;
  /** What the result's environment describes. */
  readonly device: DeviceDescription;
  /** When a batch's data reaches the device. */
  readonly upload: UploadTiming;
  /** The tfjs flag that, set true, makes a CPU backend compute on several threads; null where it has none. */
  readonly threadsFlag: string | null;
}

/** The backend every other backend's outputs are checked against (the agreement check): plain JavaScript. */
export const REFERENCE_BACKEND: BackendName = 'cpu';

const CPU_TIMER_NOTE = 'kernels run synchronously on the CPU: time spent inside them, measured with performance.now()';
const CPU_LIST_NOTE = 'kernels run synchronously on the CPU: time inside each, by performance.now()';

export const BACKEND_CAPABILITIES: Readonly<Record<BackendName, BackendCapabilities>> = {
  webgpu: {
    label: 'WebGPU',
    gpu: true,
    gpuDevice: true,
    kernelTimer: 'gpu-timestamp',
    kernelTimerNote: 'sum of per-kernel GPU timestamp intervals; Chrome quantises timestamps to 100 µs unless WebGPU developer features are on',
    kernelListNote: 'GPU timestamp interval per kernel (Chrome quantises timestamps to 100 µs)',
    kernelTimerNeeds: 'timestamp-query',
    compileOnlyFlag: 'WEBGPU_ENGINE_COMPILE_ONLY',
    // createComputePipelineAsync for every pipeline the pass created.
    compileCompletion: ['checkCompileCompletionAsync'],
    defaultFlags: {},
    device: 'webgpu-adapter',
    upload: 'explicit',
    threadsFlag: null,
  },
  webgl: {
    label: 'WebGL',
    gpu: true,
    gpuDevice: false,
    kernelTimer: 'webgl-timer-query',
    kernelTimerNote: 'sum of EXT_disjoint_timer_query intervals',
    kernelListNote: 'EXT_disjoint_timer_query interval per kernel',
    kernelTimerNeeds: null,
    compileOnlyFlag: 'ENGINE_COMPILE_ONLY',
    // KHR_parallel_shader_compile where present, then the uniform locations compile-only skipped.
    compileCompletion: ['checkCompileCompletionAsync', 'getUniformLocations'],
    defaultFlags: {},
    device: 'webgl-context',
    upload: 'first-kernel',
    threadsFlag: null,
  },
  wasm: {
    label: 'WebAssembly',
    gpu: false,
    gpuDevice: false,
    kernelTimer: 'cpu-timer',
    kernelTimerNote: CPU_TIMER_NOTE,
    kernelListNote: CPU_LIST_NOTE,
    kernelTimerNeeds: null,
    compileOnlyFlag: null,
    compileCompletion: [],
    // The threaded build's pthread workers break in a minified build; threads stay an explicit flag.
    defaultFlags: { WASM_HAS_MULTITHREAD_SUPPORT: false },
    device: 'none',
    upload: 'host',
    threadsFlag: 'WASM_HAS_MULTITHREAD_SUPPORT',
  },
  cpu: {
    label: 'CPU (JavaScript)',
    gpu: false,
    gpuDevice: false,
    kernelTimer: 'cpu-timer',
    kernelTimerNote: CPU_TIMER_NOTE,
    kernelListNote: CPU_LIST_NOTE,
    kernelTimerNeeds: null,
    compileOnlyFlag: null,
    compileCompletion: [],
    defaultFlags: {},
    device: 'none',
    upload: 'host',
    threadsFlag: null,
  },
};

/** Whether a spec's precompile asks for anything on this backend (a compile-only pass needs a compile-only flag). */
export function precompiles(backend: BackendName): boolean {
  return BACKEND_CAPABILITIES[backend].compileOnlyFlag !== null;
}

/** Backends with a capability, for messages such as 'device-lost needs backend "webgpu"'. */
export function backendsWith(has: (capabilities: BackendCapabilities) => boolean): BackendName[] {
  return BACKENDS.filter((name) => has(BACKEND_CAPABILITIES[name]));
}
