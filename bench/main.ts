import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { SuiteResultFile } from '../src/core/compare/index.ts';
import { messageOf } from '../src/core/errors.ts';
import { jobLabel } from '../src/core/format.ts';
import { comparisonSuiteOf, outcomeOfSavedFile, runSuite, type OutcomeFile, type RunOverrides, type SuiteOutcome } from '../src/core/runner/index.ts';
import type { Suite } from '../src/core/suite.ts';
import { toTrace } from '../src/core/trace.ts';
import { checkFlagsApply, parseCli, UsageError, USAGE, type CliOptions } from './args.ts';
import { BrowserStartError } from './browser.ts';
import { createProgress } from './progress.ts';
import { readJsonFile, readResultFile, TOOL_VERSION } from './result-file.ts';
import { openSession } from './session.ts';
import { DEFAULT_SUITE_PATH, loadSuite } from './suite-file.ts';

export const EXIT = { ok: 0, regression: 1, error: 2 } as const;

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

type Plan = { readonly source: 'run'; readonly suite: Suite } | { readonly source: 'saved'; readonly outcome: SuiteOutcome };

/** The CLI, callable from tests: returns the exit status instead of exiting. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`firstbatch: ${message}\n`);
    return EXIT.error;
  };
  let options: CliOptions;
  let plan: Plan;
  let baseline: SuiteResultFile | undefined;
  try {
    options = parseCli(argv);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    plan = prepare(options);
    // Read the baseline before running anything, so a bad file fails in a second, not after the suite.
    baseline = options.baselinePath === undefined ? undefined : readResultFile(options.baselinePath);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`);
    return fail(messageOf(error));
  }

  let outcome: SuiteOutcome;
  if (plan.source === 'saved') {
    outcome = plan.outcome;
  } else {
    try {
      outcome = await run(plan.suite, options, io);
    } catch (error) {
      const message = messageOf(error);
      return fail(error instanceof BrowserStartError ? message : `run failed: ${message}`);
    }
  }
  return report(outcome, options, baseline, io, fail);
}

/** The suite to run (or the saved outcome to print), with every flag checked against its kind. */
function prepare(options: CliOptions): Plan {
  if (options.fromPath !== undefined) {
    let outcome: SuiteOutcome;
    try {
      outcome = outcomeOfSavedFile(readJsonFile(options.fromPath), overridesOf(options));
    } catch (error) {
      throw new Error(`${options.fromPath}: ${messageOf(error)}`);
    }
    checkFlagsApply(options, outcome.kind, 'saved');
    return { source: 'saved', outcome };
  }
  const suite =
    options.specs.length > 0
      ? comparisonSuiteOf({ name: 'command line', variants: options.specs, repetitions: options.repetitions })
      : loadSuite(options.suitePath ?? DEFAULT_SUITE_PATH);
  checkFlagsApply(options, suite.kind, 'run');
  return { source: 'run', suite };
}

function overridesOf(options: CliOptions): RunOverrides {
  return {
    ...(options.threshold !== undefined && options.thresholdText !== undefined ? { threshold: { value: options.threshold, text: options.thresholdText } } : {}),
    ...(options.budgetSeconds !== undefined ? { budgetSeconds: options.budgetSeconds } : {}),
  };
}

/** Serves the app, opens the browser, runs the suite, closes both. */
async function run(suite: Suite, options: CliOptions, io: Io): Promise<SuiteOutcome> {
  const session = await openSession({ skipBuild: options.skipBuild, browser: { endpoint: options.browserEndpoint } });
  const progress = createProgress(io.stderr, 0);
  const { jsonPath } = options;
  try {
    return await runSuite(
      suite,
      {
        async runJob(spec, job) {
          const result = await session.runJob(spec, (event) => progress.event(job.label, event));
          progress.done(job.label, result);
          return result;
        },
        runServing: (serving, onProgress) => session.runServing(serving, onProgress),
        measurePeak: (backend) => session.measurePeak(backend),
        now: Date.now,
        hostInfo: () => ({ loadAverage1m: loadavg()[0] ?? 0, cpuCount: Math.max(1, cpus().length) }),
        progress,
        toolVersion: TOOL_VERSION,
        // A long run (a lab, a calibration) that breaks keeps what it measured in --json.
        ...(jsonPath !== undefined ? { checkpoint: (partial: OutcomeFile) => writeFileSync(jsonPath, `${JSON.stringify(partial)}\n`) } : {}),
      },
      overridesOf(options),
    );
  } finally {
    await session.close();
  }
}

/** Prints the outcome, judges it against the baseline, writes the files; returns the exit status. */
function report(outcome: SuiteOutcome, options: CliOptions, baseline: SuiteResultFile | undefined, io: Io, fail: (message: string) => number): number {
  io.stdout.write(`${outcome.table}\n`);
  let markdown = outcome.markdown;
  let regressions = 0;
  if (baseline && outcome.judge) {
    const verdict = outcome.judge(baseline);
    if (verdict.judged === 0) {
      const names = [...new Set(outcome.results.map((r) => r.variant ?? ''))];
      return fail(`the baseline ${options.baselinePath} has none of this suite's variants (${names.join(', ')})`);
    }
    io.stdout.write(`\n${verdict.table}\n`);
    markdown = `${markdown}\n${verdict.markdown}`;
    regressions = verdict.regressions;
    io.stderr.write(`firstbatch: ${verdict.line}\n`);
  }
  const writeJson = (path: string, what: string): void => {
    writeFileSync(path, `${JSON.stringify(outcome.file, null, 2)}\n`);
    io.stderr.write(`firstbatch: wrote ${what} ${path}\n`);
  };
  try {
    if (options.jsonPath) writeJson(options.jsonPath, 'results');
    if (options.tracePath) {
      writeFileSync(options.tracePath, `${JSON.stringify(toTrace(outcome.results))}\n`);
      io.stderr.write(`firstbatch: wrote trace ${options.tracePath}\n`);
    }
    if (options.saveBaselinePath) writeJson(options.saveBaselinePath, 'baseline');
    if (options.markdownPath) {
      writeFileSync(options.markdownPath, markdown);
      io.stderr.write(`firstbatch: wrote summary ${options.markdownPath}\n`);
    }
  } catch (error) {
    return fail(`could not write output: ${messageOf(error)}`);
  }
  if (outcome.failure) io.stderr.write(`firstbatch: ${outcome.failure}\n`);
  const failed = outcome.results.filter((r) => r.error);
  if (failed.length > 0) {
    // Every failure in full: the table truncates them, and each names what to fix.
    if (failed.length > 1) for (const r of failed) io.stderr.write(`firstbatch: ${r.variant ?? jobLabel(r.spec)} failed: ${r.error?.code}: ${r.error?.message}\n`);
    return fail(`${failed.length} of ${outcome.results.length} jobs failed (first: ${failed[0]?.error?.code}: ${failed[0]?.error?.message})`);
  }
  return outcome.failure !== null || regressions > 0 ? EXIT.regression : EXIT.ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
