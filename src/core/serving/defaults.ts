/** Tunables of the serving scenarios, each with the reason for its value. */
export const SERVING_DEFAULTS = {
  /** ranker is the serving stage of a recommender, the product's production-like case. */
  workload: 'ranker',
  /** Training steps before serving: enough for the hold-out accuracy to beat chance, brief enough to start fast. */
  trainSteps: 40,
  /** Training minibatch. */
  trainBatchSize: 64,
  /** MLPerf's Server and SingleStream send one sample per query. */
  queryBatchSize: 1,
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
} as const;
