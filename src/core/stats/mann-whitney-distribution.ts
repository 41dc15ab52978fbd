/**
 * Exact null distribution of the Mann–Whitney U statistic for samples of sizes m and n without
 * ties, by the recurrence of Mann & Whitney (1947, eq. 1):
 *   c(u; m, n) = c(u − n; m − 1, n) + c(u; m, n − 1),
 * where c counts the orderings of m + n distinct values with U = u. Only additions are used, so
 * the counts (up to C(98, 49) ≈ 2.5e28) keep full relative precision in doubles.
 * The same recurrence R's cwilcox() uses.
 */

const cache = new Map<string, Float64Array>();
/** Bounds the memo: a few (m, n) pairs are reused (e.g. repeated tests at one sample size). */
const CACHE_ENTRIES = 8;

/** P(U <= u) for u = 0 … m·n under the null hypothesis, for m, n >= 1. */
export function mannWhitneyCdf(m: number, n: number): Float64Array {
  const key = m <= n ? `${m},${n}` : `${n},${m}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const counts = countsOfU(Math.min(m, n), Math.max(m, n));
  let total = 0;
  for (const c of counts) total += c;
  const cdf = new Float64Array(counts.length);
  let running = 0;
  for (let u = 0; u < counts.length; u++) {
    running += counts[u]!;
    cdf[u] = Math.min(1, running / total);
  }
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, cdf);
  return cdf;
}

function countsOfU(m: number, n: number): Float64Array {
  // previous[j] holds c(·; i − 1, j); current[j] holds c(·; i, j).
  let previous: Float64Array[] = [];
  for (let j = 0; j <= n; j++) previous.push(Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const row = new Float64Array(i * j + 1);
      const fromLargestInFirst = previous[j]!; // shift by j: the largest value beats all j others
      for (let u = 0; u < fromLargestInFirst.length; u++) row[u + j] = fromLargestInFirst[u]!;
      const fromLargestInSecond = current[j - 1]!;
      for (let u = 0; u < fromLargestInSecond.length; u++) row[u] = row[u]! + fromLargestInSecond[u]!;
      current.push(row);
    }
    previous = current;
  }
  return previous[n]!;
}
