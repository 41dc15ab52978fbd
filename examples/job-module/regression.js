// A job module for firstbatch (contract 1): a tiny two-layer regression, y = relu(x·W1 + b1)·W2 + b2,
// learning a fixed random linear function of 8 features plus noise. Run it with
//   npm run bench -- --job ./examples/job-module/regression.js --backend webgpu,wasm
// firstbatch hands every function the tf namespace (tfjs-core ops), builds the model once,
// trains it with Adam (spec learningRate) and serves predict(). See docs/models.md.

export const contract = 1;
export const description = 'two-layer regression: 8 features → width (relu) → 1, mean squared error';

const FEATURES = 8;

/** A small seeded generator (mulberry32), so weights and data are the same on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (next, n, limit) => Float32Array.from({ length: n }, () => (2 * next() - 1) * limit);

export function build(tf, { width, seed }) {
  const next = rng(seed);
  const w1 = tf.variable(tf.tensor2d(uniform(next, FEATURES * width, Math.sqrt(6 / FEATURES)), [FEATURES, width]));
  const b1 = tf.variable(tf.zeros([width]));
  const w2 = tf.variable(tf.tensor2d(uniform(next, width, Math.sqrt(6 / (width + 1))), [width, 1]));
  const b2 = tf.variable(tf.zeros([1]));
  const forward = (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
  return {
    variables: [w1, b1, w2, b2],
    loss: (batch) => tf.losses.meanSquaredError(batch.labels, forward(batch.inputs[0])),
    predict: (inputs) => forward(inputs[0]),
  };
}

export function makeBatch(tf, { seed }, batchIndex, batchSize) {
  // The task (true weights) depends on the seed only; the examples on the seed and the batch index.
  const task = rng(seed ^ 0x9e3779b9);
  const truth = uniform(task, FEATURES, 1);
  const next = rng((seed * 1_000_003 + batchIndex) >>> 0);
  const x = uniform(next, batchSize * FEATURES, 1);
  const y = new Float32Array(batchSize);
  for (let n = 0; n < batchSize; n++) {
    let sum = 0;
    for (let f = 0; f < FEATURES; f++) sum += x[n * FEATURES + f] * truth[f];
    y[n] = sum + 0.05 * (2 * next() - 1);
  }
  return { inputs: [tf.tensor2d(x, [batchSize, FEATURES])], labels: tf.tensor2d(y, [batchSize, 1]), size: batchSize };
}
