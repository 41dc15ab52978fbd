/**
 * Power and family-wise false calls of auto-sampling, by seeded simulation on real step-time
 * residuals (bench/step-residuals.ts), at one budget for every design:
 *  - job scale, harmonic spending α/(k(k+1)) (the previous rule);
 *  - job scale, O'Brien–Fleming-type spending (the current rule) — both through the real
 *    runner (runRounds) with jobs drawn from real runs and a clock advanced by real job times;
 *  - step scale (both models in one worker, ABBA blocks, the job's mean block log ratio per job,
 *    t interval over jobs), O'Brien–Fleming-type spending.
 *
 *   npx tsx bench/sequential-power.ts [--trials 1000] [--budget 600] [--threshold 1%] [--fixture bench/fixtures/mlp-wasm-steps.json]
 */
import { parseThreshold } from '../src/core/compare/index.ts';
import { createRng, type Rng } from '../src/core/random.ts';
import { runRounds } from '../src/core/runner/index.ts';
import type { RunnerContext } from '../src/core/runner/index.ts';
import { parseJobSpec } from '../src/core/spec.ts';
import { failedJob, summarizeSteps } from '../src/core/summarize.ts';
import type { ResolvedVariant } from '../src/core/suite.ts';
import type { SpendingRule } from '../src/core/compare/index.ts';
import { jobScalePair, loadStepResiduals, type StepResiduals } from './step-residuals.ts';
import { runStepScale } from './step-scale-sim.ts';

/** What a fresh browser context costs a job beyond its own wall time (context + page + worker start), ms. */
export const CONTEXT_MS = 1000;

export interface Outcome {
  readonly verdict: string;
  readonly elapsedMs: number;
}

const spec = parseJobSpec({ backend: 'wasm', workload: 'mlp' });
const variants: ResolvedVariant[] = [{ name: 'A', spec }, { name: 'B', spec: { ...spec, width: 129 } }];

async function runJobScale(residuals: StepResiduals, rng: Rng, slowdown: number, budgetSeconds: number, threshold: string, rule: SpendingRule): Promise<Outcome> {
  let clockMs = 0;
  let pair: [number, number] = [0, 0];
  const context: RunnerContext = {
    async runJob(jobSpec, ticket) {
      if (ticket.variantIndex === 0 && ticket.round % 2 === 0) pair = jobScalePair(residuals, rng, slowdown);
      if (ticket.variantIndex === 1 && ticket.round % 2 === 1) pair = jobScalePair(residuals, rng, slowdown);
      clockMs += residuals.jobWallMs + CONTEXT_MS;
      return { ...failedJob(jobSpec, null, residuals.jobWallMs), steps: summarizeSteps(jobSpec, [pair[ticket.variantIndex]!]) };
    },
    runServing: () => Promise.reject(new Error('no serving here')),
    now: () => clockMs,
    hostInfo: () => null,
    progress: { setTotal() {}, note() {}, finish() {} },
    toolVersion: 'simulation',
  };
  const outcome = await runRounds(
    { variants, metrics: ['steps.medianMs'], threshold: parseThreshold(threshold), repetitions: 3, budgetSeconds, spending: rule },
    context,
  );
  return { verdict: outcome.comparison.metrics[0]!.differences[0]!.verdict, elapsedMs: outcome.sampling.elapsedMs };
}

interface Row { design: string; slowdown: number; called: number; slower: number; medianVerdictS: number | null; trials: number }

async function cell(design: string, slowdown: number, trials: number, run: (rng: Rng) => Promise<Outcome> | Outcome): Promise<Row> {
  let called = 0;
  let slower = 0;
  const times: number[] = [];
  for (let t = 0; t < trials; t++) {
    const outcome = await run(createRng(1_000_003 * (t + 1) + Math.round(slowdown * 1000)));
    if (outcome.verdict === 'slower' || outcome.verdict === 'faster') called++;
    if (outcome.verdict === 'slower') {
      slower++;
      times.push(outcome.elapsedMs / 1000);
    }
  }
  times.sort((a, b) => a - b);
  const medianVerdictS = times.length > 0 ? times[Math.floor((times.length - 1) / 2)]! : null;
  return { design, slowdown, called, slower, medianVerdictS, trials };
}

function option(argv: readonly string[], name: string, fallback: string): string {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
}

export async function main(argv: readonly string[]): Promise<number> {
  const trials = Number(option(argv, 'trials', '1000'));
  const budgetSeconds = Number(option(argv, 'budget', '600'));
  const threshold = option(argv, 'threshold', '1%');
  if (!(Number.isInteger(trials) && trials >= 10)) throw new RangeError(`--trials must be an integer ≥ 10, got ${trials}`);
  if (!(budgetSeconds >= 10)) throw new RangeError(`--budget must be ≥ 10 seconds, got ${budgetSeconds}`);
  const fixture = argv.includes('--fixture') ? new URL(option(argv, 'fixture', ''), `file://${process.cwd()}/`) : undefined;
  const residuals = loadStepResiduals(fixture);
  const designs: [string, (rng: Rng, slowdown: number) => Promise<Outcome> | Outcome][] = [
    ['job scale, harmonic α/(k(k+1))', (rng, s) => runJobScale(residuals, rng, s, budgetSeconds, threshold, 'harmonic')],
    ["job scale, O'Brien–Fleming spending", (rng, s) => runJobScale(residuals, rng, s, budgetSeconds, threshold, 'obrien-fleming')],
    ["step scale ABBA, O'Brien–Fleming spending", (rng, s) => runStepScale(residuals, rng, s, budgetSeconds, threshold, 'obrien-fleming', CONTEXT_MS)],
    ['step scale ABBA, harmonic α/(k(k+1))', (rng, s) => runStepScale(residuals, rng, s, budgetSeconds, threshold, 'harmonic', CONTEXT_MS)],
  ];
  console.log(`${trials} seeded trials a cell, budget ${budgetSeconds} s, threshold ${threshold}; residuals of ${residuals.jobMediansMs.length} real mlp/wasm jobs of ${residuals.jobStepsMs[0]!.length} steps ` +
    `(job ${(residuals.jobWallMs / 1000).toFixed(2)} s + ${CONTEXT_MS / 1000} s context, step ${residuals.stepMs.toFixed(1)} ms)`);
  console.log('| design | A/A false calls (family-wise, all looks) | power 2% | power 5% | power 10% | median time to "slower" at 10% |');
  console.log('|---|---|---|---|---|---|');
  for (const [design, run] of designs) {
    const rows: Row[] = [];
    for (const slowdown of [0, 0.02, 0.05, 0.1]) rows.push(await cell(design, slowdown, trials, (rng) => run(rng, slowdown)));
    const [aa, ...ab] = rows;
    const rate = (k: number, n: number): string => `${((100 * k) / n).toFixed(1)}% ± ${(100 * Math.sqrt((k / n) * (1 - k / n) / n)).toFixed(1)}`;
    console.log(`| ${design} | ${rate(aa!.called, aa!.trials)} | ${ab.map((r) => rate(r.slower, r.trials)).join(' | ')} | ${ab[2]!.medianVerdictS === null ? '—' : `${ab[2]!.medianVerdictS.toFixed(0)} s`} |`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  });
}
