/**
 * Every tunable default of firstbatch, each with the reason for its value.
 * Change a number here and the CLI, the web app and share links follow.
 */
export const DEFAULTS = {
  /** mlp is the MNIST-shaped baseline everybody knows. */
  workload: 'mlp',
  /** The product's subject; other backends are baselines. */
  backend: 'webgpu',
  /** A common minibatch size; small enough for a software adapter. */
  batchSize: 64,
  /** Measured steps: enough for a stable median without making a job slow on a software adapter. */
  steps: 20,
  /** Steps run and discarded after the first, so caches and allocators settle before sampling. */
  warmupSteps: 3,
  /** Main hidden width of the workload (the size knob). */
  width: 128,
  /** Any fixed seed makes runs comparable; 1 is as good as any. */
  seed: 1,
  /** Adam's usual learning rate for small synthetic tasks; every workload learns with it. */
  learningRate: 0.01,
  /** SingleStream queries after the cold one: enough for a p90, not enough to bore. */
  servingQueries: 20,
  /** Batch 1 is MLPerf SingleStream's default. */
  servingBatchSize: 1,
  /** 1 = read back every step (per-step latency); N > 1 = throughput over windows of N steps. */
  syncEvery: 1,
  /** Extra steps run under tf.time() for kernel time; kept apart from the wall-time samples. */
  profileSteps: 3,
  /** Per-job limit: a software adapter's first webgpu step takes ~6 s; 2 min leaves ample room. */
  timeoutMs: 120_000,
  /** The whole @tensorflow/tfjs bundle is what most users import. */
  importMode: 'full',
  /** Off: a cold worker is what a first visit gets; on = a pool's worker already imported tfjs and started the backend. */
  prewarm: false,
  /** Off: tfjs compiles pipelines lazily inside the first step; on = a compile-only pass with parallel async compilation first. */
  precompile: false,
  /** Off: nothing compiled before submission; on (needs prewarm) = the pool's worker already ran a step of these shapes. */
  warmPipelineCache: false,
  /** Off: the first batch is made after the model; on = a helper worker makes it while tfjs loads and the model builds. */
  overlapData: false,
  /** Off (0): anatomy steps and tf.profile add seconds per job on a software adapter; ask for them when you want the breakdown. */
  anatomySteps: 0,
} as const;

/** Limits of the spec's numeric fields: wide enough for real use, narrow enough to catch typos. */
export const LIMITS = {
  batchSize: { min: 1, max: 1_048_576 },
  steps: { min: 1, max: 100_000 },
  warmupSteps: { min: 0, max: 10_000 },
  width: { min: 8, max: 4096 },
  seed: { min: 0, max: 4_294_967_295 },
  learningRate: { min: 1e-6, max: 10 },
  servingQueries: { min: 0, max: 100_000 },
  servingBatchSize: { min: 1, max: 65_536 },
  syncEvery: { min: 1, max: 1000 },
  profileSteps: { min: 0, max: 100 },
  timeoutMs: { min: 1000, max: 3_600_000 },
  anatomySteps: { min: 0, max: 100 },
} as const;

/** How many distinct batches the step loop cycles through (made before timing starts). */
export const BATCH_RING_SIZE = 8;

/** How many timer reads to take when measuring the clock's resolution. */
export const TIMER_PROBE_READS = 20_000;
