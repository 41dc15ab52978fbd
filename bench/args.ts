import { parseArgs } from 'node:util';
import { parseThreshold, ThresholdError, type Threshold } from '../src/core/compare/index.ts';
import { jobLabel } from '../src/core/format.ts';
import { jobSpecObject, parseJobSpec, type JobSpec } from '../src/core/spec.ts';
import { parseRangeText, parseShapeText, splitAssignment } from '../src/core/models/text.ts';
import { messageOf } from '../src/core/errors.ts';
import { applicableOptions, type RunOption } from '../src/core/runner/index.ts';
import type { SuiteKind } from '../src/core/suite.ts';

export class UsageError extends Error {}

/** Spec fields that are records get a repeatable NAME=VALUE flag of their own (below); every other field is --kebab-name. */
const RECORD_FIELDS = ['flags', 'inputShapes', 'inputRanges'] as const;
const SPEC_FIELDS = Object.keys(jobSpecObject.shape).filter((key) => !(RECORD_FIELDS as readonly string[]).includes(key)) as (keyof JobSpec)[];

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

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
  readonly browserEndpoint: string | undefined;
  readonly help: boolean;
}

export const USAGE = `usage: npm run bench -- [--suite FILE | job flags | --from FILE] [options]

  --suite FILE              a suite file of any kind: comparison, lab, calibration or a serving scenario
                            (bench/suites/*.json; schema bench/suite.schema.json); with no suite and no
                            job flags, bench/suites/default.json runs
  --from FILE               print a saved results file again (table, --markdown, --baseline); runs nothing
  --json FILE               write the results file (schemaVersion 1; rewritten after every round while running)
  --trace FILE              write a Chrome trace-event JSON of every job (open in ui.perfetto.dev or chrome://tracing)
  --markdown FILE           write a Markdown summary (pull-request comment, CI step summary)
  --save-baseline FILE      write the results file for later use as --baseline
  --baseline FILE           compare with a saved run: exit 1 on a significant regression beyond the threshold
  --threshold 5% | 2ms      smallest difference that matters (overrides the suite's)
  --budget 300s | 5m        auto-sampling: add rounds until every difference is resolved or the time is spent
  --repetitions N           interleaved rounds for job flags (a suite sets its own)
  --browser-endpoint URL    use a remote browser: a Playwright server (ws://…) or a CDP endpoint (http://…)
  --no-build                serve the existing build (dist/)

A flag that does not apply to the suite's kind is an error, never ignored: serving suites take only
--json, --markdown, --browser-endpoint and --no-build; calibration takes no --baseline or --save-baseline.

Job flags (every job-spec field; a comma list runs every combination side by side):
${SPEC_FIELDS.map((field) => `  --${kebab(field)}`).join('\n')}
  --flag NAME=VALUE     a tfjs flag, repeatable (e.g. --flag WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=8)
  --input-shape NAME=1x224x224x3
                        a user model input's shape where the model leaves a dimension unknown, repeatable
                        (dimension 0 takes the batch size)
  --input-range NAME=0..30000
                        the values of a user model input's synthetic data, min..max (max exclusive; integers
                        for int inputs), repeatable

--model and --job take a model.json or a job module (ES module, docs/models.md): a URL, or a local file
whose folder the CLI serves read-only to the page (nothing outside it).

Exit status: 0 when every job succeeded and nothing regressed; 1 when a metric is worse than the
baseline, significantly and by more than the threshold, or when a serving suite finds what it guards against
(a canary to roll back, a drift alarm, no rate meeting the latency target); 2 on any error (bad suite or
flags, browser, a failed job).`;

export function parseCli(argv: readonly string[]): CliOptions {
  const specOptions = Object.fromEntries(SPEC_FIELDS.flatMap((field) => [[field, { type: 'string' as const }], [kebab(field), { type: 'string' as const }]]));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        ...specOptions,
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
        'browser-endpoint': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
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
  const hasJobFlags = axes.length > 0 || Object.keys(records).length > 0;
  const suitePath = typeof values.suite === 'string' ? values.suite : undefined;
  const fromPath = typeof values.from === 'string' ? values.from : undefined;
  if (hasJobFlags && suitePath !== undefined) throw new UsageError('give either --suite or job flags, not both');
  if (fromPath !== undefined) {
    const running = [
      ['--suite', suitePath !== undefined],
      ['job flags', hasJobFlags],
      ['--repetitions', values.repetitions !== undefined],
      ['--no-build', values['no-build'] === true],
      ['--browser-endpoint', values['browser-endpoint'] !== undefined],
    ] as const;
    const given = running.find(([, present]) => present);
    if (given) throw new UsageError(`${given[0]} does not apply to --from: it re-renders a saved file and runs nothing`);
  }
  const parsedSpecs = hasJobFlags ? cartesian(axes).map((input) => parseJobSpec({ ...input, ...records })) : [];
  const specs = parsedSpecs.map((spec) => ({ name: jobLabel(spec, parsedSpecs), spec }));
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const thresholdText = text('threshold');
  let threshold: Threshold | undefined;
  try {
    threshold = thresholdText === undefined ? undefined : parseThreshold(thresholdText);
  } catch (error) {
    if (error instanceof ThresholdError) throw new UsageError(`--threshold: ${error.message}`);
    throw error;
  }
  const repetitionsText = text('repetitions') ?? '1';
  const repetitions = Number(repetitionsText);
  if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > 1000) {
    throw new UsageError(`--repetitions must be an integer from 1 to 1000, got ${JSON.stringify(repetitionsText)}`);
  }
  if (suitePath !== undefined && text('repetitions') !== undefined) throw new UsageError('--repetitions is for job flags; a suite sets "repetitions" itself');
  const budget = text('budget');
  return {
    specs,
    suitePath,
    fromPath,
    repetitions,
    markdownPath: text('markdown'),
    baselinePath: text('baseline'),
    saveBaselinePath: text('save-baseline'),
    threshold,
    thresholdText,
    budgetSeconds: budget === undefined ? undefined : parseDuration(budget),
    jsonPath: text('json'),
    tracePath: text('trace'),
    skipBuild: values['no-build'] === true,
    browserEndpoint: typeof values['browser-endpoint'] === 'string' ? values['browser-endpoint'] : undefined,
    help: values.help === true,
  };
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
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?\s*$/.exec(text);
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0)) throw new UsageError(`--budget takes a time such as 300s, 5m or 1h, got ${JSON.stringify(text)}`);
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
