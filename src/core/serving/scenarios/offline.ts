/** Offline (MLPerf): throughput of back-to-back batches per batch size, and the best one. */
import { z } from 'zod';
import type { ServingHost, ServingProgress } from '../host.ts';
import { bestOffline, summarizeLatencies, type OfflinePoint } from '../latency.ts';
import { formatMs } from '../../format.ts';
import { envLine, modelLabel, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { latencySummarySchema, modelLoadSchema } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { offlineForm } from './offline.form.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const offlineSuiteSchema = z.object({
  kind: z.literal('offline'),
  ...suiteBase,
  model: servingModelSchema(),
  batchSizes: z.array(int(1, 65_536)).min(1).max(20).default([1, 8, 32, 128, 512]),
  batchesPerSize: int(1, 10_000).default(20),
}).strict();
export type OfflineSuite = z.output<typeof offlineSuiteSchema>;

export const offlinePointSchema = z.object({
  batchSize: z.number().int(), batches: z.number().int(), examplesPerSec: z.number(), batchMs: latencySummarySchema,
});
export const offlineReportSchema = z.object({
  kind: z.literal('offline'),
  suite: offlineSuiteSchema,
  load: modelLoadSchema,
  points: z.array(offlinePointSchema),
  best: offlinePointSchema,
});
export type OfflineReport = z.output<typeof offlineReportSchema>;

export async function runOffline(suite: OfflineSuite, host: ServingHost, progress: ServingProgress): Promise<OfflineReport> {
  const worker = await host.open(suite.model);
  try {
    const points: OfflinePoint[] = [];
    for (const batchSize of suite.batchSizes) {
      const reply = await worker.offline(batchSize, suite.batchesPerSize);
      const totalMs = reply.batchMs.reduce((a, b) => a + b, 0);
      const point = { batchSize, batches: reply.batchMs.length, examplesPerSec: (batchSize * reply.batchMs.length * 1000) / totalMs, batchMs: summarizeLatencies(reply.batchMs) };
      progress(`Offline batch ${batchSize}: ${point.examplesPerSec.toFixed(0)} examples/s`);
      points.push(point);
    }
    return { kind: 'offline', suite, load: worker.load, points, best: bestOffline(points) };
  } finally {
    worker.close();
  }
}

export function formatOffline(report: OfflineReport): string {
  return [
    `## Offline: ${modelLabel(report.suite.model)}`, envLine(report.load), '',
    `Best throughput ${report.best.examplesPerSec.toFixed(0)} examples/s at batch ${report.best.batchSize}.`, '',
    table(['batch', 'examples/s', 'batch p50', 'batch p99'], report.points.map((p) => [String(p.batchSize), p.examplesPerSec.toFixed(0), formatMs(p.batchMs.p50Ms), formatMs(p.batchMs.p99Ms)])),
  ].join('\n');
}

/** Offline measures; it guards nothing. */
export function offlineFailure(_report: OfflineReport): string | null {
  return null;
}

export const offlineScenario = defineScenario({
  suiteSchema: offlineSuiteSchema, reportSchema: offlineReportSchema, run: runOffline, format: formatOffline, failure: offlineFailure, form: offlineForm,
});
