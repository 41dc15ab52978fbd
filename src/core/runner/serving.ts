/** The serving kinds: one serving suite run in the page; its report, versioned, and the condition it guards. */
import { formatServingMarkdown, servingFailure, type ServingSuite, type ServingSuiteKind } from '../serving/index.ts';
import type { RunnerContext, ServingResultFile, SuiteOutcome } from './context.ts';
import { toServingResultFile } from './results-file.ts';

export async function runServingKind(suite: ServingSuite, context: RunnerContext): Promise<SuiteOutcome<ServingSuiteKind>> {
  const startedMs = context.now();
  const report = await context.runServing(suite, (line) => context.progress.note(`[${((context.now() - startedMs) / 1000).toFixed(1)} s] ${line}`));
  return servingOutcome(toServingResultFile(report, context.toolVersion));
}

/** The outcome of a serving suite, from a run or from a saved file. */
export function servingOutcome(file: ServingResultFile): SuiteOutcome<ServingSuiteKind> {
  const markdown = formatServingMarkdown(file.report);
  return { kind: file.report.kind, file, results: [], table: markdown, markdown, samplingLine: null, failure: servingFailure(file.report) };
}
