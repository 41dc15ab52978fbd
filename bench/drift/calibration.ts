/**
 * Measures the per-check false-alarm rate of the drift detector's PSI threshold (exact null vs
 * the χ² approximation) over millions of seeded null windows, and the family rate of the whole
 * detector over undrifted streams. No browser: the tests are distribution-free for continuous
 * values, so uniform draws stand in for any feature.
 *
 *   npx tsx bench/drift/calibration.ts [--windows 4000000] [--streams 1000]
 */
import { parseArgs } from 'node:util';
import { SERVING_DEFAULTS as D } from '../../src/core/defaults.ts';
import { createRng } from '../../src/core/random.ts';
import { detectDrift, summarizeDetection } from '../../src/core/serving/drift.ts';
import { psiCriticalCached } from '../../src/core/serving/drift-null.ts';
import { binCounts, psi, psiCritical, quantileEdges, sortedCopy } from '../../src/core/serving/drift-stats.ts';
import { syntheticStream } from '../../src/core/serving/drift-synthetic.ts';

const { values } = parseArgs({ options: { windows: { type: 'string', default: '4000000' }, streams: { type: 'string', default: '1000' } } });
const windows = Number(values.windows);
const streams = Number(values.streams);
const n = D.driftWindow;
const m = D.driftReferenceSize;
const queries = 1_500;
const variables = 9;
const checks = Math.floor((queries - n) / D.driftCheckEvery) + 1;
const perCheckAlpha = D.driftFamilyAlpha / (checks * variables * 2);

function perCheck(): void {
  const rng = createRng(20_261_204);
  const references = 200;
  let exactAlarms = 0;
  let chiAlarms = 0;
  let exact = 0;
  const t0 = performance.now();
  const window = new Float64Array(n);
  for (let r = 0; r < references; r++) {
    const sorted = sortedCopy(Array.from({ length: m }, () => rng.next()));
    const edges = quantileEdges(sorted, D.driftBins);
    const expected = binCounts(sorted, edges);
    exact = psiCriticalCached(perCheckAlpha, expected, n);
    const chi = psiCritical(perCheckAlpha, edges.length + 1, n, m);
    for (let w = 0; w < windows / references; w++) {
      for (let i = 0; i < n; i++) window[i] = rng.next();
      const s = psi(expected, binCounts(window, edges));
      if (s > exact) exactAlarms++;
      if (s > chi) chiAlarms++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = (k: number) => `${(k / windows).toExponential(2)} (${k} of ${windows.toLocaleString('en')}, ${(k / windows / perCheckAlpha).toFixed(2)}× nominal)`;
  console.log(`PSI per check at α ${perCheckAlpha.toExponential(2)} (window ${n}, reference ${m}, ${D.driftBins} bins), ${references} references:`);
  console.log(`  exact null threshold ${exact.toFixed(4)}: ${rate(exactAlarms)}`);
  console.log(`  χ² approximation ${psiCritical(perCheckAlpha, D.driftBins, n, m).toFixed(4)}: ${rate(chiAlarms)}`);
  console.log(`  ${seconds.toFixed(1)} s`);
}

function family(): void {
  const reference = syntheticStream(99, 0, m, variables - 1, { kind: 'none' });
  let alarmed = 0;
  const t0 = performance.now();
  for (let s = 0; s < streams; s++) {
    const stream = syntheticStream(2026, s + 1, queries, variables - 1, { kind: 'none' });
    const monitored = [
      ...stream.features.map((column, f) => ({ name: `feature ${f}`, reference: reference.features[f]!, stream: column })),
      { name: 'score', reference: reference.scores, stream: stream.scores },
    ];
    const detection = detectDrift(monitored, { windowSize: n, checkEvery: D.driftCheckEvery, familyAlpha: D.driftFamilyAlpha, bins: D.driftBins });
    if (summarizeDetection(detection, null).falseAlarms > 0) alarmed++;
  }
  console.log(`Family: ${alarmed} of ${streams} undrifted streams (${queries} queries, ${variables} variables) alarmed: ${(100 * alarmed / streams).toFixed(2)}% at nominal ${100 * D.driftFamilyAlpha}% (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

perCheck();
if (streams > 0) family();
