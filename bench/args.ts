import { parseArgs } from 'node:util';
import { parseThreshold, ThresholdError, type Threshold } from '../src/core/compare/index.ts';
import { jobLabel } from '../src/core/format.ts';
import { expandCombinations } from '../src/core/combinations.ts';
import { ROUNDS_DEFAULTS } from '../src/core/defaults.ts';
import { parseJobSpec, textKindOf, type JobSpec } from '../src/core/spec.ts';
import { valueOfText } from '../src/core/spec-text.ts';
import { parseRangeText, parseShapeText, splitAssignment } from '../src/core/models/text.ts';
import { messageOf } from '../src/core/errors.ts';
import { applicableOptions, RUN_OPTIONS, type RunOption } from '../src/core/runner/index.ts';
import type { SuiteKind } from '../src/core/suite.ts';
import { FLAGS, flagText, OPTION_FLAGS, PARSE_OPTIONS, RECORD_FLAGS, RUNNING_FLAGS, UPLOAD_FLAGS, type FlagName, type SpecRecordField } from './flags.ts';
import { kebab, SPEC_FIELDS } from './spec-flags.ts';
import { BrowserFlagError, extraChromiumArgs, parseEndpoints, resolveAppUrl, type DeviceEndpoint } from './browser-flags.ts';
import { STDOUT } from './output.ts';
import { parseUploadTarget, UploadError, type OriginFlags, type UploadTarget } from './upload.ts';

export class UsageError extends Error {}

export { USAGE } from './usage.ts';

export interface CliOptions {
  /** Jobs given as flags (each combination a variant named by its label); empty when none. */
  readonly specs: { name: string; spec: JobSpec }[];
  /** --suite FILE; undefined with job flags or with nothing (then the default suite runs). */
  readonly suitePath: string | undefined;
  /** --from FILE: re-render a saved results file instead of running anything. */
  readonly fromPath: string | undefined;
  readonly repetitions: number;
  readonly jsonPath: string | undefined;
  /** --trace FILE: Chrome trace-event JSON of every job (Perfetto, chrome://tracing). */
  readonly tracePath: string | undefined;
  readonly markdownPath: string | undefined;
  readonly baselinePath: string | undefined;
  readonly saveBaselinePath: string | undefined;
  readonly threshold: Threshold | undefined;
  readonly thresholdText: string | undefined;
  readonly budgetSeconds: number | undefined;
  readonly skipBuild: boolean;
  /** --browser-endpoint, repeatable: several fan the suite out (each result names its device). */
  readonly endpoints: readonly DeviceEndpoint[];
  /** --headed: a visible Chromium window. */
  readonly headed: boolean;
  /** --gpu: the hardware-WebGPU flag preset (and a warning when the adapter is a software one). */
  readonly gpu: boolean;
  /** Chromium flags from --gpu and --chromium-arg, added to the defaults. */
  readonly extraArgs: readonly string[];
  /** --connect-timeout: how long a remote browser may take to answer. */
  readonly connectTimeoutMs: number | undefined;
  /** Where share links point (--app-url, FIRSTBATCH_APP_URL, or `firstbatch serve`'s address). */
  readonly appUrl: { readonly url: URL; readonly configured: boolean };
  /** --side-by-side FILE: the base's suite, run interleaved with --suite as paired variants; the gate. */
  readonly sideBySidePath: string | undefined;
  /** --trend FILE: a saved run shown for comparison, never gating. */
  readonly trendPath: string | undefined;
  /** --upload URL/p/PROJECT: send the results file to a results store (token: --token or FIRSTBATCH_TOKEN). */
  readonly upload: { readonly target: UploadTarget; readonly token: string | undefined; readonly origin: OriginFlags } | undefined;
  /** --link: print the long share link even when the run is uploaded (its short link is printed then). */
  readonly link: boolean;
  readonly help: boolean;
}

type Values = Record<string, string | string[] | boolean | undefined>;

export function parseCli(argv: readonly string[]): CliOptions {
  const values = readArgs(argv);
  const text = (name: FlagName): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const on = (name: FlagName): boolean => values[name] === true;
  const specs = jobSpecsOf(values);
  const suitePath = text('suite');
  const fromPath = text('from');
  if (specs.length > 0 && suitePath !== undefined) throw new UsageError(`give either ${flagText('suite')} or job flags, not both`);
  if (fromPath !== undefined) checkNothingRuns(values, specs.length > 0);
  const { threshold, thresholdText } = thresholdOf(text('threshold'));
  const repetitions = repetitionsOf(text('repetitions'), suitePath);
  const budget = text('budget');
  const sideBySidePath = text('side-by-side');
  if (sideBySidePath !== undefined && suitePath === undefined) throw new UsageError(`${flagText('side-by-side')} takes the base's suite and needs ${flagText('suite')} (the change's)`);
  const outputs = (['json', 'markdown', 'trace'] as const).filter((name) => text(name) === STDOUT).map(flagText);
  if (outputs.length > 1) throw new UsageError(`only one output can go to standard output ("-"), got ${outputs.join(' and ')}`);
  const connectTimeout = text('connect-timeout');
  return {
    ...browserFlagsOf(values, text('app-url'), on('gpu')),
    upload: uploadOf(text),
    link: on('link'),
    headed: on('headed'),
    gpu: on('gpu'),
    connectTimeoutMs: connectTimeout === undefined ? undefined : parseDuration(connectTimeout, flagText('connect-timeout')) * 1000,
    sideBySidePath,
    trendPath: text('trend'),
    specs,
    suitePath,
    fromPath,
    repetitions,
    markdownPath: text('markdown'),
    baselinePath: text('baseline'),
    saveBaselinePath: text('save-baseline'),
    threshold,
    thresholdText,
    budgetSeconds: budget === undefined ? undefined : parseDuration(budget, flagText('budget')),
    jsonPath: text('json'),
    tracePath: text('trace'),
    skipBuild: on('no-build'),
    help: on('help'),
  };
}

/** argv as option values (node:util parseArgs, strict); an unknown flag is a UsageError. */
function readArgs(argv: readonly string[]): Values {
  const specOptions = Object.fromEntries(SPEC_FIELDS.flatMap((field) => [[field, { type: 'string' as const }], [kebab(field), { type: 'string' as const }]]));
  try {
    return parseArgs({ args: [...argv], options: { ...specOptions, ...PARSE_OPTIONS }, allowPositionals: false, strict: true }).values as Values;
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
}

/** The entries of a repeatable flag, in order. */
function entriesOf(values: Values, name: FlagName): readonly string[] {
  const given = values[name];
  return Array.isArray(given) ? given : [];
}

/** The job flags as specs: every combination of the comma lists, each parsed (a bad field names itself), named by what differs. */
function jobSpecsOf(values: Values): { name: string; spec: JobSpec }[] {
  const axes: [string, unknown[]][] = [];
  for (const field of SPEC_FIELDS) {
    const raw = values[field] ?? values[kebab(field)];
    if (typeof raw === 'string') axes.push([field, raw.split(',').map((text) => valueOfText(text, textKindOf(field)))]);
  }
  const records = recordsOf(values);
  if (axes.length === 0 && Object.keys(records).length === 0) return [];
  const parsedSpecs = expandCombinations(axes).map((input) => parseJobSpec({ ...input, ...records }));
  return parsedSpecs.map((spec) => ({ name: jobLabel(spec, parsedSpecs), spec }));
}

/** How the value of each record flag's NAME=VALUE entry reads; null: it is not one. */
const RECORD_VALUES: Readonly<Record<SpecRecordField, (text: string) => unknown>> = {
  flags: (text) => valueOfText(text, 'any'),
  inputShapes: parseShapeText,
  inputRanges: parseRangeText,
};

/** The record flags' entries as the spec's records (only those given). */
function recordsOf(values: Values): Partial<Record<SpecRecordField, Record<string, unknown>>> {
  const records: Partial<Record<SpecRecordField, Record<string, unknown>>> = {};
  for (const { name, field, form } of RECORD_FLAGS) {
    const entries = entriesOf(values, name);
    if (entries.length > 0) records[field] = Object.fromEntries(entries.map((entry) => parseNamed(name, entry, RECORD_VALUES[field], form)));
  }
  return records;
}

/** --from re-renders a saved file: a flag that would run something is a usage error, never ignored. */
function checkNothingRuns(values: Values, hasJobFlags: boolean): void {
  const given = hasJobFlags ? 'job flags' : RUNNING_FLAGS.filter((name) => values[name] !== undefined).map(flagText)[0];
  if (given !== undefined) throw new UsageError(`${given} does not apply to ${flagText('from')}: it re-renders a saved file and runs nothing`);
}

function thresholdOf(thresholdText: string | undefined): { threshold: Threshold | undefined; thresholdText: string | undefined } {
  try {
    return { threshold: thresholdText === undefined ? undefined : parseThreshold(thresholdText), thresholdText };
  } catch (error) {
    if (error instanceof ThresholdError) throw new UsageError(`${flagText('threshold')}: ${error.message}`);
    throw error;
  }
}

function repetitionsOf(given: string | undefined, suitePath: string | undefined): number {
  const shown = JSON.stringify(given ?? String(ROUNDS_DEFAULTS.jobFlagRepetitions));
  const repetitions = given === undefined ? ROUNDS_DEFAULTS.jobFlagRepetitions : Number(given);
  if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > ROUNDS_DEFAULTS.maxRounds) {
    throw new UsageError(`${flagText('repetitions')} must be an integer from 1 to ${ROUNDS_DEFAULTS.maxRounds}, got ${shown}`);
  }
  if (suitePath !== undefined && given !== undefined) throw new UsageError(`${flagText('repetitions')} is for job flags; a suite sets "repetitions" itself`);
  return repetitions;
}

function browserFlagsOf(values: Values, appUrl: string | undefined, gpu: boolean): Pick<CliOptions, 'endpoints' | 'extraArgs' | 'appUrl'> {
  try {
    return {
      endpoints: parseEndpoints(entriesOf(values, 'browser-endpoint')),
      extraArgs: extraChromiumArgs(gpu, entriesOf(values, 'chromium-arg')),
      appUrl: resolveAppUrl(appUrl, process.env),
    };
  } catch (error) {
    if (error instanceof BrowserFlagError) throw new UsageError(error.message);
    throw error;
  }
}

/** --upload and the flags that describe the uploaded run (each an error without --upload). */
function uploadOf(text: (name: FlagName) => string | undefined): CliOptions['upload'] {
  const target = text('upload');
  const origin = { commit: text('commit'), parentCommit: text('parent-commit'), branch: text('branch') };
  if (target === undefined) {
    const stray = UPLOAD_FLAGS.find((name) => text(name) !== undefined);
    if (stray !== undefined) throw new UsageError(`${flagText(stray)} describes an upload and needs ${flagText('upload')} ${FLAGS.upload.value}`);
    return undefined;
  }
  try {
    return { target: parseUploadTarget(target), token: text('token') ?? process.env.FIRSTBATCH_TOKEN, origin };
  } catch (error) {
    if (error instanceof UploadError) throw new UsageError(error.message);
    throw error;
  }
}

/** NAME=VALUE → [NAME, value]; a UsageError naming the flag and its form where it is not one. */
function parseNamed(name: FlagName, entry: string, parse: (text: string) => unknown, form: string): [string, unknown] {
  const pair = splitAssignment(entry);
  const value = pair ? parse(pair[1]) : null;
  if (!pair || value === null) throw new UsageError(`${flagText(name)} takes ${form}, got ${JSON.stringify(entry)}`);
  return [pair[0], value];
}

/** '300s', '5m', '1h', '90' (seconds) → seconds. */
export function parseDuration(text: string, flag = flagText('budget')): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?\s*$/.exec(text);
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0)) throw new UsageError(`${flag} takes a time such as 300s, 5m or 1h, got ${JSON.stringify(text)}`);
  const unit = match[2] ?? 's';
  return amount * (unit === 'h' ? 3600 : unit === 's' ? 1 : 60);
}

/** The run options the command line gave. */
function givenOptions(options: CliOptions): RunOption[] {
  const given: Record<RunOption, boolean> = {
    threshold: options.threshold !== undefined,
    budget: options.budgetSeconds !== undefined,
    baseline: options.baselinePath !== undefined,
    saveBaseline: options.saveBaselinePath !== undefined,
    trace: options.tracePath !== undefined,
  };
  return RUN_OPTIONS.filter((option) => given[option]);
}

/** UsageError naming the first flag that means nothing for this kind of suite (run now, or re-rendered with --from). */
export function checkFlagsApply(options: CliOptions, kind: SuiteKind, source: 'run' | 'saved'): void {
  const applicable = applicableOptions(kind, source);
  const stray = givenOptions(options).find((option) => !applicable.includes(option));
  if (stray === undefined) return;
  const what = source === 'saved' ? `a saved ${kind} results file (${flagText('from')})` : `a ${kind} suite`;
  const flags = (list: readonly RunOption[]): string => list.map((option) => OPTION_FLAGS[option]).join(', ');
  const takes = applicable.length > 0 ? `it takes ${flags(applicable)}` : `it takes none of ${flags(RUN_OPTIONS)}`;
  throw new UsageError(`${OPTION_FLAGS[stray]} does not apply to ${what}: ${takes}`);
}
