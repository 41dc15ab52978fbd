/**
 * Runs an interleaved (step-scale) suite: both models in one worker, steps A B B A, one value per
 * job (the mean ln(B / A) of its blocks, a blocked estimate), jobs as the independent units (a t
 * interval over jobs), looks at 3, 5, 8, … jobs with the O'Brien–Fleming-type spending of the
 * comparison suites over the jobs the budget holds. Exit 1 when B is significantly slower and its
 * estimate beyond the threshold (the CI gate's rule), 0 otherwise, 2 on errors.
 *
 *   flock /tmp/fb-browser.lock npx tsx bench/interleaved.ts --suite bench/suites/regression-2pct.json [--json out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatLevel, nextLookRound, spendLook, startSpending } from '../src/core/compare/index.ts';
import { ROUNDS_DEFAULTS, STATS_DEFAULTS } from '../src/core/defaults.ts';
import { openSession, type BenchSession } from './session.ts';
import { blockLogRatios, judgeLogRatios, parseInterleavedSuite, type InterleavedSuite, type StepScaleVerdict } from '../src/core/compare/step-scale.ts';

interface JobValue { readonly meanLogRatio: number; readonly blocks: number; readonly wallMs: number; readonly medianStepMs: number }

async function runOne(session: BenchSession, suite: InterleavedSuite, index: number): Promise<JobValue> {
  const seed = suite.spec.seed + index;
  const result = await session.runJob({ ...suite.spec, seed });
  if (result.error || !result.steps) throw new Error(`job ${index + 1} failed: ${result.error?.message ?? 'no steps measured'}`);
  // Odd seeds run B A A B (the module counterbalances), where a block's middle pair is A.
  const sign = seed % 2 === 1 ? -1 : 1;
  const logs = blockLogRatios(result.steps.samplesMs);
  return { meanLogRatio: (sign * logs.reduce((s, x) => s + x, 0)) / logs.length, blocks: logs.length, wallMs: result.wallMs, medianStepMs: result.steps.medianMs };
}

export async function runInterleaved(suite: InterleavedSuite, session: BenchSession, log: (line: string) => void): Promise<StepScaleVerdict & { values: JobValue[] }> {
  const startedMs = performance.now();
  const budgetMs = suite.budgetSeconds * 1000;
  const values: JobValue[] = [];
  const add = async (): Promise<void> => {
    const value = await runOne(session, suite, values.length);
    values.push(value);
    log(`job ${values.length}: ${value.blocks} A B B A blocks, B / A ${signedPct(Math.expm1(value.meanLogRatio))}, step median ${value.medianStepMs.toFixed(2)} ms`);
  };
  for (let i = 0; i < ROUNDS_DEFAULTS.minAutoSamplingRounds; i++) await add();
  const elapsed = (): number => performance.now() - startedMs;
  const planned = Math.max(values.length, Math.min(ROUNDS_DEFAULTS.maxRounds, Math.floor(budgetMs / (elapsed() / values.length))));
  let state = startSpending(ROUNDS_DEFAULTS.spendingRule, STATS_DEFAULTS.level, planned);
  let lookAt = values.length;
  for (;;) {
    const fits = (): boolean => elapsed() + elapsed() / values.length <= budgetMs;
    const final = !fits() || values.length >= planned;
    const spent = spendLook(state, values.length, final);
    state = spent.state;
    const judged = judgeLogRatios(values.map((v) => v.meanLogRatio), 1 - spent.alpha, suite.threshold.fraction);
    const { relative } = judged;
    log(`look ${state.looks} at ${values.length} of ${planned} planned jobs: B / A ${signedPct(relative.value)} [${signedPct(relative.low)}, ${signedPct(relative.high)}] ` +
      `(${formatLevel(relative.level)} CI): ${judged.verdict}`);
    if (judged.verdict !== 'unresolved' || final) return { ...judged, elapsedMs: elapsed(), jobs: values.length, values };
    lookAt = Math.min(nextLookRound(lookAt), planned);
    while (values.length < lookAt && fits()) await add();
  }
}

const signedPct = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%`;

export async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf('--suite');
  if (at < 0 || argv[at + 1] === undefined) {
    console.error('usage: npx tsx bench/interleaved.ts --suite FILE [--json OUT]');
    return 2;
  }
  const suite = parseInterleavedSuite(JSON.parse(readFileSync(argv[at + 1]!, 'utf8')));
  const jsonAt = argv.indexOf('--json');
  const session = await openSession();
  try {
    console.log(`${suite.name}: ${suite.spec.job} on ${suite.spec.backend}, ${suite.spec.steps} steps a job (A B B A), budget ${suite.budgetSeconds} s, threshold ${(100 * suite.threshold.fraction).toFixed(1)}%`);
    const outcome = await runInterleaved(suite, session, (line) => console.log(line));
    const regression = outcome.verdict === 'slower' && outcome.relative.value > suite.threshold.fraction;
    console.log(`${outcome.verdict} after ${outcome.jobs} jobs, ${(outcome.elapsedMs / 1000).toFixed(0)} s: ` +
      (regression ? `B is slower by more than ${(100 * suite.threshold.fraction).toFixed(1)}% (exit 1)` : 'no regression beyond the threshold (exit 0)'));
    if (jsonAt >= 0 && argv[jsonAt + 1] !== undefined) writeFileSync(argv[jsonAt + 1]!, `${JSON.stringify({ suite: suite.name, ...outcome }, null, 1)}\n`);
    return regression ? 1 : 0;
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(`interleaved: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
