// Two models in one job, trained step by step in A B B A order (contract 1 job module), so that a
// comparison of their step times is made inside one worker, seconds apart: drift of the machine
// falls on both alike. Step i of the measured steps trains A when i mod 4 is 0 or 3, B otherwise
// (with warmupSteps 7, measured step i uses ring batch i mod 8; the batch says which model it is for).
// Jobs with an odd seed counterbalance: B is built first and the order is B A A B, so neither a
// position in the block nor being the first model in memory favours one side over many jobs.
// A: 784 → width (relu) → 10, softmax cross-entropy, like the built-in mlp; B: the same with a hidden
// layer `widthFactor` times wider. bench/interleaved.ts reads the step times back as ABBA blocks.

export const contract = 1;

const FEATURES = 784;
const CLASSES = 10;
/** Which model a ring batch trains: A B B A, by batch index. */
export const ARMS = ['A', 'B', 'B', 'A'];
const FLIPPED = ['B', 'A', 'A', 'B'];
/** Odd seeds run B A A B with B built first. */
export const flipped = (seed) => seed % 2 === 1;

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
const armOf = new WeakMap();

function mlp(tf, next, width) {
  const w1 = tf.variable(tf.tensor2d(uniform(next, FEATURES * width, Math.sqrt(6 / (FEATURES + width))), [FEATURES, width]));
  const b1 = tf.variable(tf.zeros([width]));
  const w2 = tf.variable(tf.tensor2d(uniform(next, width * CLASSES, Math.sqrt(6 / (width + CLASSES))), [width, CLASSES]));
  const b2 = tf.variable(tf.zeros([CLASSES]));
  const forward = (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
  return { variables: [w1, b1, w2, b2], forward };
}

/** A build() for a pair whose B is `widthFactor` times wider (1 = the same model twice: A/A). */
export function pairBuilder(widthFactor) {
  return (tf, { width, seed }) => {
    const buildA = () => mlp(tf, rng(seed), width);
    const buildB = () => mlp(tf, rng(seed), Math.round(width * widthFactor));
    let a;
    let b;
    if (flipped(seed)) {
      b = buildB();
      a = buildA();
    } else {
      a = buildA();
      b = buildB();
    }
    const loss = (batch) => {
      const model = armOf.get(batch.labels) === 'B' ? b : a;
      return tf.losses.softmaxCrossEntropy(batch.labels, model.forward(batch.inputs[0]));
    };
    return { variables: [...a.variables, ...b.variables], loss, predict: (inputs) => a.forward(inputs[0]) };
  };
}

export function makeBatch(tf, { seed }, batchIndex, batchSize) {
  const next = rng((seed * 1_000_003 + batchIndex) >>> 0);
  const x = uniform(next, batchSize * FEATURES, 1);
  const y = new Float32Array(batchSize * CLASSES);
  for (let n = 0; n < batchSize; n++) y[n * CLASSES + Math.floor(next() * CLASSES)] = 1;
  const labels = tf.tensor2d(y, [batchSize, CLASSES]);
  armOf.set(labels, (flipped(seed) ? FLIPPED : ARMS)[batchIndex % ARMS.length]);
  return { inputs: [tf.tensor2d(x, [batchSize, FEATURES])], labels, size: batchSize };
}
