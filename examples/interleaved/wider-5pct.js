// A/B: B's hidden layer 134 wide against A's 128 (width × 1.05), interleaved A B B A in one worker
// (see abba.js): the ~5% step-time case of the step-scale calibration (the step is dominated by
// the 784 → width matmul, so its cost grows with the width).
import { pairBuilder } from './abba.js';

export { contract, makeBatch } from './abba.js';
export const description = 'A/B: mlp 784 → width → 10 against a 5% wider hidden layer, steps interleaved A B B A';
export const build = pairBuilder(1.05);
