/**
 * The `calibration` suite kind (pure): does the comparison machinery say what it should on real
 * jobs? It runs `aa` A/A comparisons of one configuration with itself — each should say "no
 * detectable difference" — and `ab` A/B comparisons where B is A plus `candidate`, a change
 * sized to a known cost — each should say "slower". Every comparison is a two-variant comparison
 * run by the suite runner (interleaved A B, B A rounds, auto-sampling with looks, a budget each).
 * The A/A and A/B comparisons are mixed in time (calibrationOrder) so machine load drifts over
 * both alike. TTFB is compared on the same jobs for information, and the measured cost ratio
 * B / A over all jobs says how big the change really was.
 */
import { z } from 'zod';
import { formatLevel, formatSigned, METRIC_IDS, METRICS, reportFileSchema, specOverridesSchema, thresholdTextSchema, type MetricId, type Verdict } from './compare/index.ts';
import { ROUNDS_DEFAULTS } from './defaults.ts';
import { describeIssues, parseJobSpec, SpecError, type JobSpec } from './spec.ts';
import { median } from './stats/index.ts';

export const calibrationSuiteSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of bench/suite.schema.json, for editors.'),
    kind: z.literal('calibration').describe('A/A and A/B comparisons that check the verdicts of the comparison statistics on real jobs.'),
    name: z.string().min(1).describe('Shown in reports and stored in results files.'),
    description: z.string().optional(),
    base: specOverridesSchema.default({}).describe('Configuration A: both sides of an A/A comparison, the first side of an A/B one.'),
    candidate: specOverridesSchema.describe('Fields B changes from base, sized to a known cost (A/B comparisons).'),
    aa: z.number().int().min(0).max(1000).default(20).describe('A/A comparisons: each should say "no detectable difference".'),
    ab: z.number().int().min(0).max(1000).default(10).describe('A/B comparisons: each should say "slower".'),
    metric: z.enum(METRIC_IDS).default('steps.medianMs').describe('The metric auto-sampling judges.'),
    threshold: thresholdTextSchema.default('10%'),
    budgetSeconds: z.number().positive().max(ROUNDS_DEFAULTS.maxBudgetSeconds).default(300).describe('Auto-sampling budget of each comparison.'),
    repetitions: z.number().int().min(1).max(ROUNDS_DEFAULTS.maxRounds).default(ROUNDS_DEFAULTS.repetitions).describe('Rounds each comparison starts with.'),
  })
  .strict()
  .superRefine((suite, ctx) => {
    if (suite.aa + suite.ab < 1) ctx.addIssue({ code: 'custom', path: ['aa'], message: 'aa + ab must be ≥ 1' });
    if (suite.ab > 0 && Object.keys(suite.candidate).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['candidate'], message: 'must change at least one field when ab > 0 (else A/B is A/A)' });
    }
  });
export type CalibrationSuite = z.output<typeof calibrationSuiteSchema>;

/** A calibration's two configurations: A = base, B = base with the candidate's fields. */
export function resolveCalibration(suite: CalibrationSuite): { a: JobSpec; b: JobSpec } {
  const resolve = (what: string, input: Record<string, unknown>): JobSpec => {
    try {
      return parseJobSpec(input);
    } catch (error) {
      if (error instanceof SpecError) throw new SpecError('suite', error.issues.map((issue) => `${what}: ${issue}`));
      throw error;
    }
  };
  return { a: resolve('base', suite.base), b: resolve('candidate with base', { ...suite.base, ...suite.candidate }) };
}

export const CALIBRATION_KINDS = ['A/A', 'A/B'] as const;
export type CalibrationKind = (typeof CALIBRATION_KINDS)[number];

const VERDICTS = ['no detectable difference', 'slower', 'faster', 'unresolved'] as const satisfies readonly Verdict[];

/** A relative difference with its CI; null where it could not be estimated (no jobs, or an unbounded interval). */
const relativeSchema = z.object({
  verdict: z.enum(VERDICTS),
  relative: z.number().nullable(),
  ci: z.tuple([z.number().nullable(), z.number().nullable()]),
});
export type RelativeVerdict = z.infer<typeof relativeSchema>;

export const calibrationComparisonSchema = z.object({
  kind: z.enum(CALIBRATION_KINDS),
  /** The judged metric. */
  metric: relativeSchema,
  /** Confidence level of the intervals (the level of the last look). */
  level: z.number().gt(0).lt(1),
  rounds: z.number().int().min(0),
  looks: z.number().int().min(1),
  stop: z.enum(['fixed', 'resolved', 'budget']),
  elapsedMs: z.number().min(0),
  /** TTFB on the same jobs, at the same level (not what sampling waited for). */
  ttfb: relativeSchema,
});
export type CalibrationComparison = z.infer<typeof calibrationComparisonSchema>;

export const calibrationReportSchema = z.object({
  /** The suite as it ran (threshold and budget after command-line overrides). */
  suite: calibrationSuiteSchema,
  comparisons: z.array(calibrationComparisonSchema),
  /** Mean of the metric over every job of B and every job of A; null when one side has no successful job. */
  cost: z.object({ a: z.object({ n: z.number().int(), mean: z.number() }), b: z.object({ n: z.number().int(), mean: z.number() }), ratio: z.number() }).nullable(),
  jobCount: z.number().int().min(0),
  failedJobCount: z.number().int().min(0),
});
export type CalibrationReport = z.infer<typeof calibrationReportSchema>;

/** The results file of a calibration (schemaVersion 1): the report and every job. */
export const calibrationFileSchema = reportFileSchema('calibration', calibrationReportSchema);
export type CalibrationFile = z.infer<typeof calibrationFileSchema>;

export function parseCalibrationFile(input: unknown): CalibrationFile {
  const parsed = calibrationFileSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('calibration file', describeIssues(parsed.error, input));
  return parsed.data;
}

/** The A/B comparisons spread evenly among the A/A ones, so load drift hits both kinds alike. */
export function calibrationOrder(aaCount: number, abCount: number): CalibrationKind[] {
  const order: CalibrationKind[] = [];
  for (let i = 0, aa = 0, ab = 0; i < aaCount + abCount; i++) {
    const wantAb = ab < abCount && (aa >= aaCount || (ab + 1) / abCount <= (aa + 1) / aaCount);
    order.push(wantAb ? 'A/B' : 'A/A');
    if (wantAb) ab++;
    else aa++;
  }
  return order;
}

const pct = (x: number | null): string => (x === null ? '—' : formatSigned(x, '%'));
const withCi = (r: RelativeVerdict): string => `${r.verdict} ${pct(r.relative)} [${pct(r.ci[0])}, ${pct(r.ci[1])}]`;
const labelOf = (metric: MetricId): string => METRICS[metric].label;

/** What the calibration compares, in one line. */
export function calibrationHeadline(suite: CalibrationSuite): string {
  return `${suite.name}: ${suite.aa} A/A + ${suite.ab} A/B comparisons of the ${labelOf(suite.metric)}, threshold ${suite.threshold}, ` +
    `auto-sampling budget ${suite.budgetSeconds} s each; A = ${JSON.stringify(suite.base)}, B = A with ${JSON.stringify(suite.candidate)}`;
}

/** One comparison's line: "3/30 A/B: step median slower +9.1% [+4.0%, +14.2%] (97.5% CI, resolved after 5 rounds, 2 looks, 41 s) · TTFB …". */
export function formatCalibrationComparison(suite: CalibrationSuite, comparison: CalibrationComparison, index: number, count: number): string {
  const c = comparison;
  return `${index + 1}/${count} ${c.kind}: ${labelOf(suite.metric)} ${withCi(c.metric)} ` +
    `(${formatLevel(c.level)} CI, ${c.stop} after ${c.rounds} rounds, ${c.looks} look${c.looks === 1 ? '' : 's'}, ${(c.elapsedMs / 1000).toFixed(0)} s) · ` +
    `TTFB ${c.ttfb.verdict} ${pct(c.ttfb.relative)}`;
}

function verdictCounts(comparisons: readonly CalibrationComparison[], kind: CalibrationKind, read: (c: CalibrationComparison) => Verdict): string {
  const of = comparisons.filter((c) => c.kind === kind);
  return `${kind} (${of.length}): ${VERDICTS.map((v) => `${v} ${of.filter((c) => read(c) === v).length}`).join(', ')}`;
}

function roundsOf(comparisons: readonly CalibrationComparison[], kind: CalibrationKind): string {
  const rounds = comparisons.filter((c) => c.kind === kind).map((c) => c.rounds);
  return rounds.length > 0 ? `${kind} median ${median(rounds)} rounds (${Math.min(...rounds)}–${Math.max(...rounds)})` : `${kind} none`;
}

/** The summary: measured cost, verdict counts per kind, rounds per comparison, TTFB verdicts, jobs. */
export function calibrationSummary(report: CalibrationReport): string[] {
  const { suite, comparisons, cost } = report;
  const label = labelOf(suite.metric);
  return [
    cost
      ? `measured ${label} over all jobs: B / A = ×${cost.ratio.toFixed(3)} (B ${cost.b.n} jobs, A ${cost.a.n} jobs)`
      : `measured ${label} ratio B / A unavailable: no successful jobs of ${report.comparisons.some((c) => c.kind === 'A/B') ? 'one side' : 'B (no A/B comparison ran)'}`,
    `${label}: ${verdictCounts(comparisons, 'A/A', (c) => c.metric.verdict)}; ${verdictCounts(comparisons, 'A/B', (c) => c.metric.verdict)}`,
    `rounds per comparison: ${roundsOf(comparisons, 'A/A')}, ${roundsOf(comparisons, 'A/B')}`,
    `TTFB on the same jobs (not sampled for): ${verdictCounts(comparisons, 'A/A', (c) => c.ttfb.verdict)}; ${verdictCounts(comparisons, 'A/B', (c) => c.ttfb.verdict)}`,
    `${report.jobCount} jobs, ${report.failedJobCount} failed`,
  ];
}

/** The terminal text: the headline, every comparison, the summary. */
export function formatCalibrationTable(report: CalibrationReport): string {
  const count = report.comparisons.length;
  return [
    calibrationHeadline(report.suite),
    ...report.comparisons.map((c, i) => formatCalibrationComparison(report.suite, c, i, count)),
    ...calibrationSummary(report),
  ].join('\n');
}

export function formatCalibrationMarkdown(report: CalibrationReport): string {
  const count = report.comparisons.length;
  return [
    `### ${report.suite.name}`,
    '',
    calibrationHeadline(report.suite),
    '',
    ...calibrationSummary(report).map((line) => `- ${line}`),
    '',
    '<details><summary>Every comparison</summary>',
    '',
    ...report.comparisons.map((c, i) => `- ${formatCalibrationComparison(report.suite, c, i, count)}`),
    '',
    '</details>',
    '',
  ].join('\n');
}
