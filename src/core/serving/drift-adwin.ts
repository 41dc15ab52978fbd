/**
 * ADWIN, adaptive windowing (Bifet & Gavaldà 2007, "Learning from time-changing data with
 * adaptive windowing", SIAM SDM): it keeps a window W of the latest values and drops its older
 * part whenever some split of W into an older W₀ (n₀ values) and a newer W₁ (n₁ values) has means
 * further apart than ε_cut — a change. ADWIN2's exponential histogram holds W in at most M buckets
 * of each size 2ⁱ (M = 5), so W costs O(M·log(W/M)) memory and only the cuts between buckets are
 * tested; as in River, every `clock` updates (32).
 *
 * ε_cut, with 1/m = 1/n₀ + 1/n₁ and δ' = δ/ln n (n = |W|; δ' = δ/n in the paper's ADWIN0, over
 * the O(log n) cuts ADWIN2 tests δ/ln n as in MOA and River):
 * - Hoeffding (the paper's Theorem 3.1): ε = √((1/2m)·ln(4/δ')).
 * - Bernstein (the paper's form for practice, σ²_W the window's variance): ε = √((2/m)·σ²_W·ln(2/δ')) + (2/3m)·ln(2/δ').
 */
import { isError } from './drift-performance.ts';

export type AdwinBound = 'bernstein' | 'hoeffding';

export interface AdwinConfig {
  /** Confidence: a false cut has probability at most δ. */
  readonly delta: number;
  /** Cuts are tested every this many updates. */
  readonly clock: number;
  readonly bound: AdwinBound;
}

/** Buckets of each size before two are merged (the paper's M). */
const MAX_BUCKETS = 5;
/** Each side of a cut holds at least this many values (MOA's and River's minimum sub-window). */
const MIN_SIDE = 5;
/** No cut is tested before the window holds this many values (River's grace period). */
const GRACE = 10;

/** Row i of the histogram: buckets of 2ⁱ values, oldest first, each its sum and its sum of squared deviations. */
interface Row {
  readonly sums: number[];
  readonly squares: number[];
}

export class Adwin {
  /** rows[0] holds single values (the newest); higher rows hold older, bigger buckets. */
  private readonly rows: Row[] = [];
  private n = 0;
  private sum = 0;
  /** Σ (x − mean)² over the window (Welford's update, Chan et al.'s merge). */
  private squares = 0;
  private ticks = 0;

  constructor(private readonly config: AdwinConfig) {
    if (!(config.delta > 0 && config.delta < 1)) throw new RangeError(`ADWIN's delta must be in (0, 1), got ${config.delta}`);
    if (!(Number.isInteger(config.clock) && config.clock >= 1)) throw new RangeError(`ADWIN's clock must be a whole number ≥ 1, got ${config.clock}`);
  }

  get width(): number {
    return this.n;
  }

  get mean(): number {
    return this.n > 0 ? this.sum / this.n : Number.NaN;
  }

  /** Buckets held now: O(M·log(width/M)). */
  get buckets(): number {
    return this.rows.reduce((a, r) => a + r.sums.length, 0);
  }

  /** Adds a value; true when this update's check found a change (and dropped the older part of the window). */
  update(x: number): boolean {
    if (this.n > 0) {
      const d = x - this.sum / this.n;
      this.squares += (this.n * d * d) / (this.n + 1);
    }
    this.n++;
    this.sum += x;
    this.push(0, x, 0);
    this.ticks++;
    return this.ticks % this.config.clock === 0 && this.n > GRACE && this.cut();
  }

  private push(level: number, sum: number, squares: number): void {
    const row = (this.rows[level] ??= { sums: [], squares: [] });
    row.sums.push(sum);
    row.squares.push(squares);
    if (row.sums.length <= MAX_BUCKETS) return;
    // Merge the two oldest buckets of size 2^level into one of the next row.
    const size = 2 ** level;
    const [s0, s1] = row.sums.splice(0, 2) as [number, number];
    const [q0, q1] = row.squares.splice(0, 2) as [number, number];
    const d = s0 / size - s1 / size;
    this.push(level + 1, s0 + s1, q0 + q1 + (size * d * d) / 2);
  }

  /** Tests the cuts from the oldest bucket on; drops the oldest bucket while some cut holds. */
  private cut(): boolean {
    let changed = false;
    for (let again = true; again && this.n > GRACE;) {
      again = false;
      let n0 = 0;
      let s0 = 0;
      const epsilonScale = this.epsilonScale();
      scan: for (let level = this.rows.length - 1; level >= 0; level--) {
        const row = this.rows[level]!;
        for (let b = 0; b < row.sums.length; b++) {
          n0 += 2 ** level;
          s0 += row.sums[b]!;
          const n1 = this.n - n0;
          if (n1 < MIN_SIDE) break scan;
          if (n0 < MIN_SIDE) continue;
          const gap = Math.abs(s0 / n0 - (this.sum - s0) / n1);
          if (gap > epsilonScale(1 / n0 + 1 / n1)) {
            this.dropOldest();
            changed = true;
            again = true;
            break scan;
          }
        }
      }
    }
    return changed;
  }

  /** ε_cut as a function of 1/m = 1/n₀ + 1/n₁ for the window as it is now. */
  private epsilonScale(): (inverseM: number) => number {
    const { delta, bound } = this.config;
    const deltaPrime = delta / Math.log(this.n);
    if (bound === 'hoeffding') {
      const log4 = Math.log(4 / deltaPrime);
      return (inverseM) => Math.sqrt((inverseM / 2) * log4);
    }
    const log2 = Math.log(2 / deltaPrime);
    const variance = this.squares / this.n;
    return (inverseM) => Math.sqrt(2 * inverseM * variance * log2) + (2 / 3) * inverseM * log2;
  }

  private dropOldest(): void {
    const level = this.rows.length - 1;
    const row = this.rows[level]!;
    const size = 2 ** level;
    const sum = row.sums.shift()!;
    const squares = row.squares.shift()!;
    if (row.sums.length === 0) this.rows.pop();
    this.n -= size;
    this.sum -= sum;
    if (this.n === 0) {
      this.squares = 0;
      return;
    }
    const d = sum / size - this.sum / this.n;
    this.squares = Math.max(0, this.squares - squares - (size * this.n * d * d) / (size + this.n));
  }
}

/**
 * Queries (0-based, when the label arrived) where ADWIN on the error stream eᵢ = 1[decision ≠
 * label] found a change; labels of query q reach it at query q + delay, so its alarm times
 * include the label delay, as DDM's do. It keeps running after a change on the shrunk window.
 */
export function adwinAlarms(decisions: readonly number[], labels: readonly number[], labelDelay: number, config: AdwinConfig): number[] {
  const adwin = new Adwin(config);
  const alarms: number[] = [];
  for (let q = 0; q + labelDelay < labels.length; q++) {
    if (!Number.isFinite(decisions[q]!)) continue;
    if (adwin.update(isError(decisions[q]!, labels[q]!) ? 1 : 0)) alarms.push(q + labelDelay);
  }
  return alarms;
}
