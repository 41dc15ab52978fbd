import { cellName, parseSuiteResultFile, type SuiteResultFile } from '../compare/index.ts';
import { jobLabel } from '../format.ts';
import type { JobSpec } from '../spec.ts';
import { parseRun, type Run } from './run.ts';

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
    createdAt: file.results.find((result) => result.env)?.env?.date ?? '',
    threshold: file.suite?.threshold ?? '5%',
    repetitions: Math.min(1000, rounds),
    variants,
    jobs,
  });
}

/** Parses a results file from untrusted JSON (a file picked or dropped in the app) and makes it a run. */
export function runOfResultsJson(input: unknown): Run {
  return runOfResultsFile(parseSuiteResultFile(input));
}
