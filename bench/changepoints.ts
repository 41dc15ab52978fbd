/**
 * Change-point benchmark: precision and recall by step size of the E-divisive detector beside
 * Perfherder's rule, on synthetic series carrying the noise of real repeated runs, and the
 * detector's time over a 1,000-point series.
 *
 *   npx tsx bench/changepoints.ts [--series 300] [--seed 1] [--k 2] [--fixture bench/fixtures/run-residuals.json]
 *   (npm run bench:changepoints -- …)
 *   --noise-scale 0.25 scales the residuals (a quieter machine); --sweep adds rows for other options.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { detectChangePoints, perfherderAlerts, type DetectOptions } from '../src/core/history/index.ts';
import { median, quantile } from '../src/core/stats/index.ts';
import { makeSet, readPools, score, type ResidualPool, type Score, type SeriesShape } from './changepoint-series.ts';

const STEPS = [0.02, 0.05, 0.1, 0.2] as const;
const LENGTHS = { minLength: 60, maxLength: 200, margin: 15 } as const;

type Detector = { name: string; detect: (values: number[]) => number[] };

function detectors(extra: readonly DetectOptions[]): Detector[] {
  const edivisive = (options: DetectOptions): Detector => ({
    name: `E-divisive ${JSON.stringify(options).replace(/["{}]/g, '') || '(defaults)'}`,
    detect: (values) => detectChangePoints(values, options).map((c) => c.index),
  });
  const otavaLike: Detector = { ...edivisive({ test: 'welch', windowSize: 50 }), name: "E-divisive, Welch t-test, 50-point windows (Otava's settings)" };
  return [
    { ...edivisive({}), name: 'E-divisive, rank-sum test, 100-point windows (defaults)' },
    otavaLike,
    ...extra.map(edivisive),
    { name: 'Perfherder (12/12, t > 7, ≥ 2%)', detect: (values) => perfherderAlerts(values).map((a) => a.index) },
  ];
}

const percent = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');

function row(name: string, byStep: readonly Score[], nulls: Score): string {
  const cells = byStep.map((s) => `${percent(s.detections > 0 ? s.found / s.detections : NaN)} / ${percent(s.found / s.steps)}`);
  return `| ${name} | ${cells.join(' | ')} | ${(nulls.detections / nulls.series).toFixed(3)} (${percent(nulls.seriesWithAlarm / nulls.series)}) |`;
}

function accuracyTable(pools: readonly ResidualPool[], shape: SeriesShape, seed: number, count: number, k: number, candidates: readonly Detector[]): string[] {
  const sets = STEPS.map((step, i) => makeSet(seed + i + 1, pools, shape, step, count));
  const nullSet = makeSet(seed, pools, shape, 0, count);
  const header = `| detector | ${STEPS.map((s) => `${s * 100}% precision / recall`).join(' | ')} | false alarms per null series (share with any) |`;
  const lines = [header, `|---|${STEPS.map(() => '---').join('|')}|---|`];
  for (const detector of candidates) {
    lines.push(row(detector.name, sets.map((set) => score(set, detector.detect, k)), score(nullSet, detector.detect, k)));
  }
  return lines;
}

/**
 * Detection time over 1,000-point series, one series per repetition: `parts` parts of 1000 / parts
 * points, each from 100 with a ±10% step, noise × 0.25 so that most shifts are found (5 parts: a few
 * shifts; 20 parts: many, the slow case: every found shift adds tests).
 */
function timing(pools: readonly ResidualPool[], seed: number, repetitions: number, parts: number): string[] {
  const partLength = 1000 / parts;
  const shape: SeriesShape = { minLength: partLength, maxLength: partLength, margin: Math.floor(partLength / 4), noiseScale: 0.25 };
  const series = Array.from({ length: repetitions }, (_, r) => makeSet(seed + 100 + r, [pools[r % pools.length]!], shape, 0.1, parts).flatMap((part) => part.values));
  const lines: string[] = [];
  for (const [name, run] of [['detectChangePoints', (v: number[]) => detectChangePoints(v)], ['perfherderAlerts', (v: number[]) => perfherderAlerts(v)]] as const) {
    const found = median(series.map((values) => run(values).length));
    const times = series.map((values) => {
      const startMs = performance.now();
      run(values);
      return performance.now() - startMs;
    });
    lines.push(`| ${name} | ${series[0]!.length} | ${found} | ${repetitions} | ${median(times).toFixed(2)} | ${quantile(times, 0.95).toFixed(2)} |`);
  }
  return lines;
}

function main(): void {
  const { values: args } = parseArgs({
    options: {
      series: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      k: { type: 'string', default: '2' },
      fixture: { type: 'string', default: new URL('./fixtures/run-residuals.json', import.meta.url).pathname },
      sweep: { type: 'boolean', default: false },
      'noise-scale': { type: 'string', default: '1' },
    },
  });
  const count = Number(args.series);
  const seed = Number(args.seed);
  const k = Number(args.k);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--series must be an integer ≥ 1, got ${args.series}`);
  if (!Number.isInteger(k) || k < 0) throw new Error(`--k must be an integer ≥ 0, got ${args.k}`);
  const noiseScale = Number(args['noise-scale']);
  if (!(noiseScale >= 0)) throw new Error(`--noise-scale must be a number ≥ 0, got ${args['noise-scale']}`);
  const shape: SeriesShape = { ...LENGTHS, noiseScale };
  const pools = readPools(args.fixture);
  const sweep: DetectOptions[] = args.sweep ? [{ test: 'welch' }, { windowSize: 50 }, { windowSize: 200 }, { minSegment: 8 }, { alpha: 0.01 }] : [];
  console.log(`${count} series per step size, ${shape.minLength}–${shape.maxLength} points, step ≥ ${shape.margin} points from either end; noise × ${noiseScale}; seed ${seed}; a hit is within ±${k} points`);
  console.log(`noise: ${pools.map((p) => `${p.backend} ${p.metric} (${p.residuals.length})`).join(', ')}\n`);
  console.log(accuracyTable(pools, shape, seed, count, k, detectors(sweep)).join('\n'));
  const header = ['| function | points | shifts found (median) | series | median ms | p95 ms |', '|---|---|---|---|---|---|'];
  console.log(`\n${[...header, ...timing(pools, seed, 50, 5), ...timing(pools, seed, 50, 20)].join('\n')}`);
  console.log(`\nload average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
}

main();
