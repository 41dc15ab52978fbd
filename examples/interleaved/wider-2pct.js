// A/B: B's hidden layer 3% wider (about 2% more step time on wasm), interleaved A B B A in one worker (see abba.js).
import { pairBuilder } from './abba.js';

export { contract, makeBatch } from './abba.js';
export const description = 'A/B: mlp 784 → width → 10 against a 3% wider hidden layer, steps interleaved A B B A';
export const build = pairBuilder(1.03);
