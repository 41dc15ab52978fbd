/**
 * Calibration of the comparison statistics on real webgpu jobs (`npm run calibrate`). Every
 * comparison is a two-variant comparison suite run by the CLI's own runner (interleaved A B, B A, …
 * rounds in fresh browser contexts, auto-sampling with the suite's threshold and a time budget):
 *  1. `--aa` A/A comparisons of the base config with itself: each should say "no detectable difference";
 *  2. `--ab` A/B comparisons where B's hidden layer is wider, sized to cost ~10% more: each should say "slower".
 * The base is an mlp whose hidden layer (320 wide) dominates the step; tfjs's matmul kernel is pinned
 * (WEBGPU_MATMUL_PROGRAM_TYPE = packed) because tfjs otherwise picks kernels by size thresholds and a
 * wider layer can come out faster. The packed kernel works in 32-wide tiles, so 320 → 352 adds one
 * tile in ten.
 * The A/A and A/B comparisons are mixed in time so machine load drifts over both alike. The judged
 * metric is the step median; TTFB is compared on the same jobs for information. At the end the
 * measured B/A step cost ratio over all A/B jobs says how big the slowdown really was.
 *
 * npm run calibrate -- [--aa 20] [--ab 10] [--threshold 10%] [--budget 300] [--width 352] [--out .scratch/calibration.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareVariants, formatLevel, formatSigned, groupByVariant, parseThreshold, type Comparison, type Sampling, type Verdict } from '../src/core/compare/index.ts';
import type { JobResult } from '../src/core/result.ts';
import { parseJobSpec, type JobSpec } from '../src/core/spec.ts';
import { parseSuite } from '../src/core/suite.ts';
import { mean, median } from '../src/core/stats/index.ts';
import { openBrowser } from './browser.ts';
import { runComparisonSuite } from './comparison-suite.ts';
import { openRunner, type PageRunner } from './page-runner.ts';
import { createProgress } from './progress.ts';
import { serveApp } from './server.ts';

const { values } = parseArgs({
  options: {
    aa: { type: 'string', default: '20' },
    ab: { type: 'string', default: '10' },
    threshold: { type: 'string', default: '10%' },
    budget: { type: 'string', default: '300' },
    width: { type: 'string', default: '352' },
    out: { type: 'string', default: '.scratch/calibration.json' },
    'no-build': { type: 'boolean' },
  },
});
const threshold = parseThreshold(values.threshold);
const budgetSeconds = Number(values.budget);
const PACKED_MATMUL = 3; // tfjs-backend-webgpu MatMulProgramType.MatMulPackedProgram
const BASE = {
  workload: 'mlp',
  backend: 'webgpu',
  width: 320,
  batchSize: 64,
  steps: 20,
  warmupSteps: 3,
  servingQueries: 0,
  profileSteps: 0,
  flags: { WEBGPU_MATMUL_PROGRAM_TYPE: PACKED_MATMUL },
} as const;

const log = (line: string): void => {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${line}\n`);
};

async function runLogged(runner: PageRunner, spec: JobSpec): Promise<JobResult> {
  const result = await runner.run(spec);
  if (result.error) log(`  job failed: ${result.error.code}: ${result.error.message}`);
  return result;
}

interface Outcome {
  kind: 'A/A' | 'A/B';
  verdict: Verdict;
  relative: number;
  relativeCi: [number, number];
  level: number;
  rounds: number;
  looks: number;
  stop: Sampling['stop'];
  elapsedMs: number;
  /** TTFB on the same jobs, for information (not what sampling waited for). */
  ttfb: { verdict: Verdict; relative: number; relativeCi: [number, number] };
}

const firstDifference = (comparison: Comparison, index: number) => comparison.metrics[index]!.differences[0]!;

async function compareOnce(runner: PageRunner, b: JobSpec, kind: Outcome['kind'], jobs: JobResult[]): Promise<Outcome> {
  const suite = parseSuite({
    kind: 'comparison',
    name: `calibration ${kind}`,
    base: BASE,
    variants: [
      { name: 'A', spec: {} },
      { name: 'B', spec: kind === 'A/A' ? {} : { width: b.width } },
    ],
    metrics: ['steps.medianMs'],
    repetitions: 3,
    threshold: values.threshold,
    budgetSeconds,
  });
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const outcome = await runComparisonSuite(suite, {
    runJob: (spec) => runLogged(runner, spec),
    progress: createProgress(sink, 0),
    threshold,
    thresholdText: values.threshold,
    budgetSeconds,
    now: Date.now,
  });
  jobs.push(...outcome.results);
  const comparison = outcome.file.comparison as Comparison;
  const sampling = outcome.file.sampling!;
  const step = firstDifference(comparison, 0);
  const ttfb = firstDifference(
    compareVariants(groupByVariant(outcome.file.results), { metrics: ['ttfb.totalMs'], threshold, level: comparison.level, paired: true }),
    0,
  );
  return {
    kind,
    verdict: step.verdict,
    relative: step.relative.value,
    relativeCi: [step.relative.ci.low, step.relative.ci.high],
    level: comparison.level,
    rounds: sampling.rounds,
    looks: sampling.looks ?? 1,
    stop: sampling.stop,
    elapsedMs: sampling.elapsedMs,
    ttfb: { verdict: ttfb.verdict, relative: ttfb.relative.value, relativeCi: [ttfb.relative.ci.low, ttfb.relative.ci.high] },
  };
}

const pct = (x: number): string => formatSigned(x, '%');

function summarize(outcomes: readonly Outcome[], read: (o: Outcome) => Verdict, kind: Outcome['kind']): string {
  const of = outcomes.filter((o) => o.kind === kind);
  const verdicts: Verdict[] = ['no detectable difference', 'slower', 'faster', 'unresolved'];
  return `${kind} (${of.length}): ${verdicts.map((v) => `${v} ${of.filter((o) => read(o) === v).length}`).join(', ')}`;
}

async function calibrate(): Promise<void> {
  const server = await serveApp({ skipBuild: values['no-build'] === true, outDir: fileURLToPath(new URL('../.bench-out/calibrate-app', import.meta.url)) });
  const browser = await openBrowser();
  const runner = await openRunner(browser, server.url);
  const jobs: JobResult[] = [];
  const outcomes: Outcome[] = [];
  try {
    const aaCount = Number(values.aa);
    const abCount = Number(values.ab);
    log(`calibration: ${aaCount} A/A + ${abCount} A/B comparisons of the step median, threshold ${values.threshold}, auto-sampling budget ${budgetSeconds} s each`);
    const b = parseJobSpec({ ...BASE, width: Number(values.width) });
    log(`A: mlp width ${BASE.width}; B: width ${b.width} (packed matmul, batch ${BASE.batchSize}, ${BASE.steps} steps a job)`);
    // Spread the A/B comparisons evenly among the A/A ones.
    const order: Outcome['kind'][] = [];
    for (let i = 0, aa = 0, ab = 0; i < aaCount + abCount; i++) {
      const wantAb = ab < abCount && (aa >= aaCount || (ab + 1) / abCount <= (aa + 1) / aaCount);
      order.push(wantAb ? 'A/B' : 'A/A');
      if (wantAb) ab++;
      else aa++;
    }
    for (const [index, kind] of order.entries()) {
      const outcome = await compareOnce(runner, b, kind, jobs);
      outcomes.push(outcome);
      log(
        `${index + 1}/${order.length} ${kind}: step median ${outcome.verdict} ${pct(outcome.relative)} [${pct(outcome.relativeCi[0])}, ${pct(outcome.relativeCi[1])}] ` +
          `(${formatLevel(outcome.level)} CI, ${outcome.stop} after ${outcome.rounds} rounds, ${outcome.looks} looks, ${(outcome.elapsedMs / 1000).toFixed(0)} s) · ` +
          `TTFB ${outcome.ttfb.verdict} ${pct(outcome.ttfb.relative)}`,
      );
      writeFileSync(values.out, `${JSON.stringify({ threshold: values.threshold, budgetSeconds, base: BASE, bWidth: b.width, outcomes, jobs }, null, 1)}\n`);
    }
    const stepsOf = (width: number): number[] => jobs.filter((j) => j.spec.width === width && j.steps).map((j) => j.steps!.medianMs);
    const [stepsA, stepsB] = [stepsOf(BASE.width), stepsOf(b.width)];
    log(
      stepsA.length > 0 && stepsB.length > 0
        ? `measured step cost over all jobs: width ${b.width} / width ${BASE.width} = ×${(mean(stepsB) / mean(stepsA)).toFixed(3)}`
        : `measured step cost ratio unavailable: no successful jobs of width ${stepsB.length > 0 ? BASE.width : b.width}`,
    );
    log(`step median: ${summarize(outcomes, (o) => o.verdict, 'A/A')}; ${summarize(outcomes, (o) => o.verdict, 'A/B')}`);
    const rounds = (kind: Outcome['kind']): string => {
      const r = outcomes.filter((o) => o.kind === kind).map((o) => o.rounds);
      return r.length ? `${kind} median ${median(r)} rounds (${Math.min(...r)}–${Math.max(...r)})` : `${kind} none`;
    };
    log(`rounds per comparison: ${rounds('A/A')}, ${rounds('A/B')}`);
    log(`TTFB on the same jobs (not sampled for): ${summarize(outcomes, (o) => o.ttfb.verdict, 'A/A')}; ${summarize(outcomes, (o) => o.ttfb.verdict, 'A/B')}`);
    log(`${jobs.length} jobs, ${jobs.filter((j) => j.error).length} failed; results in ${values.out}`);
  } finally {
    await runner.close();
    await browser.close();
    await server.close();
  }
}

await calibrate();
