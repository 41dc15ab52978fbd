/**
 * What the CLI says and writes after a run (or a saved file): the table, the judgements (the
 * side-by-side gate, a baseline, a trend), the files (--json, --markdown, --trace, possibly on
 * standard output), the CI step summary, the share link; and the exit status.
 */
import { appendFileSync } from 'node:fs';
import { formatJudgementMarkdown, formatJudgementTable, formatRegressionLine, parseThreshold, suiteResultFileSchema, type SuiteResultFile } from '../src/core/compare/index.ts';
import { judgeSideBySide, type SideBySide } from '../src/core/compare/side-by-side.ts';
import { servingReportSchema } from '../src/core/serving/index.ts';
import { messageOf } from '../src/core/errors.ts';
import { DEFAULT_TEXT_COLUMNS, fitToWidth, jobLabel } from '../src/core/format.ts';
import type { SuiteOutcome } from '../src/core/runner/index.ts';
import { toTrace } from '../src/core/trace.ts';
import type { CliOptions } from './args.ts';
import { EXIT } from './interrupt.ts';
import { STDOUT, writeOutput } from './output.ts';
import { shareLinkOf } from './share.ts';

/** What the run is judged against. */
export interface Judged {
  /** --baseline: a saved run; gates. */
  readonly baseline: SuiteResultFile | undefined;
  /** --trend: a saved run; shown, never gates. */
  readonly trend: SuiteResultFile | undefined;
  /** --side-by-side: the base's variants ran in the same rounds; gates. */
  readonly sideBySide: SideBySide | undefined;
}

/** Longest share link put into the Markdown summary (a pull-request comment holds 65,536 characters). */
const MARKDOWN_LINK_MAX_CHARS = 16 * 1024;

type TextStream = NodeJS.WritableStream & { columns?: number; isTTY?: boolean };

type Io = { stdout: TextStream; stderr: TextStream };
type Text = { write(chunk: string): boolean };
/** What the judging steps add: Markdown to the summary, regressions to the exit status, or a failure. */
type Judgements = { markdown: string; regressions: number } | { failure: string };

/** Prints the outcome, judges it (side by side, baseline, trend), writes its files and returns the exit status. */
export async function report(outcome: SuiteOutcome, options: CliOptions, judged: Judged, io: Io, fail: (message: string) => number): Promise<number> {
  const text = textStream(options, io);
  text.write(`${outcome.table}\n`);
  const judgements = judge(outcome, options, judged, text, io.stderr);
  if ('failure' in judgements) return fail(judgements.failure);
  let { markdown } = judgements;
  // An uploaded run is shared by its short link (printed after the upload); the long one with --link.
  const link = options.upload !== undefined && !options.link ? null : await linkOf(outcome, options, io.stderr);
  if (link !== null && options.appUrl.configured && link.length <= MARKDOWN_LINK_MAX_CHARS) markdown = `${markdown}\n[Open these results in firstbatch](${link})\n`;
  try {
    writeFiles(outcome, options, markdown, io);
  } catch (error) {
    return fail(`could not write output: ${messageOf(error)}`);
  }
  if (options.gpu) warnIfSoftware(outcome, io.stderr);
  if (outcome.failure) io.stderr.write(`firstbatch: ${outcome.failure}\n`);
  const failed = outcome.results.filter((r) => r.error);
  if (failed.length > 0) {
    // Every failure in full: the table truncates them, and each names what to fix.
    if (failed.length > 1) for (const r of failed) io.stderr.write(`firstbatch: ${r.variant ?? jobLabel(r.spec)}${r.device ? ` @ ${r.device}` : ''} failed: ${r.error?.code}: ${r.error?.message}\n`);
    return fail(`${failed.length} of ${outcome.results.length} jobs failed (first: ${failed[0]?.error?.code}: ${failed[0]?.error?.message})`);
  }
  return outcome.failure !== null || judgements.regressions > 0 ? EXIT.regression : EXIT.ok;
}

/**
 * Where the human-readable text goes (stderr when a file goes to standard output, so that stays
 * clean), with every table fitted to the terminal (a pipe or a CI log: 120 columns).
 */
function textStream(options: CliOptions, io: Io): Text {
  const toStdout = [options.jsonPath, options.markdownPath, options.tracePath].includes(STDOUT);
  const stream = toStdout ? io.stderr : io.stdout;
  const width = stream.isTTY === true && stream.columns !== undefined && stream.columns > 0 ? stream.columns : DEFAULT_TEXT_COLUMNS;
  return { write: (chunk) => stream.write(fitToWidth(chunk, width)) };
}

/** The side-by-side gate, then the baseline (gates) and the trend file (does not), each printed. */
function judge(outcome: SuiteOutcome, options: CliOptions, judged: Judged, text: Text, stderr: NodeJS.WritableStream): Judgements {
  let markdown = outcome.markdown;
  let regressions = 0;
  if (judged.sideBySide) {
    const threshold = options.threshold ?? parseThreshold(judged.sideBySide.suite.threshold);
    const judgement = judgeSideBySide(outcome.results, judged.sideBySide.pairs, { metrics: judged.sideBySide.suite.metrics, threshold });
    text.write(`\n${formatJudgementTable(judgement)}\n`);
    markdown = `${formatJudgementMarkdown(judgement)}\n${markdown}`;
    if (judged.sideBySide.newVariants.length > 0) stderr.write(`firstbatch: new in the change (not gated): ${judged.sideBySide.newVariants.join(', ')}\n`);
    regressions += judgement.regressions.length;
    stderr.write(`firstbatch: ${formatRegressionLine(judgement)}\n`);
  }
  for (const [file, path, gates] of [
    [judged.baseline, options.baselinePath, true],
    [judged.trend, options.trendPath, false],
  ] as const) {
    if (!file || !outcome.judge) continue;
    // A side-by-side run's base variants are not the change: the stored run judges the change's only.
    const exclude = judged.sideBySide?.pairs.map(([base]) => base) ?? [];
    const verdict = outcome.judge(file, { exclude, ...(gates ? {} : { against: `the stored run ${path} (trend only: it does not gate)` }) });
    if (verdict.judged === 0) {
      const names = [...new Set(outcome.results.map((r) => r.variant ?? ''))];
      if (gates) return { failure: `the baseline ${path} has none of this suite's variants (${names.join(', ')})` };
      stderr.write(`firstbatch: the trend file ${path} has none of this suite's variants (${names.join(', ')})\n`);
      continue;
    }
    text.write(`\n${verdict.table}\n`);
    markdown = `${markdown}\n${verdict.markdown}`;
    if (gates) {
      regressions += verdict.regressions;
      stderr.write(`firstbatch: ${verdict.line}\n`);
    }
  }
  return { markdown, regressions };
}

/** --json, --trace, --save-baseline, --markdown, and the GitHub step summary; throws when one cannot be written. */
function writeFiles(outcome: SuiteOutcome, options: CliOptions, markdown: string, io: Io): void {
  const wrote = (what: string, path: string, content: string): void => {
    const where = writeOutput(path, content, io.stdout);
    io.stderr.write(`firstbatch: wrote ${what} ${where}\n`);
  };
  if (options.jsonPath) wrote('results', options.jsonPath, `${JSON.stringify(outcome.file, null, 2)}\n`);
  if (options.tracePath) wrote('trace', options.tracePath, `${JSON.stringify(toTrace(outcome.results))}\n`);
  if (options.saveBaselinePath) wrote('baseline', options.saveBaselinePath, `${JSON.stringify(outcome.file, null, 2)}\n`);
  if (options.markdownPath) wrote('summary', options.markdownPath, markdown);
  // GitHub Actions shows this file on the run's page: the summary goes there by itself.
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) {
    appendFileSync(stepSummary, `${markdown}\n`);
    io.stderr.write('firstbatch: added the summary to $GITHUB_STEP_SUMMARY\n');
  }
}

/** Prints the run's share link (or why there is none); returns it. */
async function linkOf(outcome: SuiteOutcome, options: CliOptions, stderr: NodeJS.WritableStream): Promise<string | null> {
  let shareable: Parameters<typeof shareLinkOf>[0];
  const serving = servingReportSchema.safeParse('report' in outcome.file ? outcome.file.report : undefined);
  if (serving.success) {
    shareable = serving.data;
  } else {
    const file = suiteResultFileSchema.safeParse(outcome.file);
    if ('kind' in outcome.file || !file.success) {
      stderr.write(`firstbatch: no share link: ${/^[aeiou]/.test(outcome.kind) ? 'an' : 'a'} ${outcome.kind} report does not travel as a link; share the --json file instead\n`);
      return null;
    }
    shareable = file.data;
  }
  const shared = await shareLinkOf(shareable, options.appUrl.url);
  if ('reason' in shared) {
    stderr.write(`firstbatch: no share link: ${shared.reason}\n`);
    return null;
  }
  const where = options.appUrl.configured
    ? ''
    : ` (opens where \`firstbatch serve\` runs on this machine; set --app-url or FIRSTBATCH_APP_URL to your team's deployment)`;
  stderr.write(`firstbatch: share link (${Math.ceil(shared.url.length / 1024)} KB)${where}: ${shared.url}\n`);
  return shared.url;
}

/** --gpu asked for hardware; say plainly when the browser still gave a software adapter. */
function warnIfSoftware(outcome: SuiteOutcome, stderr: NodeJS.WritableStream): void {
  const software = outcome.results.filter((r) => r.env?.softwareRenderer);
  if (software.length === 0) return;
  const env = software[0]!.env!;
  const what = env.adapter ? `${env.adapter.vendor}/${env.adapter.architecture}${env.adapter.isFallbackAdapter ? ', isFallbackAdapter' : ''}` : (env.webgl?.renderer ?? env.backend);
  stderr.write(
    `firstbatch: --gpu was given, but ${software.length} of ${outcome.results.length} jobs ran on a software adapter (${what}): these numbers are not a GPU's. ` +
      'No hardware GPU was reached: check that the machine has one with a Vulkan driver (vulkaninfo), that the browser can open it (/dev/dri), and chrome://gpu in a headed run (--headed).\n',
  );
}
