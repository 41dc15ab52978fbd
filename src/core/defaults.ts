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
  /**
   * Measured steps: enough for a stable median without making a job slow on a software adapter.
   * 0 measures no step time (TTFB, kernels and serving only); a serving model trains this many steps.
   */
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
  /** auto: a GraphModel serves (it cannot train), everything else trains. */
  mode: 'auto',
  /** On: a backend that computes wrong answers fast must be caught; the cpu re-run costs no measured time. */
  agreement: true,
  /** A fresh context in a running browser: what every job can have, in the CLI and in the page. */
  visit: 'context',
  /** The engine, measuring everything; `bare` is only the yardstick for its overhead. */
  instrumentation: 'full',
  /** No deliberate failure: faults exist to check that a pipeline reports a broken job as its error. */
  fault: 'none',
  /** Off: counting a step's work takes one extra profiled step, and the run measures the device's peak once per backend. */
  efficiency: false,
} as const;

/** Sizes of the device-peak measurement (src/core/efficiency/peak.ts). */
export const PEAK_DEFAULTS = {
  /** Square matmul sizes, smallest first; the sweep stops early once one product takes longer than stopAfterMs. */
  matmulSizes: [128, 256, 512, 1024, 2048],
  stopAfterMs: 1500,
  /** Timed repetitions per size after one untimed (compiling) run; the best counts. */
  repetitions: 3,
  /** Floats of the elementwise add: 4 Mi (16 MB per operand), well past any cache. */
  bandwidthElements: 4 * 1024 * 1024,
} as const;

/** Limits of the spec's numeric fields: wide enough for real use, narrow enough to catch typos. */
export const LIMITS = {
  batchSize: { min: 1, max: 1_048_576 },
  steps: { min: 0, max: 100_000 },
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
  /** A model or job module location: a URL or a path, never a data: URL holding a whole model. */
  locationChars: { min: 1, max: 2048 },
  /** One dimension of a given input shape. */
  dimension: { min: 1, max: 1_048_576 },
} as const;

/** Tunables of user models (model.json + weights, job modules). */
export const MODEL_DEFAULTS = {
  /**
   * Largest synthetic input tensor, in bytes: 1 GiB is beyond any batch a browser tab trains on,
   * and a declared shape of 2^31 elements is refused before anything is allocated.
   */
  maxInputBytes: 2 ** 30,
  /** model.json larger than this is not a model topology (the weights live in the shards). */
  maxModelJsonBytes: 64 * 2 ** 20,
  /** Synthetic float inputs: uniform in [0, 1), the range of normalised pixels. */
  floatRange: { min: 0, max: 1 },
  /** Synthetic int inputs: 0..255 (max exclusive), pixel values; ids need --input-range. */
  intRange: { min: 0, max: 256 },
  /** Batch index of the inputs the serving queries and the agreement check use (apart from training batches). */
  servingBatchIndex: 1000,
  /** The job-module contract version this build runs. */
  jobContract: 1,
} as const;

/** How many distinct batches the step loop cycles through (made before timing starts). */
export const BATCH_RING_SIZE = 8;

/** How many timer reads to take when measuring the clock's resolution. */
export const TIMER_PROBE_READS = 20_000;

/** Tunables of the statistics core. */
export const STATS_DEFAULTS = {
  /** Two-sided confidence level: the convention of benchmarking tools (tachometer, criterion.rs). */
  level: 0.95,
  /**
   * Bootstrap resamples. Efron & Tibshirani (1993, §19.3) ask for >= 1000 for percentile
   * intervals; 2000 keeps the Monte Carlo error of the 2.5% tail small and costs little.
   */
  bootstrapResamples: 2000,
  /** Fewer resamples than this cannot place the 2.5% and 97.5% percentiles meaningfully. */
  bootstrapMinResamples: 100,
  /** Default seed, so a bootstrap interval is the same every time it is computed. */
  bootstrapSeed: 0x5eed,
  /** Modified z-score cut-off recommended by Iglewicz & Hoaglin (1993). */
  madThreshold: 3.5,
  /**
   * Largest sample count (each side) for which the exact Mann–Whitney distribution is used;
   * R's wilcox.test switches to the normal approximation at 50.
   */
  exactMaxSampleCount: 49,
  /**
   * A relative difference's interval whose ratio ends are further apart than this factor (or that
   * reaches −100%, where a time would be ≤ 0) says nothing: Fieller's interval explodes as the
   * baseline mean nears 0 ("−0.5% [−52.5%, +190313.8%]"); it reads "unbounded", as an infinite one does.
   */
  maxInformativeRatioSpan: 100,
} as const;

/** Defaults of comparisons and the CI gate. */
export const COMPARE_DEFAULTS = {
  /**
   * The smallest difference worth a verdict: 5% is above a quiet machine's run-to-run spread of the
   * step median and TTFB (1–3% here) and below what a user notices. A calibration suite uses 10%.
   */
  threshold: '5%',
} as const;

/** Tunables of the suite runner's interleaved rounds (src/core/runner/rounds.ts). */
export const ROUNDS_DEFAULTS = {
  /** Auto-sampling starts from this many rounds: fewer cannot give a useful interval. */
  minAutoSamplingRounds: 3,
  /** Rounds of a suite that names none, and the form's first value: the fewest that give an interval worth reading. */
  repetitions: 3,
  /** Job flags run each combination once unless --repetitions says more: a quick look, values only. */
  jobFlagRepetitions: 1,
  /** The most rounds a run has: a suite's or the CLI's repetitions at most, and where auto-sampling stops whatever the budget. */
  maxRounds: 1000,
  /** The longest auto-sampling budget a suite or the form takes: a day; more is a typo for minutes. */
  maxBudgetSeconds: 86_400,
  /** O'Brien–Fleming-type spending keeps α for the looks with the most data: more power at the same budget (bench/sequential-power.ts). */
  spendingRule: 'obrien-fleming',
} as const;

/** The CLI's browsers. */
export const BROWSER_DEFAULTS = {
  /** How long a remote browser (a Playwright server, a CDP endpoint, a Selenium Grid) may take to answer: a Grid starting a session takes seconds. */
  connectTimeoutMs: 30_000,
} as const;

/** Tunables of the serving scenarios. */
export const SERVING_DEFAULTS = {
  /**
   * A serving model is a job spec: these fields replace the job defaults, then the suite's own
   * fields replace these (the other fields keep DEFAULTS).
   */
  spec: {
    /** ranker is the serving stage of a recommender, the product's production-like case. */
    workload: 'ranker',
    /** Training steps before serving: enough for the hold-out accuracy to beat chance, brief enough to start fast. */
    steps: 40,
    /** Training minibatch. */
    batchSize: 64,
    /** MLPerf's Server and SingleStream send one sample per query. */
    servingBatchSize: 1,
    /** One task for every model of a suite unless it says otherwise: a canary's models differ in weights (seed), not in the data they serve. */
    dataSeed: 1,
  },
  /** Distinct query inputs the worker cycles through (made before timing starts). */
  queryInputs: 16,
  /** MLPerf's SingleStream minimum is 1024 queries and 600 s; a browser check needs far less to see p99. */
  singleStreamMinQueries: 200,
  singleStreamMinDurationMs: 5_000,
  /** Per Server run: MLPerf uses 270,336 queries; 100 gives a p99 from the top 1–2 samples, labelled as such. */
  serverMinQueries: 100,
  serverDurationMs: 10_000,
  /** MLPerf's Server target for small recommendation models is tens of ms; software WebGPU needs a looser one. */
  latencyTargetMs: 100,
  /** The max-QPS search stops when the bracket's ratio is within 15%. */
  qpsRelativeTolerance: 0.15,
  qpsMaxProbes: 8,
  /** A typical first canary step. */
  canaryShare: 0.05,
  /** A Mann–Whitney judgement on fewer samples is mostly noise. */
  minCanaryQueries: 30,
  /** Kayenta's usual "allowed increase" for latency metrics is 10%. */
  latencyTolerance: 0.1,
  /** The candidate gets a small share of traffic; without a warm-up its JIT-compiled kernels lag the baseline's. */
  canaryWarmupQueries: 50,
  maxAccuracyDrop: 0.02,
  minAgreement: 0.9,
  holdoutExamples: 2_000,
  /** Retrieval keeps the top 16 of the catalogue for ranking. */
  topK: 16,
  /** Drift: 200 values per window resolve a 0.5 SD mean shift against a 5,000-value reference; 1% family false-alarm rate per stream. */
  driftWindow: 200,
  driftCheckEvery: 10,
  driftReferenceSize: 5_000,
  driftFamilyAlpha: 0.01,
  driftBins: 10,
  /** Joint detectors (MMD, pair correlations, PCA reconstruction): 100-query windows find a 0.5 SD shift in ~100 queries; 128 kernel centres keep the MMD under 0.1 ms per query. */
  driftJointWindow: 100,
  driftJointCentres: 128,
  /** Expected run time without drift: one false alarm per 10,000 queries on average. */
  driftJointErt: 10_000,
  /** Labels (clicks, fraud verdicts) arrive well after the query; 100 queries is a short delay. */
  driftLabelDelay: 100,
  /** ADWIN on the error stream: δ = 0.002 and a check every 32 updates, River's and MOA's defaults. */
  driftAdwinDelta: 0.002,
  driftAdwinClock: 32,
  /** CUSUM on the error stream: tuned to an error rate 0.1 above the reference's, one false alarm per 10,000 labelled queries on average. */
  driftCusumIncrease: 0.1,
  driftCusumErt: 10_000,
} as const;

/**
 * The layouts the web app is built for: a laptop and a phone width, each light and dark. The
 * accessibility test checks every view in each; `npm run screenshots` pictures each.
 */
export const APP_LAYOUTS = [
  { width: 1280, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
  { width: 390, scheme: 'light' },
  { width: 390, scheme: 'dark' },
] as const;

/** Budgets of the web app's build, checked by test/browser/first-load.test.ts and `npm run size`. */
export const APP_BUDGETS = {
  /**
   * JavaScript fetched for the first screen (Configure) before any interaction, gzip: 60 KB is
   * about half a second on a slow 3G link and leaves room for the form; the schemas, statistics,
   * charts and every other view load when first needed.
   */
  firstLoadGzipBytes: 60 * 1024,
} as const;

/** The shared-clock check between page and worker (src/core/clock-offset.ts). */
export const CLOCK_DEFAULTS = {
  /** Pings after a job; the shortest round trip bounds the offset best. */
  pings: 5,
  /** Skew beyond this (after the measurement's own uncertainty) fails the job: phases are ms-scale, 1 ms off would show. */
  skewToleranceMs: 1,
} as const;

/** How a job worker reports its progress to the page. */
export const PROGRESS_DEFAULTS = {
  /**
   * Step and query progress goes out at most this often (the first and the last at once): each
   * message wakes the page, the app's charts and the CLI over CDP, and on a 2-core machine that
   * work competes with the next step for a core. 4 per second is enough for a live chart.
   */
  intervalMs: 250,
} as const;

/** Change points in a stored series (src/core/history/). */
export const CHANGE_POINT_DEFAULTS = {
  /** A shift is reported at p ≤ 0.001, Otava's default: a project has many series, each checked on every upload. */
  alpha: 0.001,
  /**
   * Points per E-divisive window (Otava's default is 50): 100 found more steps with fewer false alarms on
   * the benchmark's noise, and still keeps the search local in a long history.
   */
  windowSize: 100,
  /** Fewest points on each side of a shift: one or two stray runs are an outlier, not a new level. */
  minSegment: 5,
  /** Shifts smaller than this relative size are dropped in the merge (0 = significance alone decides, as in Otava). */
  minRelative: 0,
  /** The relative change's interval. */
  level: 0.95,
  /**
   * The rank-sum test rather than Otava's t-test: on the noise of real repeated runs here (skewed, with
   * outlying runs) it found more steps with a fifth of the false alarms (docs/change-points.md).
   */
  test: 'mann-whitney',
} as const;

/** Mozilla Perfherder's alerting rule (treeherder settings PERFHERDER_ALERTS_*), the baseline change points are measured against. */
export const PERFHERDER_DEFAULTS = {
  minBackWindow: 12,
  maxBackWindow: 24,
  foreWindow: 12,
  tThreshold: 7,
  /** PERFHERDER_REGRESSION_THRESHOLD: alerts under 2% change are dropped. */
  alertThresholdPercent: 2,
} as const;

/** The results store (`firstbatch server`). */
export const STORE_DEFAULTS = {
  /** Largest upload body: a results file of a long suite with traces is a few MB; 20 MB leaves room without letting one request fill memory. */
  uploadMaxBytes: 20 * 1024 * 1024,
  /** Largest import body (JSON lines of a whole project): a few hundred runs of the largest kind. */
  importMaxBytes: 512 * 1024 * 1024,
  /** Where `firstbatch server` keeps its embedded database when no --data or --db is given. */
  dataDir: './.firstbatch-data',
  /** Trend points returned at most (the newest): a chart shows a few hundred commits legibly; 1,000 bounds one reply. */
  trendMaxPoints: 1000,
  /** Points of a series the change-point search reads on each upload (the newest): a shift older than 1,000 runs is long since found, and the search stays bounded as history grows. */
  changePointWindowPoints: 1000,
  /** How long the CLI waits for the store to answer an upload: a busy server's transaction takes well under a second. */
  uploadTimeoutMs: 60_000,
  /** Random bytes in a project token (256 bits: guessing is hopeless, so a plain sha-256 hash may store it). */
  tokenBytes: 32,
} as const;
