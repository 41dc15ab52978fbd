/**
 * Output agreement between a backend and the cpu reference, element by element over every output:
 * max |a − r|, max |a − r| / max(|r|, 1e-3 · max|r|), and numpy's allclose rule
 * |a − r| ≤ atol + rtol · |r| with rtol 1e-2 and atol 1e-3 · max|r| (scale-aware, so outputs
 * near zero do not make every relative difference huge).
 */
import type { Agreement } from '../result.ts';

export const AGREEMENT_TOLERANCE = { rtol: 1e-2, atolOfScale: 1e-3 } as const;

export function compareOutputs(actual: readonly ArrayLike<number>[], reference: readonly ArrayLike<number>[]): Agreement {
  if (actual.length !== reference.length) return { available: false, reason: `the backend gave ${actual.length} outputs, the cpu ${reference.length}` };
  let scale = 0;
  for (const output of reference) for (let i = 0; i < output.length; i++) if (Number.isFinite(output[i]!)) scale = Math.max(scale, Math.abs(output[i]!));
  const floor = Math.max(AGREEMENT_TOLERANCE.atolOfScale * scale, Number.MIN_VALUE);
  const atol = AGREEMENT_TOLERANCE.atolOfScale * scale;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let elements = 0;
  let nonFinite = 0;
  let within = true;
  for (let o = 0; o < actual.length; o++) {
    const a = actual[o]!;
    const r = reference[o]!;
    if (a.length !== r.length) return { available: false, reason: `output ${o} has ${a.length} values on the backend, ${r.length} on the cpu` };
    for (let i = 0; i < a.length; i++) {
      elements++;
      const x = a[i]!;
      const y = r[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) {
          nonFinite++;
          within = false;
        }
        continue;
      }
      const diff = Math.abs(x - y);
      maxAbsDiff = Math.max(maxAbsDiff, diff);
      maxRelDiff = Math.max(maxRelDiff, diff / Math.max(Math.abs(y), floor));
      if (diff > atol + AGREEMENT_TOLERANCE.rtol * Math.abs(y)) within = false;
    }
  }
  // Nothing compared is unknown, not agreement.
  if (elements === 0) return { available: false, reason: 'the model gave no output values to compare' };
  return { available: true, reference: 'cpu', maxAbsDiff, maxRelDiff, elements, nonFinite, withinTolerance: within };
}
