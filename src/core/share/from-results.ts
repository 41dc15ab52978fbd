import { COMPARE_DEFAULTS, ROUNDS_DEFAULTS } from '../defaults.ts';
import { cellName, checkSchemaVersion, parseSuiteResultFile, type SuiteResultFile } from '../compare/index.ts';
import { describeIssues, SpecError } from '../spec.ts';
import { SERVING_SUITE_KINDS, servingReportSchema, type ServingReport } from '../serving/index.ts';
import { SUITE_KINDS } from '../suite.ts';
import type { RunEntry } from './entry.ts';
import { parseServingRun, type ServingRun } from './serving-run.ts';
import { jobLabel } from '../format.ts';
import type { JobSpec } from '../spec.ts';
import { parseRun, type Run } from './run.ts';

/** The job kinds whose results file is a report of their own (a calibration, an interleaved run). */
const OWN_REPORT_KINDS: readonly string[] = SUITE_KINDS.filter((descriptor) => descriptor.saved.file === 'own').map((descriptor) => descriptor.kind);

/** A results file that cannot become a run (and so no link), with a sentence for the user. */
export class ResultsFileError extends Error {}

/**
 * A results file (the CLI's --json, the app's JSON export) as a run, the form the app shows and
 * share links carry: one run variant per suite variant (per variant and device when the suite
 * fanned out over several browsers), jobs in the order they ran.
 */
export function runOfResultsFile(file: SuiteResultFile): Run {
  if (file.results.length === 0) throw new ResultsFileError('this results file has no job results (a serving report, or a run that finished no job): nothing to show or share as a link');
  const specs = file.results.map((result) => result.spec);
  const variants: { name: string; spec: JobSpec }[] = [];
  const index = new Map<string, number>();
  const jobs = file.results.map((result, order) => {
    const name = cellName(result.variant ?? jobLabel(result.spec, specs), result.device).slice(0, 200);
    let variant = index.get(name);
    if (variant === undefined) {
      variant = variants.push({ name, spec: result.spec }) - 1;
      index.set(name, variant);
    }
    const { variant: _variant, repetition, host: _host, device: _device, ...jobResult } = result;
    return { variant, repetition: repetition ?? order, result: jobResult };
  });
  const rounds = Math.max(1, ...jobs.map((job) => job.repetition + 1));
  return parseRun({
    title: (file.suite?.name ?? 'results').slice(0, 200),
    createdAt: file.createdAt ?? file.results.find((result) => result.env)?.env?.date ?? '',
    threshold: file.suite?.threshold ?? COMPARE_DEFAULTS.threshold,
    repetitions: Math.min(ROUNDS_DEFAULTS.maxRounds, rounds),
    variants,
    jobs,
    // The device peaks the jobs' efficiency is measured against (a run that counted its work).
    ...(file.peaks && file.peaks.length > 0 ? { peaks: file.peaks.slice(0, 8) } : {}),
    // How its rounds ended: an auto-sampled run is judged at its last look's level, as the CLI judged it.
    ...(file.sampling ? { sampling: file.sampling } : {}),
    // What the runner judged: the app shows this, not a recomputation.
    ...(file.comparison ? { judgement: file.comparison } : {}),
  });
}

/** Parses a results file from untrusted JSON (a file picked or dropped in the app) and makes it a run. */
export function runOfResultsJson(input: unknown): Run {
  return runOfResultsFile(parseSuiteResultFile(input));
}

/** A serving suite's results file (the CLI's --json of a serving suite) as a serving run. */
export function servingRunOfReport(report: ServingReport, createdAt: string): ServingRun {
  const name = typeof report.suite === 'object' && report.suite !== null && 'name' in report.suite && typeof report.suite.name === 'string' ? report.suite.name : `serving: ${report.kind}`;
  return parseServingRun({ title: name.slice(0, 200), createdAt, report });
}

/**
 * Any results file the CLI writes, as what the app shows and links carry: a comparison (or lab)
 * results file as a comparison run, a serving suite's as a serving run. A file from a newer
 * firstbatch names its version; anything else names the bad field.
 */
export function entryOfResultsJson(input: unknown, now: string): RunEntry {
  checkSchemaVersion(input);
  const kind = typeof input === 'object' && input !== null && 'kind' in input ? input.kind : undefined;
  if ((SERVING_SUITE_KINDS as readonly unknown[]).includes(kind) && typeof input === 'object' && input !== null && 'report' in input) {
    const report = servingReportSchema.safeParse(input.report);
    if (!report.success) throw new SpecError('serving results file', describeIssues(report.error, input.report).map((issue) => `report.${issue}`));
    return { kind: 'serving', run: servingRunOfReport(report.data, now) };
  }
  // A job kind's own report (a calibration, an interleaved run) has no variants to show side by side.
  if (typeof kind === 'string' && OWN_REPORT_KINDS.includes(kind)) {
    throw new ResultsFileError(`this is a ${kind} report: the app shows comparison, lab and serving results; print it with \`firstbatch bench --from FILE\``);
  }
  return { kind: 'comparison', run: runOfResultsJson(input) };
}
