/**
 * Order statistics without a full sort, by Hoare's FIND (quickselect; Hoare 1961, CACM Algorithm
 * 65, in Wirth's formulation, "Algorithms + Data Structures = Programs" §2.3.4) with a
 * median-of-three pivot. Expected O(n); the arrays passed in are scratch copies owned by the
 * caller, and are partially reordered.
 */

type Scratch = number[] | Float64Array;

/**
 * The k-th smallest value (0-based) of `values`, which is reordered so that afterwards
 * values[0..k) <= values[k] <= values(k..n).
 */
export function selectInPlace(values: Scratch, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = medianOfThree(values[lo]!, values[(lo + hi) >>> 1]!, values[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // values (j, i) all equal the pivot, k among them
  }
  return values[k]!;
}

/**
 * Hyndman & Fan (1996) type-7 quantile of `values` (reordered): select the order statistic at
 * ⌊h⌋, h = (n − 1)·q, then the next one is the minimum of the part above it.
 */
export function quantileInPlace(values: Scratch, q: number): number {
  const h = (values.length - 1) * q;
  const lo = Math.floor(h);
  const low = selectInPlace(values, lo);
  if (h === lo) return low;
  let next = Infinity;
  for (let i = lo + 1; i < values.length; i++) if (values[i]! < next) next = values[i]!;
  return low + (h - lo) * (next - low);
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
