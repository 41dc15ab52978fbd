/**
 * Calibration of the comparison statistics on real webgpu jobs (`npm run calibrate`):
 *  1. pilot: measures the step cost of a few mlp widths and picks the one ~10% slower than 128;
 *  2. 20 A/A comparisons of the same config: each should say "no detectable difference"
 *     (or at least neither faster nor slower);
 *  3. 10 A/B comparisons where B has that width: each should say "slower".
 * Comparisons are interleaved A B A B … in fresh browser contexts; the A/A and A/B comparisons are
 * mixed in time so machine load drifts over both alike. Prints the counts; writes every job result
 * and verdict to the --out file as it goes.
 *
 * npm run calibrate -- [--repetitions 5] [--aa 20] [--ab 10] [--threshold 5%] [--out .scratch/calibration.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { compareVariants, parseThreshold, type MetricId, type Verdict } from '../src/core/compare/index.ts';
import { formatMs } from '../src/core/format.ts';
import type { JobResult } from '../src/core/result.ts';
import { parseJobSpec, type JobSpec } from '../src/core/spec.ts';
import { mean } from '../src/core/stats/index.ts';
import { openBrowser } from './browser.ts';
import { openRunner, type PageRunner } from './page-runner.ts';
import { serveApp } from './server.ts';

const { values } = parseArgs({
  options: {
    repetitions: { type: 'string', default: '5' },
    aa: { type: 'string', default: '20' },
    ab: { type: 'string', default: '10' },
    threshold: { type: 'string', default: '5%' },
    width: { type: 'string' },
    out: { type: 'string', default: '.scratch/calibration.json' },
    'no-build': { type: 'boolean' },
  },
});
const repetitions = Number(values.repetitions);
const threshold = parseThreshold(values.threshold);
const METRICS_JUDGED: MetricId[] = ['steps.medianMs', 'ttfb.totalMs'];
const BASE = { workload: 'mlp', backend: 'webgpu', steps: 10, warmupSteps: 2, servingQueries: 0, profileSteps: 0, width: 128 } as const;
const PILOT_WIDTHS = [128, 144, 160, 176];
const PILOT_ROUNDS = 3;
const TARGET_RATIO = 1.1;

const log = (line: string): void => {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${line}\n`);
};

async function runLogged(runner: PageRunner, spec: JobSpec): Promise<JobResult> {
  const result = await runner.run(spec);
  if (result.error) log(`  job failed: ${result.error.code}: ${result.error.message}`);
  return result;
}

async function pilot(runner: PageRunner): Promise<{ width: number; ratios: Record<number, number> }> {
  const stepMs = new Map<number, number[]>(PILOT_WIDTHS.map((w) => [w, []]));
  for (let round = 0; round < PILOT_ROUNDS; round++) {
    for (const width of PILOT_WIDTHS) {
      const result = await runLogged(runner, parseJobSpec({ ...BASE, width }));
      if (result.steps) stepMs.get(width)!.push(result.steps.medianMs);
    }
  }
  const base = mean(stepMs.get(128)!);
  const ratios: Record<number, number> = {};
  for (const width of PILOT_WIDTHS) ratios[width] = mean(stepMs.get(width)!) / base;
  log(`pilot step medians: ${PILOT_WIDTHS.map((w) => `${w}: ${formatMs(mean(stepMs.get(w)!))} (×${ratios[w]!.toFixed(3)})`).join(', ')}`);
  // Least-squares line through (width, ratio) anchored at (128, 1); solve for the target ratio.
  const slope =
    PILOT_WIDTHS.reduce((s, w) => s + (w - 128) * (ratios[w]! - 1), 0) / PILOT_WIDTHS.reduce((s, w) => s + (w - 128) ** 2, 0);
  const width = slope > 0 ? Math.round(128 + (TARGET_RATIO - 1) / slope) : 160;
  return { width: Math.min(Math.max(width, 136), 512), ratios };
}

interface Outcome {
  kind: 'A/A' | 'A/B';
  verdicts: Partial<Record<MetricId, Verdict>>;
  relative: Partial<Record<MetricId, number>>;
  relativeCi: Partial<Record<MetricId, [number, number]>>;
}

async function compareOnce(runner: PageRunner, a: JobSpec, b: JobSpec, kind: Outcome['kind'], jobs: JobResult[]): Promise<Outcome> {
  const groups = [
    { name: 'A', results: [] as JobResult[] },
    { name: 'B', results: [] as JobResult[] },
  ];
  for (let r = 0; r < repetitions; r++) {
    for (const [index, spec] of [a, b].entries()) {
      const result = await runLogged(runner, spec);
      groups[index]!.results.push(result);
      jobs.push(result);
    }
  }
  const comparison = compareVariants(groups, { metrics: METRICS_JUDGED, threshold });
  const outcome: Outcome = { kind, verdicts: {}, relative: {}, relativeCi: {} };
  for (const metric of comparison.metrics) {
    const d = metric.differences[0]!;
    outcome.verdicts[metric.metric] = d.verdict;
    outcome.relative[metric.metric] = d.relative.value;
    outcome.relativeCi[metric.metric] = [d.relative.ci.low, d.relative.ci.high];
  }
  return outcome;
}

const pct = (x: number | undefined): string => (x === undefined ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

async function calibrate(): Promise<void> {
  const server = await serveApp({ skipBuild: values['no-build'] === true, outDir: fileURLToPath(new URL('../.bench-out/calibrate-app', import.meta.url)) });
  const browser = await openBrowser();
  const runner = await openRunner(browser, server.url);
  const jobs: JobResult[] = [];
  const outcomes: Outcome[] = [];
  try {
    log(`calibration: ${values.aa} A/A + ${values.ab} A/B comparisons, ${repetitions} repetitions a side, threshold ${values.threshold}`);
    const chosen = values.width !== undefined ? { width: Number(values.width), ratios: {} } : await pilot(runner);
    log(`B width ${chosen.width} (target step cost ×${TARGET_RATIO})`);
    const a = parseJobSpec(BASE);
    const b = parseJobSpec({ ...BASE, width: chosen.width });
    const aaCount = Number(values.aa);
    const abCount = Number(values.ab);
    // Spread the A/B comparisons evenly among the A/A ones.
    const order: Outcome['kind'][] = [];
    for (let i = 0, aa = 0, ab = 0; i < aaCount + abCount; i++) {
      const wantAb = ab < abCount && (aa >= aaCount || (ab + 1) / abCount <= (aa + 1) / aaCount);
      order.push(wantAb ? 'A/B' : 'A/A');
      if (wantAb) ab++;
      else aa++;
    }
    for (const [index, kind] of order.entries()) {
      const outcome = await compareOnce(runner, a, kind === 'A/A' ? a : b, kind, jobs);
      outcomes.push(outcome);
      log(
        `${index + 1}/${order.length} ${kind}: ` +
          METRICS_JUDGED.map((m) => `${m} ${outcome.verdicts[m]} ${pct(outcome.relative[m])} [${pct(outcome.relativeCi[m]?.[0])}, ${pct(outcome.relativeCi[m]?.[1])}]`).join(' · '),
      );
      writeFileSync(values.out, `${JSON.stringify({ threshold: values.threshold, repetitions, bWidth: chosen.width, pilotRatios: chosen.ratios, outcomes, jobs }, null, 1)}\n`);
    }
    const abRatio = mean(jobs.filter((j) => j.spec.width === chosen.width && j.steps).map((j) => j.steps!.medianMs)) /
      mean(jobs.filter((j) => j.spec.width === 128 && j.steps).map((j) => j.steps!.medianMs));
    log(`measured step cost ratio width ${chosen.width} / 128 over all jobs: ×${abRatio.toFixed(3)}`);
    for (const metric of METRICS_JUDGED) {
      const count = (kind: Outcome['kind'], verdict: Verdict): number => outcomes.filter((o) => o.kind === kind && o.verdicts[metric] === verdict).length;
      const aa = outcomes.filter((o) => o.kind === 'A/A').length;
      const ab = outcomes.filter((o) => o.kind === 'A/B').length;
      log(
        `${metric}: A/A (${aa}): no detectable difference ${count('A/A', 'no detectable difference')}, unresolved ${count('A/A', 'unresolved')}, ` +
          `faster ${count('A/A', 'faster')}, slower ${count('A/A', 'slower')} → neither faster nor slower ${aa - count('A/A', 'faster') - count('A/A', 'slower')}/${aa}; ` +
          `A/B (${ab}): slower ${count('A/B', 'slower')}/${ab}, unresolved ${count('A/B', 'unresolved')}, no detectable difference ${count('A/B', 'no detectable difference')}, faster ${count('A/B', 'faster')}`,
      );
    }
    const failed = jobs.filter((j) => j.error).length;
    log(`${jobs.length} jobs, ${failed} failed; results in ${values.out}`);
  } finally {
    await runner.close();
    await browser.close();
    await server.close();
  }
}

await calibrate();
