/** SingleStream (MLPerf): one query at a time, the next sent when the last is answered; p50/p90/p99 and the cold first query. */
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { formatMs } from '../../format.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { summarizeLatencies } from '../latency.ts';
import { envLine, modelLabel, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { latencySummarySchema, modelLoadSchema } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { singleStreamForm } from './single-stream.form.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const singleStreamSuiteSchema = z.object({
  kind: z.literal('single-stream'),
  ...suiteBase,
  model: servingModelSchema(),
  minQueries: int(1, 1_000_000).default(D.singleStreamMinQueries),
  minDurationMs: int(0, 3_600_000).default(D.singleStreamMinDurationMs),
}).strict();
export type SingleStreamSuite = z.output<typeof singleStreamSuiteSchema>;

export const singleStreamReportSchema = z.object({
  kind: z.literal('single-stream'),
  suite: singleStreamSuiteSchema,
  load: modelLoadSchema,
  coldMs: z.number(),
  latency: latencySummarySchema,
  samplesMs: z.array(z.number()),
  durationMs: z.number(),
});
export type SingleStreamReport = z.output<typeof singleStreamReportSchema>;

export async function runSingleStream(suite: SingleStreamSuite, host: ServingHost, progress: ServingProgress): Promise<SingleStreamReport> {
  const worker = await host.open(suite.model);
  try {
    const cold = await worker.query(0);
    const samplesMs: number[] = [];
    const startAbsMs = host.nowAbsMs();
    for (let i = 1; samplesMs.length < suite.minQueries || host.nowAbsMs() - startAbsMs < suite.minDurationMs; i++) {
      const t = await worker.query(i);
      samplesMs.push(t.receivedAbsMs - t.sentAbsMs);
    }
    const latency = summarizeLatencies(samplesMs);
    progress(`SingleStream: ${samplesMs.length} queries, p90 ${latency.p90Ms.toFixed(2)} ms`);
    return {
      kind: 'single-stream', suite, load: worker.load, coldMs: cold.receivedAbsMs - cold.sentAbsMs, latency, samplesMs,
      durationMs: host.nowAbsMs() - startAbsMs,
    };
  } finally {
    worker.close();
  }
}

export function formatSingleStream(report: SingleStreamReport): string {
  return [
    `## SingleStream: ${modelLabel(report.suite.model)}`, envLine(report.load), '',
    `${report.latency.count} queries one at a time over ${formatMs(report.durationMs)}; cold first query ${formatMs(report.coldMs)}.`, '',
    table(['p50', 'p90', 'p99', 'max'], [[formatMs(report.latency.p50Ms), formatMs(report.latency.p90Ms), formatMs(report.latency.p99Ms), formatMs(report.latency.maxMs)]]),
  ].join('\n');
}

/** SingleStream measures; it guards nothing. */
export function singleStreamFailure(_report: SingleStreamReport): string | null {
  return null;
}

export const singleStreamScenario = defineScenario({
  suiteSchema: singleStreamSuiteSchema, reportSchema: singleStreamReportSchema, run: runSingleStream, format: formatSingleStream, failure: singleStreamFailure, form: singleStreamForm,
});
