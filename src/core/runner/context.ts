/**
 * What the suite runner needs from its platform, and what it gives back. The runner is pure:
 * the CLI injects a bench session (a fresh browser context per job), the web app its page
 * client, tests a fake clock and fake jobs.
 */
import type { CalibrationFile } from '../calibration.ts';
import type { InterleavedFile } from '../compare/step-scale-report.ts';
import type { Device, SuiteJobResult, SuiteResultFile, Threshold } from '../compare/index.ts';
import type { JobResult } from '../result.ts';
import type { ServingReport, ServingSuite } from '../serving/index.ts';
import type { DevicePeak } from '../efficiency/peak.ts';
import type { BackendName, JobSpec } from '../spec.ts';

/** Where a job sits in the suite: its label for progress, its variant and its interleaved round. */
export interface JobTicket {
  /** "B #3", "4/30 A/B: A #2". */
  readonly label: string;
  readonly variant: string;
  /** Index of the variant among those compared (a calibration compares two at a time). */
  readonly variantIndex: number;
  /** 0-based interleaved round. */
  readonly round: number;
  /** The browser to run on, when the suite fans out over several (context.devices). */
  readonly device?: string;
}

/** The machine running the jobs, to tell runs on a busy machine apart. */
export interface HostInfo {
  /** 1-minute load average. */
  readonly loadAverage1m: number;
  readonly cpuCount: number;
}

/** Where the runner reports how far it is (the CLI's progress line; the web app's queue). */
export interface RunProgress {
  /** The planned job count; `more` when auto-sampling may add rounds. */
  setTotal(jobCount: number, more: boolean): void;
  /** A line of its own ("auto-sampling: 2 differences unresolved after 3 rounds; …"). */
  note(line: string): void;
  finish(): void;
}

export interface RunnerContext {
  /** Runs one job in a fresh worker; a job's own failure comes back as its result's `error`. */
  runJob(spec: JobSpec, job: JobTicket): Promise<JobResult>;
  /**
   * Measures the device's peak on a backend, once per run, for jobs that count their work
   * (spec.efficiency); absent where the platform cannot (efficiency then says so).
   */
  measurePeak?(backend: BackendName): Promise<DevicePeak>;
  /** Runs one serving suite; its report is parsed, never trusted. */
  runServing(suite: ServingSuite, onProgress: (line: string) => void): Promise<ServingReport>;
  /** Milliseconds on a monotonic clock: budgets and elapsed times. */
  now(): number;
  /** The host's load (the CLI's machine); null where it cannot be read (a web page). */
  hostInfo(): HostInfo | null;
  readonly progress: RunProgress;
  /** An AbortSignal: aborting stops the run before its next job, and runSuite rejects with RunCancelledError. */
  readonly signal?: CancelSignal;
  /** Written into results files. */
  readonly toolVersion: string;
  /**
   * Browsers to fan the suite out over, by name (the CLI's endpoints): every device runs the whole
   * suite, all at once, and each result names its device. Absent or one: a single browser.
   */
  readonly devices?: readonly string[];
  /** What each device turned out to be (its browser, its Grid node), written into the results file and the summary. */
  readonly deviceDetails?: () => readonly Device[];
  /**
   * Hears the results file so far after every round (every comparison, for a calibration), so a
   * long run that breaks keeps what it measured. Optional: building the file costs a parse.
   */
  readonly checkpoint?: (partial: OutcomeFile) => void;
}

/** What the runner reads of an AbortSignal (core has no DOM or Node types). */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Command-line overrides of a suite's own settings. */
export interface RunOverrides {
  /** --threshold, overriding the suite's. */
  readonly threshold?: { readonly value: Threshold; readonly text: string };
  /** --budget, overriding the suite's budgetSeconds (and turning auto-sampling on). */
  readonly budgetSeconds?: number;
}

export class RunCancelledError extends Error {
  readonly code = 'cancelled';
  constructor(readonly jobsRun: number) {
    super(`the run was cancelled after ${jobsRun} job${jobsRun === 1 ? '' : 's'}`);
    this.name = 'RunCancelledError';
  }
}

export interface BaselineVerdict {
  /** Variants judged (present in both runs). */
  readonly judged: number;
  readonly regressions: number;
  readonly table: string;
  readonly markdown: string;
  /** One line naming every regression (or saying there is none). */
  readonly line: string;
}

/** The versioned results file of a serving suite. */
export interface ServingResultFile {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'firstbatch'; readonly version: string };
  readonly kind: ServingReport['kind'];
  readonly report: ServingReport;
}

/** What --json writes: versioned, one shape per family of kinds. */
export type OutcomeFile = SuiteResultFile | CalibrationFile | InterleavedFile | ServingResultFile;

/** The record of a variant suite (comparison, lab): calibration and serving files have a `kind` and a report. */
export function isVariantSuiteFile(file: OutcomeFile): file is SuiteResultFile {
  return !('report' in file);
}

/** What a suite gives back; `K` is its kind (every kind: SuiteKind, src/core/suite.ts). */
export interface SuiteOutcome<K extends string = string> {
  readonly kind: K;
  /** What --json (and, for kinds that can be a baseline, --save-baseline) write. */
  readonly file: OutcomeFile;
  /** Every job's result with its variant and round; empty for serving suites. */
  readonly results: readonly SuiteJobResult[];
  /** The terminal text. */
  readonly table: string;
  /** The Markdown summary. */
  readonly markdown: string;
  /** How auto-sampling ended, when it ran. */
  readonly samplingLine: string | null;
  /** Why the run should exit 1 (a serving suite found what it guards against); null when nothing. */
  readonly failure: string | null;
  /** Judges this run against a saved one; absent for kinds that cannot be judged against a baseline. */
  readonly judge?: (baseline: SuiteResultFile, options?: { against?: string; exclude?: readonly string[] }) => BaselineVerdict;
}
