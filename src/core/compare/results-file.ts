/**
 * The results file of a suite run (schemaVersion 1, a superset of src/core/result.ts's file):
 * every job result also names its suite variant and repetition, and the file carries the
 * comparison and how sampling ended. A baseline is such a file.
 */
import { z } from 'zod';
import { devicePeakSchema } from '../efficiency/peak.ts';
import { jobLabel } from '../format.ts';
import { jobResultSchema, RESULT_SCHEMA_VERSION, type JobResult } from '../result.ts';
import { readJudgement } from './judgement.ts';
import { samplingSchema } from './sampling.ts';
import { SpecError, parseWith } from '../spec.ts';

export const suiteJobResultSchema = jobResultSchema.extend({
  /** The suite variant this job ran; absent in files written by job flags before suites existed. */
  variant: z.string().optional(),
  /** 0-based interleaved round. */
  repetition: z.number().int().min(0).optional(),
  /** The host's 1-minute load average and CPU count when the job started (the CLI's machine), to tell runs on a busy machine apart. */
  host: z.object({ loadAverage1m: z.number().min(0), cpuCount: z.number().int().min(1) }).optional(),
  /** The browser (device) that ran the job, when a suite fanned out over several; absent for one browser. */
  device: z.string().min(1).max(200).optional(),
});
export type SuiteJobResult = z.infer<typeof suiteJobResultSchema>;

/** The results file of a job kind with a report of its own (calibration, interleaved): schemaVersion 1, its `kind`, the report and every job. */
export function reportFileSchema<K extends string, R extends z.ZodType>(kind: K, report: R) {
  return z.object({
    schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('firstbatch'), version: z.string() }),
    kind: z.literal(kind),
    report,
    results: z.array(suiteJobResultSchema),
  });
}

export const deviceSchema = z.object({
  name: z.string().min(1).max(200),
  /** Where the browser was reached: a Playwright server, a CDP endpoint, a Selenium Grid, or "local". */
  endpoint: z.string().max(2000),
  /** What the browser turned out to be: its version, the Grid node that ran it. */
  detail: z.string().max(2000),
});
export type Device = z.infer<typeof deviceSchema>;

export { samplingSchema, type Sampling } from './sampling.ts';

export const suiteResultFileSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('firstbatch'), version: z.string() }),
  suite: z
    .object({
      name: z.string(),
      kind: z.string(),
      threshold: z.string(),
      metrics: z.array(z.string()),
      /** The suite as it ran (its own JSON, parsed again by whoever re-renders the file); absent in older files. */
      definition: z.unknown().optional(),
    })
    .optional(),
  /** ISO time the run started; absent in files written before it was recorded (their jobs' env.date says). */
  createdAt: z.string().max(64).optional(),
  results: z.array(suiteJobResultSchema),
  sampling: samplingSchema.optional(),
  /**
   * The comparison the runner judged (one per device for a fan-out): what every reader of the file
   * shows. Baselines recompute from results. Read with readJudgement, so a file whose judgement
   * this version cannot read still opens (its readers recompute and say so).
   */
  comparison: z.unknown().transform(readJudgement).optional(),
  /** The browsers a suite fanned out over, by the name each result's `device` gives. */
  devices: z.array(deviceSchema).optional(),
  /** The device peaks measured in this run, per backend, for jobs that count their work (spec.efficiency). */
  peaks: z.array(devicePeakSchema).optional(),
});
export type SuiteResultFile = z.infer<typeof suiteResultFileSchema>;

/**
 * A file from a newer firstbatch says so, instead of a list of fields this version does not know.
 * SpecError('results file') naming the version; files of this version pass.
 */
export function checkSchemaVersion(input: unknown): void {
  if (typeof input !== 'object' || input === null || !('schemaVersion' in input)) return;
  const version = input.schemaVersion;
  if (typeof version === 'number' && version > RESULT_SCHEMA_VERSION) {
    const tool = 'tool' in input && typeof input.tool === 'object' && input.tool !== null && 'version' in input.tool ? ` (firstbatch ${String(input.tool.version)})` : '';
    throw new SpecError('results file', [`schemaVersion ${version} was written by a newer firstbatch${tool}; this one reads schemaVersion ${RESULT_SCHEMA_VERSION}: upgrade firstbatch to open it`]);
  }
}

/** Parses a suite results file or baseline from untrusted JSON; SpecError names the field. */
export function parseSuiteResultFile(input: unknown): SuiteResultFile {
  checkSchemaVersion(input);
  return parseWith(suiteResultFileSchema, 'results file', input);
}

/** "mlp @ gpu-box" for a result from one of several devices; the variant alone otherwise. */
export function cellName(variant: string, device: string | undefined): string {
  return device === undefined ? variant : `${variant} @ ${device}`;
}

/**
 * Results grouped by variant (by variant and device when a suite fanned out over several), in
 * first-seen order; results without a variant are grouped by their job label.
 */
export function groupByVariant(results: readonly SuiteJobResult[]): { name: string; results: JobResult[] }[] {
  const specs = results.map((r) => r.spec);
  const groups = new Map<string, JobResult[]>();
  for (const result of results) {
    const name = cellName(result.variant ?? jobLabel(result.spec, specs), result.device);
    const list = groups.get(name) ?? [];
    list.push(result);
    groups.set(name, list);
  }
  return [...groups].map(([name, list]) => ({ name, results: list }));
}
