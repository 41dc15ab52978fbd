import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { SuiteJobResult, SuiteResultFile } from '../src/core/compare/index.ts';
import { sideBySideSuite, type SideBySide } from '../src/core/compare/side-by-side.ts';
import { messageOf } from '../src/core/errors.ts';
import {
  comparisonSuiteOf,
  FanOutError,
  outcomeOfSavedFile,
  RunCancelledError,
  runSuite,
  toResultFile,
  type OutcomeFile,
  type RunOverrides,
  type SuiteOutcome,
} from '../src/core/runner/index.ts';
import type { BackendName } from '../src/core/backends.ts';
import type { Suite } from '../src/core/suite.ts';
import { checkFlagsApply, parseCli, UsageError, USAGE, type CliOptions } from './args.ts';
import { BrowserStartError } from './browser.ts';
import { openDevices } from './devices.ts';
import { EXIT, onInterrupt } from './interrupt.ts';
import { STDOUT, writeFileAtomic } from './output.ts';
import { createProgress } from './progress.ts';
import { report, type Judged } from './report.ts';
import { readJsonFile, readResultFile, TOOL_VERSION } from './result-file.ts';
import { DEFAULT_SUITE_PATH, loadSuite } from './suite-file.ts';
import { uploadStep } from './upload-step.ts';

export { EXIT };

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

type Plan =
  | { readonly source: 'run'; readonly suite: Suite; readonly sideBySide?: SideBySide }
  | { readonly source: 'saved'; readonly outcome: SuiteOutcome };

/** The CLI, callable from tests: returns the exit status instead of exiting. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`firstbatch: ${message}\n`);
    return EXIT.error;
  };
  let options: CliOptions;
  let plan: Plan;
  let baseline: SuiteResultFile | undefined;
  let trend: SuiteResultFile | undefined;
  try {
    options = parseCli(argv);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    plan = prepare(options);
    // Read the baseline before running anything, so a bad file fails in a second, not after the suite.
    baseline = options.baselinePath === undefined ? undefined : readResultFile(options.baselinePath);
    trend = options.trendPath === undefined ? undefined : readResultFile(options.trendPath);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`);
    return fail(messageOf(error));
  }

  let outcome: SuiteOutcome;
  let interrupted = false;
  if (plan.source === 'saved') {
    outcome = plan.outcome;
  } else {
    try {
      const ran = await run(plan.suite, options, io);
      outcome = ran.outcome;
      interrupted = ran.interrupted;
    } catch (error) {
      const message = messageOf(error);
      return fail(error instanceof BrowserStartError || error instanceof FanOutError ? message : `run failed: ${message}`);
    }
  }
  const judged: Judged = { baseline, trend, sideBySide: plan.source === 'run' ? plan.sideBySide : undefined };
  const code = await uploadStep(outcome.file, options, await report(outcome, options, judged, io, fail), io.stderr);
  if (!interrupted) return code;
  io.stderr.write(`firstbatch: interrupted after ${outcome.results.length} finished job${outcome.results.length === 1 ? '' : 's'}${options.jsonPath !== undefined ? `: they are in ${options.jsonPath === STDOUT ? 'the JSON on standard output' : options.jsonPath}` : ''}\n`);
  return EXIT.interrupted;
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
  if (options.sideBySidePath === undefined) return { source: 'run', suite };
  const base = loadSuite(options.sideBySidePath);
  if (suite.kind !== 'comparison' || base.kind !== 'comparison') {
    throw new UsageError(`--side-by-side compares two comparison suites; ${suite.kind !== 'comparison' ? `--suite is a ${suite.kind} suite` : `${options.sideBySidePath} is a ${base.kind} suite`}`);
  }
  const sideBySide = sideBySideSuite(base, suite);
  return { source: 'run', suite: sideBySide.suite, sideBySide };
}

function overridesOf(options: CliOptions): RunOverrides {
  return {
    ...(options.threshold !== undefined && options.thresholdText !== undefined ? { threshold: { value: options.threshold, text: options.thresholdText } } : {}),
    ...(options.budgetSeconds !== undefined ? { budgetSeconds: options.budgetSeconds } : {}),
  };
}

/**
 * Serves the app, opens the browsers, runs the suite, closes them. Ctrl-C ends the run with the
 * jobs that finished (a job the interruption cut short is not one of them).
 */
async function run(suite: Suite, options: CliOptions, io: Io): Promise<{ outcome: SuiteOutcome; interrupted: boolean }> {
  const endpoints = options.endpoints.length > 0 ? options.endpoints : (suiteDevices(suite) ?? []);
  const devices = await openDevices({
    endpoints,
    skipBuild: options.skipBuild,
    browser: { extraArgs: options.extraArgs, headed: options.headed, ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}) },
  });
  const progress = createProgress(io.stderr, 0);
  const { jsonPath } = options;
  const finished: SuiteJobResult[] = [];
  const interrupt = onInterrupt(() => void devices.close(), io.stderr);
  // Windows has no load average (os.loadavg() is [0, 0, 0] there): no host info rather than a made-up idle machine.
  const host = () => (process.platform === 'win32' ? null : { loadAverage1m: loadavg()[0] ?? 0, cpuCount: Math.max(1, cpus().length) });
  const withDevices = (file: OutcomeFile): OutcomeFile => (devices.names && 'results' in file && !('kind' in file) ? { ...file, devices: devices.describe() } : file);
  const details = devices.names ? { devices: devices.names, deviceDetails: () => devices.describe() } : {};
  try {
    const outcome = await runSuite(
      suite,
      {
        async runJob(spec, job) {
          const started = host();
          const result = await devices.runJob(spec, job.device, (event) => progress.event(job.label, event));
          if (!interrupt.signal.aborted) {
            progress.done(job.label, result);
            finished.push({ ...result, variant: job.variant, repetition: job.round, ...(started ? { host: started } : {}), ...(job.device !== undefined ? { device: job.device } : {}) });
          }
          return result;
        },
        runServing: (serving, onProgress) => devices.runServing(serving, onProgress),
        // A device peak is a property of one browser: measured for single-browser runs (a fan-out shows no efficiency table).
        ...(devices.names ? {} : { measurePeak: (backend: BackendName) => devices.measurePeak(backend) }),
        now: Date.now,
        hostInfo: host,
        progress,
        signal: interrupt.signal,
        toolVersion: TOOL_VERSION,
        ...details,
        // A long run that breaks keeps what it measured in --json (never half a file: written atomically).
        ...(jsonPath !== undefined && jsonPath !== STDOUT ? { checkpoint: (partial: OutcomeFile) => writeFileAtomic(jsonPath, `${JSON.stringify(partial)}\n`) } : {}),
      },
      overridesOf(options),
    );
    return { outcome, interrupted: false };
  } catch (error) {
    if (!(error instanceof RunCancelledError) && !interrupt.signal.aborted) throw error;
    if (suite.kind !== 'comparison' && suite.kind !== 'lab') throw new Error(`interrupted: a ${suite.kind} suite keeps nothing when stopped half-way`);
    const file = toResultFile(finished, { toolVersion: TOOL_VERSION, suite: { name: suite.name, kind: suite.kind, threshold: suite.threshold, metrics: [...suite.metrics], definition: suite } });
    return { outcome: outcomeOfSavedFile(withDevices(file), overridesOf(options)), interrupted: true };
  } finally {
    interrupt.dispose();
    await devices.close();
  }
}

/** A suite's own named browsers (`devices`), when it has them. */
function suiteDevices(suite: Suite): { name: string; url: string }[] | undefined {
  if (suite.kind !== 'comparison' || suite.devices === undefined) return undefined;
  return suite.devices.map((device) => ({ name: device.name, url: device.endpoint }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
