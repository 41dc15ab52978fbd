/**
 * The joint detectors over a drift stream's rows (features and score together): each is
 * calibrated once on the reference to the configured ERT, then run over every stream, with its
 * alarms, the rows it skipped for non-finite values, and its measured cost per query.
 */
import { nowAbsMs } from '../clock.ts';
import { createRng } from '../random.ts';
import { calibrateToErt, type ErtCalibration } from './drift-ert.ts';
import { fitPairs, pairWindow } from './drift-correlation.ts';
import { fitMmd, mmdWindow, standardise, type MmdConfig, type MmdModel } from './drift-mmd.ts';
import { fitPca, pcaWindow } from './drift-pca.ts';

export const JOINT_DETECTORS = ['mmd', 'correlation', 'pca'] as const;
export type JointDetectorName = (typeof JOINT_DETECTORS)[number];

/** A streaming detector: push a standardised row, get its statistic (null while warming up). */
export interface RowDetector {
  push(row: ArrayLike<number>): number | null;
}

export interface CalibratedJoint {
  readonly name: JointDetectorName;
  readonly calibration: ErtCalibration;
  /** The reference's standardisation (shared by the joint detectors). */
  readonly standard: MmdModel;
  fresh(): RowDetector;
}

export interface JointRun {
  /** Queries (0-based) where the statistic crossed the threshold; the window restarts after each alarm. */
  readonly alarms: readonly number[];
  /** Rows with a NaN or infinite value: counted, not tested. */
  readonly nonFinite: number;
  /** The statistic over the threshold at every `every`-th query (null while warming up), for the timeline. */
  readonly ratios: readonly (number | null)[];
  /** Wall time of the detector's updates per query, ms (this context's clock). */
  readonly msPerQuery: number;
}

/** Block length of the calibration path: ten windows, so neighbouring blocks barely share a window. */
const BLOCK_WINDOWS = 10;
const BLOCKS = 400;

export function calibrateJoint(referenceRows: readonly ArrayLike<number>[], config: MmdConfig): CalibratedJoint[] {
  const { model, calibration: rows } = fitMmd(referenceRows, config);
  // The pair moments and the principal components are estimated on one half and calibrated on the other, so the threshold allows for their estimation error.
  const half = rows.length >> 1;
  const pairs = fitPairs(rows.slice(0, half), model.dims, config.windowSize);
  const pca = fitPca(rows.slice(0, half), model.dims, config.windowSize);
  const factories: Record<JointDetectorName, () => RowDetector> = { mmd: () => mmdWindow(model), correlation: () => pairWindow(pairs), pca: () => pcaWindow(pca) };
  const nullRows: Record<JointDetectorName, readonly Float64Array[]> = { mmd: rows, correlation: rows.slice(half), pca: rows.slice(half) };
  return JOINT_DETECTORS.map((name, d) => {
    const rng = createRng(config.seed + 1 + d);
    const detector = factories[name]();
    const from = nullRows[name];
    // Null stream: reference rows drawn with replacement (never the kernel centres, never the rows the moments came from).
    const calibration = calibrateToErt(() => detector.push(from[rng.int(from.length)]!), config.ert, BLOCK_WINDOWS * config.windowSize, BLOCKS);
    return { name, calibration, standard: model, fresh: factories[name] };
  });
}

/** Runs a calibrated detector over one stream's rows, alarming when its statistic exceeds the threshold. */
export function runJoint(detector: CalibratedJoint, rows: readonly ArrayLike<number>[], every: number): JointRun {
  const alarms: number[] = [];
  const ratios: (number | null)[] = [];
  const threshold = detector.calibration.threshold;
  let nonFinite = 0;
  let window = detector.fresh();
  let last: number | null = null;
  const t0 = nowAbsMs();
  rows.forEach((row, q) => {
    if (!Array.prototype.every.call(row, Number.isFinite)) nonFinite++;
    else {
      const stat = window.push(standardise(detector.standard, row));
      last = stat === null ? null : stat / threshold;
      if (stat !== null && stat > threshold) {
        alarms.push(q);
        window = detector.fresh();
      }
    }
    if (q % every === every - 1) ratios.push(last);
  });
  return { alarms, nonFinite, ratios, msPerQuery: rows.length > 0 ? (nowAbsMs() - t0) / rows.length : 0 };
}
