import { z } from 'zod';
import { servingReportSchema, type ServingReport } from '../serving/index.ts';
import { parseWith } from '../spec.ts';
import { quantiseMs } from './quantise.ts';

/**
 * A serving run: one serving suite's report, with a title and the time it started. The web app
 * keeps serving runs in its history and shares them as links, like comparison runs.
 */
export const servingRunSchema = z
  .object({
    title: z.string().max(200),
    /** ISO date the run started. */
    createdAt: z.string().max(64),
    report: servingReportSchema,
  })
  .strict();

export type ServingRun = z.output<typeof servingRunSchema>;

export function parseServingRun(input: unknown): ServingRun {
  return parseWith(servingRunSchema, 'serving run', input);
}

/** Significant digits kept of numbers that are not times (ratios, rates, statistics). */
const OTHER_SIGNIFICANT_DIGITS = 6;

/**
 * The serving run at share-link precision: every number under a key ending in `Ms` (latencies,
 * timelines, load phases) as a time (quantiseMs), other fractional numbers to 6 significant
 * digits; the suite, which the user typed and which "Run this again" reuses, exactly. The app
 * renders every serving run through this, so a link shows the numbers its sender saw.
 */
export function servingRunAtSharePrecision(run: ServingRun): ServingRun {
  const { suite, ...rest } = run.report;
  return { ...run, report: { ...(quantiseTree(rest, false) as Omit<ServingReport, 'suite'>), suite } as ServingReport };
}

function quantiseTree(value: unknown, isTime: boolean): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Number.isInteger(value)) return value;
    return isTime ? quantiseMs(value) : Number(value.toPrecision(OTHER_SIGNIFICANT_DIGITS));
  }
  if (Array.isArray(value)) return value.map((item) => quantiseTree(item, isTime));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'suite' ? item : quantiseTree(item, isTime || key.endsWith('Ms'))]));
  }
  return value;
}
