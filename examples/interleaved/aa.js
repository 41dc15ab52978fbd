// A/A: the same model twice, interleaved A B B A in one worker (see abba.js).
import { pairBuilder } from './abba.js';

export { contract, makeBatch } from './abba.js';
export const description = 'A/A: mlp 784 → width → 10 twice, steps interleaved A B B A';
export const build = pairBuilder(1);
