import { parseArgs } from 'node:util';
import { parseThreshold, ThresholdError, type Threshold } from '../src/core/compare/index.ts';
import { jobLabel } from '../src/core/format.ts';
import { parseJobSpec, type JobSpec } from '../src/core/spec.ts';
import { parseRangeText, parseShapeText, splitAssignment } from '../src/core/models/text.ts';
import { messageOf } from '../src/core/errors.ts';
import { applicableOptions, type RunOption } from '../src/core/runner/index.ts';
import type { SuiteKind } from '../src/core/suite.ts';
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



/** The command line's options besides the job-spec fields (each spec field is a flag too, camelCase or kebab-case). */
const CLI_OPTIONS = {
  flag: { type: 'string', multiple: true },
  'input-shape': { type: 'string', multiple: true },
  'input-range': { type: 'string', multiple: true },
  json: { type: 'string' },
  trace: { type: 'string' },
  suite: { type: 'string' },
  from: { type: 'string' },
  markdown: { type: 'string' },
  baseline: { type: 'string' },
  'save-baseline': { type: 'string' },
  threshold: { type: 'string' },
  budget: { type: 'string' },
  repetitions: { type: 'string' },
  'no-build': { type: 'boolean' },
  'browser-endpoint': { type: 'string', multiple: true },
  'connect-timeout': { type: 'string' },
  headed: { type: 'boolean' },
  gpu: { type: 'boolean' },
  'chromium-arg': { type: 'string', multiple: true },
  'app-url': { type: 'string' },
  'side-by-side': { type: 'string' },
  trend: { type: 'string' },
  upload: { type: 'string' },
  token: { type: 'string' },
  link: { type: 'boolean' },
  commit: { type: 'string' },
  'parent-commit': { type: 'string' },
  branch: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = Record<string, string | string[] | boolean | undefined>;

export function parseCli(argv: readonly string[]): CliOptions {
  const values = readArgs(argv);
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const specs = jobSpecsOf(values);
  const suitePath = text('suite');
  const fromPath = text('from');
  if (specs.length > 0 && suitePath !== undefined) throw new UsageError('give either --suite or job flags, not both');
  if (fromPath !== undefined) checkNothingRuns(values, suitePath, specs.length > 0);
  const { threshold, thresholdText } = thresholdOf(text('threshold'));
  const repetitions = repetitionsOf(text('repetitions'), suitePath);
  const budget = text('budget');
  const sideBySidePath = text('side-by-side');
  if (sideBySidePath !== undefined && suitePath === undefined) throw new UsageError('--side-by-side takes the base\'s suite and needs --suite (the change\'s)');
  const outputs = [['--json', text('json')], ['--markdown', text('markdown')], ['--trace', text('trace')]].filter(([, path]) => path === STDOUT).map(([flag]) => flag);
  if (outputs.length > 1) throw new UsageError(`only one output can go to standard output ("-"), got ${outputs.join(' and ')}`);
  const connectTimeout = text('connect-timeout');
  return {
    ...browserFlagsOf(values, text('app-url')),
    upload: uploadOf(text),
    link: values.link === true,
    headed: values.headed === true,
    gpu: values.gpu === true,
    connectTimeoutMs: connectTimeout === undefined ? undefined : parseDuration(connectTimeout, '--connect-timeout') * 1000,
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
    budgetSeconds: budget === undefined ? undefined : parseDuration(budget, '--budget'),
    jsonPath: text('json'),
    tracePath: text('trace'),
    skipBuild: values['no-build'] === true,
    help: values.help === true,
  };
}

/** argv as option values (node:util parseArgs, strict); an unknown flag is a UsageError. */
function readArgs(argv: readonly string[]): Values {
  const specOptions = Object.fromEntries(SPEC_FIELDS.flatMap((field) => [[field, { type: 'string' as const }], [kebab(field), { type: 'string' as const }]]));
  try {
    return parseArgs({ args: [...argv], options: { ...specOptions, ...CLI_OPTIONS }, allowPositionals: false, strict: true }).values as Values;
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
}

/** The job flags as specs: every combination of the comma lists, each parsed (a bad field names itself), named by what differs. */
function jobSpecsOf(values: Values): { name: string; spec: JobSpec }[] {
  const axes: [string, unknown[]][] = [];
  for (const field of SPEC_FIELDS) {
    const raw = values[field] ?? values[kebab(field)];
    if (typeof raw === 'string') axes.push([field, raw.split(',').map(coerce)]);
  }
  const flags = Object.fromEntries(((values.flag as string[] | undefined) ?? []).map(parseFlag));
  const inputShapes = Object.fromEntries(((values['input-shape'] as string[] | undefined) ?? []).map((entry) => parseNamed('--input-shape', entry, parseShapeText, 'NAME=1x224x224x3')));
  const inputRanges = Object.fromEntries(((values['input-range'] as string[] | undefined) ?? []).map((entry) => parseNamed('--input-range', entry, parseRangeText, 'NAME=0..30000')));
  const records = {
    ...(Object.keys(flags).length > 0 ? { flags } : {}),
    ...(Object.keys(inputShapes).length > 0 ? { inputShapes } : {}),
    ...(Object.keys(inputRanges).length > 0 ? { inputRanges } : {}),
  };
  if (axes.length === 0 && Object.keys(records).length === 0) return [];
  const parsedSpecs = cartesian(axes).map((input) => parseJobSpec({ ...input, ...records }));
  return parsedSpecs.map((spec) => ({ name: jobLabel(spec, parsedSpecs), spec }));
}

/** --from re-renders a saved file: a flag that would run something is a usage error, never ignored. */
function checkNothingRuns(values: Values, suitePath: string | undefined, hasJobFlags: boolean): void {
  const running = [
    ['--suite', suitePath !== undefined],
    ['job flags', hasJobFlags],
    ['--repetitions', values.repetitions !== undefined],
    ['--no-build', values['no-build'] === true],
    ['--browser-endpoint', values['browser-endpoint'] !== undefined],
    ['--connect-timeout', values['connect-timeout'] !== undefined],
    ['--headed', values.headed === true],
    ['--gpu', values.gpu === true],
    ['--chromium-arg', values['chromium-arg'] !== undefined],
    ['--side-by-side', values['side-by-side'] !== undefined],
  ] as const;
  const given = running.find(([, present]) => present);
  if (given) throw new UsageError(`${given[0]} does not apply to --from: it re-renders a saved file and runs nothing`);
}

function thresholdOf(thresholdText: string | undefined): { threshold: Threshold | undefined; thresholdText: string | undefined } {
  try {
    return { threshold: thresholdText === undefined ? undefined : parseThreshold(thresholdText), thresholdText };
  } catch (error) {
    if (error instanceof ThresholdError) throw new UsageError(`--threshold: ${error.message}`);
    throw error;
  }
}

function repetitionsOf(given: string | undefined, suitePath: string | undefined): number {
  const repetitions = Number(given ?? '1');
  if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > 1000) {
    throw new UsageError(`--repetitions must be an integer from 1 to 1000, got ${JSON.stringify(given ?? '1')}`);
  }
  if (suitePath !== undefined && given !== undefined) throw new UsageError('--repetitions is for job flags; a suite sets "repetitions" itself');
  return repetitions;
}

function browserFlagsOf(values: Values, appUrl: string | undefined): Pick<CliOptions, 'endpoints' | 'extraArgs' | 'appUrl'> {
  try {
    return {
      endpoints: parseEndpoints((values['browser-endpoint'] as string[] | undefined) ?? []),
      extraArgs: extraChromiumArgs(values.gpu === true, (values['chromium-arg'] as string[] | undefined) ?? []),
      appUrl: resolveAppUrl(appUrl, process.env),
    };
  } catch (error) {
    if (error instanceof BrowserFlagError) throw new UsageError(error.message);
    throw error;
  }
}

/** --upload and the flags that describe the uploaded run (each an error without --upload). */
function uploadOf(text: (key: string) => string | undefined): CliOptions['upload'] {
  const target = text('upload');
  const origin = { commit: text('commit'), parentCommit: text('parent-commit'), branch: text('branch') };
  if (target === undefined) {
    const stray = (['token', 'commit', 'parent-commit', 'branch'] as const).find((flag) => text(flag) !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} describes an upload and needs --upload URL/p/PROJECT`);
    return undefined;
  }
  try {
    return { target: parseUploadTarget(target), token: text('token') ?? process.env.FIRSTBATCH_TOKEN, origin };
  } catch (error) {
    if (error instanceof UploadError) throw new UsageError(error.message);
    throw error;
  }
}

function coerce(value: string): unknown {
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function parseFlag(entry: string): [string, unknown] {
  const at = entry.indexOf('=');
  if (at <= 0) throw new UsageError(`--flag takes NAME=VALUE, got ${JSON.stringify(entry)}`);
  return [entry.slice(0, at), coerce(entry.slice(at + 1))];
}

function parseNamed<T>(flag: string, entry: string, parse: (text: string) => T | null, form: string): [string, T] {
  const pair = splitAssignment(entry);
  const value = pair ? parse(pair[1]) : null;
  if (!pair || value === null) throw new UsageError(`${flag} takes ${form}, got ${JSON.stringify(entry)}`);
  return [pair[0], value];
}

function cartesian(axes: readonly [string, unknown[]][]): Record<string, unknown>[] {
  return axes.reduce<Record<string, unknown>[]>(
    (combos, [field, choices]) => combos.flatMap((combo) => choices.map((choice) => ({ ...combo, [field]: choice }))),
    [{}],
  );
}

/** '300s', '5m', '1h', '90' (seconds) → seconds. */
export function parseDuration(text: string, flag = '--budget'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?\s*$/.exec(text);
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0)) throw new UsageError(`${flag} takes a time such as 300s, 5m or 1h, got ${JSON.stringify(text)}`);
  const unit = match[2] ?? 's';
  return amount * (unit === 'h' ? 3600 : unit === 's' ? 1 : 60);
}

/** The flag that sets each run option. */
const OPTION_FLAGS: Readonly<Record<RunOption, string>> = {
  threshold: '--threshold',
  budget: '--budget',
  baseline: '--baseline',
  saveBaseline: '--save-baseline',
  trace: '--trace',
};

/** The run options the command line gave. */
function givenOptions(options: CliOptions): RunOption[] {
  const given: Record<RunOption, boolean> = {
    threshold: options.threshold !== undefined,
    budget: options.budgetSeconds !== undefined,
    baseline: options.baselinePath !== undefined,
    saveBaseline: options.saveBaselinePath !== undefined,
    trace: options.tracePath !== undefined,
  };
  return (Object.keys(given) as RunOption[]).filter((option) => given[option]);
}

/** UsageError naming the first flag that means nothing for this kind of suite (run now, or re-rendered with --from). */
export function checkFlagsApply(options: CliOptions, kind: SuiteKind, source: 'run' | 'saved'): void {
  const applicable = applicableOptions(kind, source);
  const stray = givenOptions(options).find((option) => !applicable.includes(option));
  if (stray === undefined) return;
  const what = source === 'saved' ? `a saved ${kind} results file (--from)` : `a ${kind} suite`;
  const takes = applicable.length > 0 ? `it takes ${applicable.map((option) => OPTION_FLAGS[option]).join(', ')}` : 'it takes none of --threshold, --budget, --baseline, --save-baseline, --trace';
  throw new UsageError(`${OPTION_FLAGS[stray]} does not apply to ${what}: ${takes}`);
}
