/**
 * The drift detectors × injected drifts table, in Node over the seeded synthetic streams
 * (src/core/serving/drift-synthetic.ts: independent N(0, 1) features like the ranker's dense
 * inputs, the ranker's categorical fields and a fixed logistic score), through the same assembly
 * the app and CLI use. Without drift, long streams measure each detector's false alarms per 10,000
 * queries (its ERT). Then ADWIN's cost per update on its own.
 *
 *   npx tsx bench/drift/detectors.ts [--streams 20] [--null-queries 1000000] [--only 'label substring']
 */
import { parseArgs } from 'node:util';
import { SERVING_DEFAULTS as D } from '../../src/core/defaults.ts';
import { createRng } from '../../src/core/random.ts';
import type { DriftStreamsReply } from '../../src/core/serve-api.ts';
import type { DriftInjection } from '../../src/core/serving/drift.ts';
import { Adwin } from '../../src/core/serving/drift-adwin.ts';
import { assembleDrift } from '../../src/core/serving/drift-assemble.ts';
import { unseenQueries } from '../../src/core/serving/drift-categories.ts';
import { SYNTHETIC_VOCABULARIES, syntheticStream } from '../../src/core/serving/drift-synthetic.ts';
import { detectorTable, driftSuiteSchema } from '../../src/core/serving/scenarios/drift.ts';

const { values } = parseArgs({ options: { streams: { type: 'string', default: '20' }, 'null-queries': { type: 'string', default: '1000000' }, only: { type: 'string', default: '' } } });
const streams = Number(values.streams);
const FEATURES = 8;
const AT = 1000;

export const DRIFTS: Record<string, DriftInjection> = {
  'mean shift 0.5 SD (feature 2)': { kind: 'mean-shift', feature: 2, shiftSd: 0.5, atQuery: AT },
  'variance × 1.5 (feature 2)': { kind: 'variance', feature: 2, factor: 1.5, atQuery: AT },
  'correlation ρ = 0.6, sudden (features 2, 3)': { kind: 'correlation', features: [2, 3], rho: 0.6, rampQueries: 0, atQuery: AT },
  'correlation ρ = 0.6 over 300 queries': { kind: 'correlation', features: [2, 3], rho: 0.6, rampQueries: 300, atQuery: AT },
  'swap of features 0 and 3 (i.i.d.)': { kind: 'covariate-swap', features: [0, 3], atQuery: AT },
  'covariate shift 0.5 SD by resampling (feature 2; P(y | x) same)': { kind: 'covariate-tilt', feature: 2, shiftSd: 0.5, atQuery: AT },
  'label prior 0.5 → 0.7': { kind: 'label-prior', positiveRate: 0.7, atQuery: AT },
  'NaN burst, 50 queries (feature 4)': { kind: 'nan-burst', feature: 4, queries: 50, atQuery: AT },
  'concept: labels flip where feature 2 > 0.5 (inputs unchanged)': { kind: 'concept', feature: 2, above: 0.5, atQuery: AT },
  'concept: labels flip where feature 2 > 1 (inputs unchanged)': { kind: 'concept', feature: 2, above: 1, atQuery: AT },
  'unseen category, 5% of queries (field 1)': { kind: 'unseen-category', field: 1, rate: 0.05, atQuery: AT },
};

/**
 * Streams of 1,500 queries leave the label detectors 400 labelled queries after a shift at 1,000
 * (labels arrive 100 late); these drifts run again over longer streams, to show how long they need.
 */
const LONGER: Record<string, { injection: DriftInjection; queries: number }> = {
  'concept: labels flip where feature 2 > 0.5, streams of 3,000 queries': { injection: DRIFTS['concept: labels flip where feature 2 > 0.5 (inputs unchanged)']!, queries: 3_000 },
  'concept: labels flip where feature 2 > 1, streams of 3,000 queries': { injection: DRIFTS['concept: labels flip where feature 2 > 1 (inputs unchanged)']!, queries: 3_000 },
};

function reply(injection: DriftInjection, count: number, queries: number, seed: number): DriftStreamsReply {
  const reference = syntheticStream(99, 0, 5_000, FEATURES, { kind: 'none' });
  const made = Array.from({ length: count }, (_, s) => syntheticStream(seed, s + 1, queries, FEATURES, injection));
  return {
    featureNames: Array.from({ length: FEATURES }, (_, f) => `feature ${f}`),
    categoricalFields: SYNTHETIC_VOCABULARIES.map((vocabulary, f) => ({ name: `field ${f}`, vocabulary })),
    reference: { features: reference.features, scores: reference.scores, labels: reference.labels },
    streams: made.map((m) => ({
      features: m.features, scores: m.scores, labels: m.labels, positiveRate: m.labels.reduce((a, b) => a + b, 0) / queries,
      unseenCategories: m.categories.map((ids, f) => unseenQueries(ids, SYNTHETIC_VOCABULARIES[f]!)),
    })),
    referencePositiveRate: 0.5,
  };
}

function run(label: string, injection: DriftInjection, count: number, queries: number, seed: number): void {
  const suite = driftSuiteSchema.parse({ kind: 'drift', model: { workload: 'ranker', backend: 'cpu' }, injection, queries, streams: count, seed: 1 });
  const t0 = performance.now();
  const assembled = assembleDrift(suite, reply(injection, count, queries, seed));
  const { summary } = assembled;
  console.log(`\n### ${label} — ${count} streams of ${queries.toLocaleString('en')} queries (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`all detectors together: detected ${summary.streamsDetected}/${count}, streams with a false alarm ${summary.streamsWithFalseAlarm}, median delay ${summary.medianDelayQueries ?? '—'}` +
    (assembled.nonFiniteRows.some((n) => n > 0) ? `; non-finite rows (stream 1) ${assembled.nonFiniteRows[0]}` : ''));
  if (assembled.performance.length > 0) {
    const gaps = assembled.performance.map((p) => Math.abs(p.estimatedAccuracy - p.realisedAccuracy));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`CBPE accuracy from the shift on: estimated ${mean(assembled.performance.map((p) => p.estimatedAccuracy)).toFixed(3)}, realised ${mean(assembled.performance.map((p) => p.realisedAccuracy)).toFixed(3)}; |estimate − realised| max over streams ${Math.max(...gaps).toFixed(3)}; ` +
      `AUC estimated ${mean(assembled.performance.map((p) => p.estimatedAuc ?? Number.NaN)).toFixed(3)}, realised ${mean(assembled.performance.map((p) => p.realisedAuc ?? Number.NaN)).toFixed(3)}`);
  }
  const timed = assembled.detectors.filter((d) => d.msPerQuery !== null);
  console.log(`cost of the ${timed.length} timed detectors together: ${timed.reduce((a, d) => a + d.msPerQuery!, 0).toFixed(4)} ms per query`);
  console.log(detectorTable({ ...assembled, kind: 'drift', suite, load: undefined as never }));
}

/** ADWIN's cost per update (ns) on a Bernoulli(0.25) error stream, checks every clock updates included. */
function adwinCost(updates: number): void {
  const rng = createRng(5);
  const bits = Array.from({ length: updates }, () => (rng.next() < 0.25 ? 1 : 0));
  for (const bound of ['bernstein', 'hoeffding'] as const) {
    const adwin = new Adwin({ delta: D.driftAdwinDelta, clock: D.driftAdwinClock, bound });
    let changes = 0;
    const t0 = process.hrtime.bigint();
    for (const b of bits) if (adwin.update(b)) changes++;
    const ns = Number(process.hrtime.bigint() - t0) / updates;
    console.log(`ADWIN (${bound}, δ ${D.driftAdwinDelta}, clock ${D.driftAdwinClock}): ${ns.toFixed(0)} ns per update over ${updates.toLocaleString('en')} updates; window ${adwin.width}, ${adwin.buckets} buckets, ${changes} changes`);
  }
}

console.log(`load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
for (const [label, injection] of Object.entries(DRIFTS)) if (label.includes(values.only)) run(label, injection, streams, 1_500, 7);
for (const [label, { injection, queries }] of Object.entries(LONGER)) if (label.includes(values.only)) run(label, injection, streams, queries, 7);
const nullQueries = Number(values['null-queries']);
if (nullQueries > 0) run('no drift (false alarms, measured ERT)', { kind: 'none' }, 100, Math.ceil(nullQueries / 100), 11);
adwinCost(1_000_000);
