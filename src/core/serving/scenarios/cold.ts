/** Cold: the first inference in a fresh worker (import, backend, training, then pipeline compilation inside the first query). */
import { z } from 'zod';
import { formatMs } from '../../format.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { summarizeLatencies } from '../latency.ts';
import { modelLabel, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { latencySummarySchema, modelLoadSchema, type ModelLoad } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { coldForm } from './cold.form.ts';

export const coldSuiteSchema = z.object({
  kind: z.literal('cold'),
  ...suiteBase,
  model: servingModelSchema(),
  repetitions: z.number().int().min(1).max(100).default(3),
}).strict();
export type ColdSuite = z.output<typeof coldSuiteSchema>;

export const coldReportSchema = z.object({
  kind: z.literal('cold'),
  suite: coldSuiteSchema,
  runs: z.array(z.object({ load: modelLoadSchema, firstQueryMs: z.number(), secondQueryMs: z.number() })),
  firstQuery: latencySummarySchema,
});
export type ColdReport = z.output<typeof coldReportSchema>;

export async function runCold(suite: ColdSuite, host: ServingHost, progress: ServingProgress): Promise<ColdReport> {
  const runs: { load: ModelLoad; firstQueryMs: number; secondQueryMs: number }[] = [];
  for (let r = 0; r < suite.repetitions; r++) {
    const worker = await host.open(suite.model);
    try {
      const first = await worker.query(0);
      const second = await worker.query(1);
      runs.push({ load: worker.load, firstQueryMs: first.receivedAbsMs - first.sentAbsMs, secondQueryMs: second.receivedAbsMs - second.sentAbsMs });
      progress(`cold ${r + 1}/${suite.repetitions}: first query ${runs[r]!.firstQueryMs.toFixed(1)} ms`);
    } finally {
      worker.close();
    }
  }
  return { kind: 'cold', suite, runs, firstQuery: summarizeLatencies(runs.map((r) => r.firstQueryMs)) };
}

export function formatCold(report: ColdReport): string {
  return [
    `## Cold: ${modelLabel(report.suite.model)}`, '',
    `First query in a fresh worker: median ${formatMs(report.firstQuery.p50Ms)} over ${report.runs.length} workers.`, '',
    table(['run', 'spawn → loaded', 'import', 'backend', 'train', 'first query', 'second query'], report.runs.map((r, i) => [
      String(i + 1), formatMs(r.load.spawnToLoadedMs), formatMs(r.load.phasesMs.import), formatMs(r.load.phasesMs.backend), formatMs(r.load.phasesMs.train),
      formatMs(r.firstQueryMs), formatMs(r.secondQueryMs)])),
  ].join('\n');
}

/** Cold measures; it guards nothing. */
export function coldFailure(_report: ColdReport): string | null {
  return null;
}

export const coldScenario = defineScenario({
  suiteSchema: coldSuiteSchema, reportSchema: coldReportSchema, run: runCold, format: formatCold, failure: coldFailure, form: coldForm,
});
