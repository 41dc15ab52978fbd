// A/B: B's hidden layer 130 wide against A's 128 (width × 1.016), interleaved A B B A in one worker
// (see abba.js). On wasm here 132 against 128 measured +4.9% step time; 130 is the ~2% case.
import { pairBuilder } from './abba.js';

export { contract, makeBatch } from './abba.js';
export const description = 'A/B: mlp 784 → width → 10 against a 1.6% wider hidden layer, steps interleaved A B B A';
export const build = pairBuilder(1.016);
