/**
 * Multivariate drift by PCA reconstruction error, as NannyML's DataReconstructionDriftCalculator
 * (Pearson 1901 for the principal components; NannyML docs, "Data Reconstruction with PCA"): on
 * standardised reference rows, the covariance's eigenvectors, keeping the fewest that explain at
 * least PCA_VARIANCE_KEPT of the variance; a row's reconstruction error is the squared norm of its
 * residual after projection onto them, ‖x − μ‖² − Σₖ (vₖ·(x − μ))². Over a sliding window of B rows
 * the statistic is |mean error − reference mean| / (reference SD / √B), the pair-correlation
 * statistic's shape. It sees a change of the second moments that moves variance into or out of the
 * discarded directions: a correlation present in the reference breaking up, or a variance change
 * off the kept subspace. The threshold comes from calibrateToErt like the others' (drift-joint.ts).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** NannyML's default share of the variance the kept components explain (its `n_components=0.65`). */
export const PCA_VARIANCE_KEPT = 0.65;

export interface PcaModel {
  readonly dims: number;
  readonly windowSize: number;
  /** The fit rows' mean (≈ 0 on standardised rows). */
  readonly centre: Float64Array;
  /** Row-major kept × dims unit eigenvectors, largest eigenvalue first. */
  readonly components: Float64Array;
  readonly kept: number;
  /** Share of the fit rows' variance the kept components explain. */
  readonly explained: number;
  /** Reference mean and SD of one row's reconstruction error. */
  readonly errorMean: number;
  readonly errorSd: number;
}

/** The fewest leading eigenvalues (sorted descending) whose sum reaches `share` of the total. */
export function keptComponents(descending: readonly number[], share: number): number {
  const total = descending.reduce((a, b) => a + Math.max(0, b), 0);
  let sum = 0;
  for (let k = 0; k < descending.length; k++) {
    sum += Math.max(0, descending[k]!);
    if (sum >= share * total) return k + 1;
  }
  return descending.length;
}

/** Principal components of `rows` (sample covariance, ml-matrix's symmetric eigen-decomposition) and their error's moments on the same rows. */
export function fitPca(rows: readonly ArrayLike<number>[], dims: number, windowSize: number): PcaModel {
  if (rows.length < 2) throw new RangeError(`the PCA detector needs at least 2 rows to fit, got ${rows.length}`);
  const centre = new Float64Array(dims);
  for (const r of rows) for (let f = 0; f < dims; f++) centre[f]! += r[f]! / rows.length;
  const covariance = Matrix.zeros(dims, dims);
  for (const r of rows) {
    for (let a = 0; a < dims; a++) for (let b = a; b < dims; b++) {
      covariance.set(a, b, covariance.get(a, b) + ((r[a]! - centre[a]!) * (r[b]! - centre[b]!)) / (rows.length - 1));
    }
  }
  for (let a = 0; a < dims; a++) for (let b = 0; b < a; b++) covariance.set(a, b, covariance.get(b, a));
  const decomposition = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  const vectors = decomposition.eigenvectorMatrix;
  const order = decomposition.realEigenvalues.map((value, column) => ({ value, column })).sort((x, y) => y.value - x.value);
  const kept = keptComponents(order.map((o) => o.value), PCA_VARIANCE_KEPT);
  const components = new Float64Array(kept * dims);
  for (let k = 0; k < kept; k++) for (let f = 0; f < dims; f++) components[k * dims + f] = vectors.get(f, order[k]!.column);
  const total = order.reduce((a, o) => a + Math.max(0, o.value), 0);
  const explained = order.slice(0, kept).reduce((a, o) => a + Math.max(0, o.value), 0) / total;
  const partial = { dims, windowSize, centre, components, kept, explained, errorMean: 0, errorSd: 1 };
  let mean = 0;
  let square = 0;
  for (const r of rows) {
    const e = reconstructionError(partial, r);
    mean += e / rows.length;
    square += (e * e) / rows.length;
  }
  return { ...partial, errorMean: mean, errorSd: Math.sqrt(Math.max(1e-12, square - mean * mean)) };
}

/** ‖x − μ‖² minus the squared projections onto the kept components: O(dims · kept), no allocation. */
export function reconstructionError(model: Pick<PcaModel, 'dims' | 'centre' | 'components' | 'kept'>, row: ArrayLike<number>): number {
  const { dims, centre, components, kept } = model;
  let norm = 0;
  for (let f = 0; f < dims; f++) norm += (row[f]! - centre[f]!) ** 2;
  for (let k = 0; k < kept; k++) {
    let projection = 0;
    for (let f = 0; f < dims; f++) projection += components[k * dims + f]! * (row[f]! - centre[f]!);
    norm -= projection * projection;
  }
  return Math.max(0, norm);
}

/** The running statistic: push a standardised row, read the window's standardised mean error once it is full (null before). */
export function pcaWindow(model: PcaModel): { push(row: ArrayLike<number>): number | null } {
  const b = model.windowSize;
  const errors = new Float64Array(b);
  const root = Math.sqrt(b);
  let sum = 0;
  let count = 0;
  let position = 0;
  return {
    push(row) {
      const e = reconstructionError(model, row);
      if (count === b) sum -= errors[position]!;
      errors[position] = e;
      sum += e;
      count = Math.min(b, count + 1);
      position = (position + 1) % b;
      if (count < b) return null;
      return (Math.abs(sum / b - model.errorMean) * root) / model.errorSd;
    },
  };
}
