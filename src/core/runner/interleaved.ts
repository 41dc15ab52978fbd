/**
 * The `interleaved` kind's run: one job module holding both models, its steps trained A B B A in
 * one worker (src/core/compare/step-scale.ts says why), jobs in fresh contexts until the verdict
 * is resolved or the budget is spent. Looks at 3, 5, 8, … jobs with the comparison suites'
 * spending rule over the jobs the budget holds; each job's value is the mean ln(B / A) of its
 * blocks, jobs the independent units. A failed job stops the run: it is reported as that job's
 * error, with every job before it kept.
 */
import { nextLookRound, spendLook, startSpending, type SpendingState } from '../compare/sequential.ts';
import type { SuiteJobResult } from '../compare/results-file.ts';
import {
  formatInterleavedMarkdown, formatInterleavedTable, formatRelative, interleavedConclusion, signedPct,
  type InterleavedFile, type InterleavedReport, type StepScaleJob,
} from '../compare/step-scale-report.ts';
import { blockLogRatios, judgeLogRatios, resolveInterleaved, type InterleavedSuite, type InterleavedSuiteFile } from '../compare/step-scale.ts';
import { ROUNDS_DEFAULTS, STATS_DEFAULTS } from '../defaults.ts';
import { finiteOrNull, mean } from '../stats/index.ts';
import { RESULT_SCHEMA_VERSION } from '../result.ts';
import { effectiveSettings } from './comparison.ts';
import { RunCancelledError, type RunnerContext, type RunOverrides, type SuiteOutcome } from './context.ts';

/** What the step-scale run needs of its platform (the calibration's driver gives it this much). */
export type StepScaleContext = Pick<RunnerContext, 'runJob' | 'now' | 'progress' | 'signal' | 'checkpoint' | 'toolVersion'>;

/** Runs the suite (its file's form: --threshold and --budget applied) and gives back its outcome. */
export async function runInterleavedSuite(suite: InterleavedSuiteFile, context: StepScaleContext, overrides: RunOverrides = {}): Promise<SuiteOutcome<'interleaved'>> {
  // The same reading of --threshold and --budget as every other job kind's.
  const settings = effectiveSettings(suite, overrides);
  const ran: InterleavedSuiteFile = { ...suite, threshold: settings.thresholdText, budgetSeconds: settings.budgetSeconds ?? suite.budgetSeconds };
  return interleavedOutcome(await runInterleaved(resolveInterleaved(ran), context));
}

/** The sequential run itself: jobs, looks, the verdict; the results file it makes. */
export async function runInterleaved(suite: InterleavedSuite, context: StepScaleContext): Promise<InterleavedFile> {
  const run = new StepScaleRun(suite, context);
  context.progress.note(`${suite.name}: ${suite.spec.job} on ${suite.spec.backend}, ${suite.spec.steps} steps a job (A B B A), budget ${suite.budgetSeconds} s, threshold ${suite.definition.threshold}`);
  return run.sample();
}

/** One interleaved run's state: the jobs so far, the spending, the clock. */
class StepScaleRun {
  private readonly results: SuiteJobResult[] = [];
  private readonly values: StepScaleJob[] = [];
  private readonly startedMs: number;
  private failed = false;
  private looks = 0;
  /** Jobs the budget holds, at the pace of the first jobs; null until they have run. */
  private planned: number | null = null;

  constructor(
    private readonly suite: InterleavedSuite,
    private readonly context: StepScaleContext,
  ) {
    this.startedMs = context.now();
  }

  async sample(): Promise<InterleavedFile> {
    for (let i = 0; i < ROUNDS_DEFAULTS.minAutoSamplingRounds && !this.failed; i++) await this.addJob();
    if (this.failed) return this.file(null, 'job failed');
    const planned = Math.max(this.values.length, Math.min(ROUNDS_DEFAULTS.maxRounds, Math.floor((this.suite.budgetSeconds * 1000) / this.meanJobMs())));
    this.planned = planned;
    this.context.progress.setTotal(planned, false);
    let state: SpendingState = startSpending(ROUNDS_DEFAULTS.spendingRule, STATS_DEFAULTS.level, planned);
    let lookAt = this.values.length;
    for (;;) {
      const final = !this.fits() || this.values.length >= planned;
      const spent = spendLook(state, this.values.length, final);
      state = spent.state;
      this.looks = state.looks;
      const judged = judgeLogRatios(this.values.map((v) => v.meanLogRatio), 1 - spent.alpha, this.suite.threshold.fraction);
      const relative = { value: judged.relative.value, low: finiteOrNull(judged.relative.low), high: finiteOrNull(judged.relative.high), level: judged.relative.level };
      this.context.progress.note(`look ${this.looks} at ${this.values.length} of ${planned} planned jobs: B / A ${formatRelative(relative)}: ${judged.verdict}`);
      if (judged.verdict !== 'unresolved') return this.file({ verdict: judged.verdict, relative }, 'resolved');
      if (final) return this.file({ verdict: judged.verdict, relative }, this.values.length >= planned ? 'planned' : 'budget');
      lookAt = Math.min(nextLookRound(lookAt), planned);
      while (this.values.length < lookAt && this.fits() && !this.failed) await this.addJob();
      if (this.failed) return this.file({ verdict: 'unresolved', relative }, 'job failed');
    }
  }

  private elapsedMs(): number {
    return this.context.now() - this.startedMs;
  }

  private meanJobMs(): number {
    return this.elapsedMs() / Math.max(1, this.results.length);
  }

  /** Whether one more job of the mean length still ends inside the budget. */
  private fits(): boolean {
    return this.elapsedMs() + this.meanJobMs() <= this.suite.budgetSeconds * 1000;
  }

  private async addJob(): Promise<void> {
    if (this.context.signal?.aborted) throw new RunCancelledError(this.results.length);
    const index = this.results.length;
    // Job i runs with seed + i: odd seeds run B A A B (the module counterbalances).
    const seed = this.suite.spec.seed + index;
    const label = `job ${index + 1}`;
    const result = await this.context.runJob({ ...this.suite.spec, seed }, { label, variant: 'A B B A', variantIndex: 0, round: index });
    this.results.push({ ...result, variant: 'A B B A', repetition: index });
    if (result.error || !result.steps) {
      this.failed = true;
      this.context.progress.note(`${label} failed: ${result.error ? `${result.error.code}: ${result.error.message}` : 'no steps measured'}`);
    } else {
      const sign = seed % 2 === 1 ? -1 : 1;
      const logs = blockLogRatios(result.steps.samplesMs);
      const value = { meanLogRatio: sign * mean(logs), blocks: logs.length, wallMs: result.wallMs, medianStepMs: result.steps.medianMs };
      this.values.push(value);
      this.context.progress.note(`${label}: ${value.blocks} A B B A blocks, B / A ${signedPct(Math.expm1(value.meanLogRatio))}, step median ${value.medianStepMs.toFixed(2)} ms`);
    }
    this.context.checkpoint?.(this.file(null, 'in progress'));
  }

  private file(judged: Pick<InterleavedReport, 'verdict' | 'relative'> | null, stop: InterleavedReport['stop']): InterleavedFile {
    const verdict = judged?.verdict ?? 'unresolved';
    const relative = judged?.relative ?? null;
    const regression = verdict === 'slower' && relative !== null && relative.value > this.suite.threshold.fraction;
    const report: InterleavedReport = {
      suite: this.suite.definition,
      verdict, relative, regression, stop, looks: this.looks, plannedJobs: this.planned, elapsedMs: this.elapsedMs(), values: [...this.values],
    };
    return { schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch', version: this.context.toolVersion }, kind: 'interleaved', report, results: [...this.results] };
  }
}

/** The outcome of an interleaved run, from a run or from a saved file: exit 1 when B is a regression. */
export function interleavedOutcome(file: InterleavedFile): SuiteOutcome<'interleaved'> {
  return {
    kind: 'interleaved',
    file,
    results: file.results,
    table: formatInterleavedTable(file.report),
    markdown: formatInterleavedMarkdown(file.report),
    samplingLine: null,
    failure: file.report.regression ? interleavedConclusion(file.report) : null,
  };
}
