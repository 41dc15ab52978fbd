/**
 * Every flag of `firstbatch bench` besides the job-spec fields, declared once, in the order the
 * usage text lists them. The parser's options, the usage text (bench/usage.ts), the flags `--from`
 * refuses, the flags that need `--upload` and the flag of each run option are derived from it.
 * (Each job-spec field is a flag too, derived from the schema: bench/spec-flags.ts.)
 */
import { RUN_OPTIONS, type RunOption } from '../src/core/runner/index.ts';
import { BROWSER_DEFAULTS } from '../src/core/defaults.ts';
import { LOCAL_APP_URL } from './app-url.ts';
import { GPU_ARGS } from './browser.ts';

/** The spec fields that are records: each gets a repeatable NAME=VALUE flag of its own. */
export type SpecRecordField = 'flags' | 'inputShapes' | 'inputRanges';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** Repeatable: every occurrence is kept, in order. */
  readonly multiple?: true;
  readonly short?: string;
  /** The value as the usage text shows it ("FILE", "5% | 2ms"); one starting with "=" is written attached (--chromium-arg=FLAG). */
  readonly value?: string;
  /** The usage text's description, line by line as printed. */
  readonly help?: string | readonly string[];
  /**
   * Where the usage text lists it: among the options, among the job flags, `with-previous`: on
   * the line of the flag before it, which describes both (--commit SHA, --parent-commit SHA);
   * `unlisted`: not on a line of its own (--help; --token, which --upload describes).
   */
  readonly section: 'options' | 'job' | 'with-previous' | 'unlisted';
  /** It makes something run, so `--from` (which re-renders a saved file and runs nothing) refuses it. */
  readonly runs?: true;
  /** It describes an upload, so it is an error without `--upload`. */
  readonly needsUpload?: true;
  /** The run option it sets, which a suite's kind may not take (checkFlagsApply). */
  readonly option?: RunOption;
  /** The job-spec record it fills, one NAME=VALUE entry per occurrence. */
  readonly record?: SpecRecordField;
}

export const FLAGS = {
  suite: {
    type: 'string', value: 'FILE', section: 'options', runs: true, help: [
      'a suite file of any kind: comparison, lab, calibration, interleaved (step time,',
      'A B B A in one worker) or a serving scenario (bench/suites/*.json; schema',
      'bench/suite.schema.json); with no suite and no job flags, default.json runs',
    ],
  },
  from: { type: 'string', value: 'FILE', section: 'options', help: 'print a saved results file again (table, --markdown, --baseline); runs nothing' },
  json: { type: 'string', value: 'FILE', section: 'options', help: 'write the results file (schemaVersion 1; rewritten after every round while running)' },
  trace: { type: 'string', value: 'FILE', section: 'options', option: 'trace', help: 'write a Chrome trace-event JSON of every job (open in ui.perfetto.dev or chrome://tracing)' },
  markdown: { type: 'string', value: 'FILE', section: 'options', help: 'write a Markdown summary (pull-request comment, CI step summary)' },
  'save-baseline': { type: 'string', value: 'FILE', section: 'options', option: 'saveBaseline', help: 'write the results file for later use as --baseline' },
  baseline: { type: 'string', value: 'FILE', section: 'options', option: 'baseline', help: 'compare with a saved run: exit 1 on a significant regression beyond the threshold' },
  threshold: { type: 'string', value: '5% | 2ms', section: 'options', option: 'threshold', help: "smallest difference that matters (overrides the suite's)" },
  budget: { type: 'string', value: '300s | 5m', section: 'options', option: 'budget', help: 'auto-sampling: add rounds until every difference is resolved or the time is spent' },
  repetitions: { type: 'string', value: 'N', section: 'options', runs: true, help: 'interleaved rounds for job flags (a suite sets its own)' },
  'side-by-side': {
    type: 'string', value: 'FILE', section: 'options', runs: true, help: [
      "the base branch's suite: run it and --suite interleaved, each variant paired with",
      'its base ("mlp (base)" vs "mlp"); exit 1 on a significant regression beyond the',
      'threshold (the CI gate: one run, one machine)',
    ],
  },
  trend: { type: 'string', value: 'FILE', section: 'options', help: "a saved run (e.g. main's last) to show the change against; never gates" },
  'app-url': {
    type: 'string', value: 'URL', section: 'options', help: [
      'the deployed web app share links point at (default: FIRSTBATCH_APP_URL, else',
      `${LOCAL_APP_URL}, where \`firstbatch serve\` listens)`,
    ],
  },
  upload: {
    type: 'string', value: 'URL/p/PROJECT', section: 'options', help: [
      'store the results file in a results store (`firstbatch server`) and print its',
      'short link (stored: URL/r/ID); the token is --token T or FIRSTBATCH_TOKEN',
    ],
  },
  token: { type: 'string', section: 'unlisted', needsUpload: true },
  commit: {
    type: 'string', value: 'SHA', section: 'options', needsUpload: true, help: [
      'where the uploaded run came from (default: GITHUB_SHA, GITHUB_HEAD_REF or',
      'GITHUB_REF_NAME, else git); the device is read from the results',
    ],
  },
  'parent-commit': { type: 'string', value: 'SHA', section: 'with-previous', needsUpload: true },
  branch: { type: 'string', value: 'NAME', section: 'with-previous', needsUpload: true },
  link: { type: 'boolean', section: 'options', help: 'print the long share link too when uploading (it is written beside --json anyway)' },
  'browser-endpoint': {
    type: 'string', multiple: true, value: '[NAME=]URL', section: 'options', runs: true, help: [
      'a remote browser: a Playwright server (ws://…), a CDP endpoint (http://…) or a',
      'Selenium Grid 4 (selenium+http://hub:4444); repeat it to fan the suite out over',
      'several browsers at once (results and tables per device)',
    ],
  },
  'connect-timeout': { type: 'string', value: `${BROWSER_DEFAULTS.connectTimeoutMs / 1000}s`, section: 'options', runs: true, help: 'how long a remote browser may take to answer' },
  headed: { type: 'boolean', section: 'options', runs: true, help: 'a visible Chromium window (needs a display)' },
  gpu: { type: 'boolean', section: 'options', runs: true, help: `flags for hardware WebGPU on Linux (Vulkan): ${GPU_ARGS.join(' ')}` },
  'chromium-arg': { type: 'string', multiple: true, value: '=FLAG', section: 'options', runs: true, help: "a Chromium switch, repeatable (after --gpu's, so it wins)" },
  'no-build': { type: 'boolean', section: 'options', runs: true, help: 'serve the existing build (dist/)' },
  help: { type: 'boolean', short: 'h', section: 'unlisted' },
  flag: { type: 'string', multiple: true, value: 'NAME=VALUE', section: 'job', record: 'flags', help: 'a tfjs flag, repeatable (e.g. --flag WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=8)' },
  'input-shape': {
    type: 'string', multiple: true, value: 'NAME=1x224x224x3', section: 'job', record: 'inputShapes', help: [
      "a user model input's shape where the model leaves a dimension unknown, repeatable",
      '(dimension 0 takes the batch size)',
    ],
  },
  'input-range': {
    type: 'string', multiple: true, value: 'NAME=0..30000', section: 'job', record: 'inputRanges', help: [
      "the values of a user model input's synthetic data, min..max (max exclusive; integers",
      'for int inputs), repeatable',
    ],
  },
} as const satisfies Readonly<Record<string, FlagSpec>>;

export type FlagName = keyof typeof FLAGS;

/** The table's entries, in order, each with its name. */
export const FLAG_ENTRIES: readonly (FlagSpec & { readonly name: FlagName })[] = (Object.keys(FLAGS) as FlagName[]).map((name) => ({ name, ...FLAGS[name] }));

/** `--name`, for messages: the name checked by the compiler. */
export const flagText = (name: FlagName): string => `--${name}`;

/** The flags as node:util parseArgs options. */
export const PARSE_OPTIONS: Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>> = Object.fromEntries(
  FLAG_ENTRIES.map(({ name, type, multiple, short }) => [name, { type, ...(multiple ? { multiple } : {}), ...(short !== undefined ? { short } : {}) }]),
);

/** The flags `--from` refuses, in the usage text's order. */
export const RUNNING_FLAGS: readonly FlagName[] = FLAG_ENTRIES.filter((flag) => flag.runs).map((flag) => flag.name);

/** The flags that describe an upload. */
export const UPLOAD_FLAGS: readonly FlagName[] = FLAG_ENTRIES.filter((flag) => flag.needsUpload).map((flag) => flag.name);

/** The record flags (--flag, --input-shape, --input-range) with the spec field each fills. */
export const RECORD_FLAGS: readonly { readonly name: FlagName; readonly field: SpecRecordField; readonly form: string }[] = FLAG_ENTRIES.flatMap(({ name, record, value }) =>
  record === undefined ? [] : [{ name, field: record, form: value ?? 'NAME=VALUE' }],
);

/** The flag that sets each run option; a run option without one in the table fails at load, in every CLI test. */
export const OPTION_FLAGS: Readonly<Record<RunOption, string>> = optionFlags();

function optionFlags(): Record<RunOption, string> {
  const flags: Partial<Record<RunOption, string>> = {};
  for (const { name, option } of FLAG_ENTRIES) if (option !== undefined) flags[option] = flagText(name);
  const missing = RUN_OPTIONS.filter((option) => flags[option] === undefined);
  if (missing.length > 0) throw new Error(`no flag in bench/flags.ts sets the run option ${missing.join(', ')}`);
  return flags as Record<RunOption, string>;
}
