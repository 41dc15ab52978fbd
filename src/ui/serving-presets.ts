/**
 * Starting points for the web app's serving forms, one per scenario kind, sized to finish in
 * seconds to a minute on a laptop (the CLI's bench/suites/serving-*.json hold the full set).
 * Models are job-spec fields over the serving defaults.
 */
export const SERVING_PRESETS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'Server (ranker, cpu)': { kind: 'server', model: { workload: 'ranker', backend: 'cpu', width: 128 }, latencyTargetMs: 50, durationMs: 3000, sweepQps: [20, 50, 100], search: { lowQps: 10, highQps: 400 } },
  'Canary (5%, 20% costlier, wasm)': {
    kind: 'canary', baseline: { workload: 'mlp', backend: 'wasm', width: 768, servingBatchSize: 32 },
    candidate: { workload: 'mlp', backend: 'wasm', width: 922, servingBatchSize: 32 }, share: 0.05, qps: 20, queries: 1200,
  },
  'SingleStream (ranker, cpu)': { kind: 'single-stream', model: { workload: 'ranker', backend: 'cpu' }, minQueries: 100, minDurationMs: 2000 },
  'Offline (mlp, wasm)': { kind: 'offline', model: { workload: 'mlp', backend: 'wasm' }, batchSizes: [1, 8, 32, 128], batchesPerSize: 10 },
  'Cold start (mlp, wasm)': { kind: 'cold', model: { workload: 'mlp', backend: 'wasm' }, repetitions: 3 },
  'Drift (0.5 SD mean shift)': {
    kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 64 },
    injection: { kind: 'mean-shift', feature: 2, shiftSd: 0.5, atQuery: 1000 }, queries: 1500,
  },
  'Drift (correlation, same marginals)': {
    kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 64 },
    injection: { kind: 'correlation', features: [2, 3], rho: 0.6, atQuery: 1000 }, queries: 1500,
  },
  'Drift (features 0 and 3 swapped)': {
    kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 64 },
    injection: { kind: 'covariate-swap', features: [0, 3], atQuery: 1000 }, queries: 1500,
  },
  'Drift (NaN burst)': {
    kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 64 },
    injection: { kind: 'nan-burst', feature: 4, queries: 50, atQuery: 1000 }, queries: 1500,
  },
  'Drift (concept: labels flip, inputs unchanged)': {
    kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 64 },
    injection: { kind: 'concept', feature: 2, above: 0.5, atQuery: 1000 }, queries: 1500,
  },
  'Drift (unseen category)': {
    kind: 'drift', model: { workload: 'ranker', backend: 'cpu', width: 64 },
    injection: { kind: 'unseen-category', field: 1, rate: 0.05, atQuery: 1000 }, queries: 1500,
  },
  'Retrieval → ranking (webgpu)': { kind: 'multistage', retrieval: { workload: 'two-tower', width: 64 }, ranking: { workload: 'ranker' }, requests: 40 },
};
