/**
 * The TTFB lab (pure): the `lab` suite kind, and its summary — from interleaved rounds of the
 * cold default against each knob and a best combination, what each knob saved (ms and %, with
 * CIs), which phases moved, and the configuration to recommend. The suite runner
 * (src/core/runner/lab.ts) runs a lab through the same rounds and auto-sampling as a comparison.
 */
import { z } from 'zod';
import {
  compareVariants, comparisonSuiteSchema, formatLevel, parseThreshold, variantSuiteSchema,
  type ComparisonSuite, type MetricDifference, type MetricId, type Verdict,
} from './compare/index.ts';
import { formatMs, markdownTable, signedMs } from './format.ts';
import { labPhaseCells, labPhaseRows, type LabPhaseRow } from './lab-phases.ts';
import { TTFB_PHASES, type PhaseName } from './phases.ts';
import { jobResultSchema, type JobResult } from './result.ts';
import type { Run } from './share/run.ts';
import { type JobSpec, parseWith } from './spec.ts';
import type { Estimate } from './stats/index.ts';
import { mean, STATS_DEFAULTS } from './stats/index.ts';

/** formatMs for signed values (a negative saving is a cost); kept here for the lab's callers. */
export { signedMs };

export const LAB_SCHEMA_VERSION = 1;

/** The TTFB cut the lab's best combination is held to (Meta's AI Lab reported up to 40%). */
export const LAB_TARGET_FRACTION = 0.4;
/** Phases that explain a knob: the largest moves, each resolved or at least this share of the baseline TTFB. */
export const LAB_PHASES_SHOWN = 3;
export const LAB_PHASE_SHOWN_FRACTION = 0.01;

/**
 * The `lab` suite kind: a comparison's fields. The runner samples until every TTFB difference
 * against the baseline (the cold default) is resolved or the budget ends, then summarizes.
 */
export const labSuiteSchema = variantSuiteSchema('lab', {
  kind: 'TTFB lab: the cold default (the baseline variant) against each knob; reports what each knob saved and recommends one.',
  budgetSeconds: 'Auto-sampling: add rounds until every TTFB difference against the baseline is resolved or this much time is spent.',
});
export type LabSuite = z.output<typeof labSuiteSchema>;

/** A suite of variants as the lab reads it: a lab, or a comparison (older saved runs, the web app's runs). */
export type VariantSuite = ComparisonSuite | LabSuite;

export const labRunSchema = z.object({
  suite: z.union([labSuiteSchema, comparisonSuiteSchema]),
  startedAt: z.string(),
  rounds: z.number().int().min(0),
  jobs: z.array(z.object({ variant: z.string(), round: z.number().int().min(0), result: jobResultSchema })),
});
export type LabRun = { suite: VariantSuite; startedAt: string; rounds: number; jobs: { variant: string; round: number; result: JobResult }[] };

export function parseLabRun(input: unknown): LabRun {
  return parseWith(labRunSchema, 'lab run', input);
}

/** The spec fields a lab can turn: TTFB knobs and the tfjs flags. */
export const LAB_KNOBS = ['prewarm', 'precompile', 'warmPipelineCache', 'overlapData', 'importMode', 'flags'] as const satisfies readonly (keyof JobSpec)[];

/**
 * A web-app run seen as a lab: its first variant is the baseline, each other
 * variant's change is what differs from it. Null unless the variants differ
 * in a TTFB knob.
 */
export function labRunFromRun(run: Run): LabRun | null {
  const [first] = run.variants;
  if (!first || run.variants.length < 2) return null;
  const changeOf = (spec: JobSpec): Record<string, unknown> =>
    Object.fromEntries(Object.entries(spec).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(first.spec[key as keyof JobSpec])));
  const changes = run.variants.map((v) => changeOf(v.spec));
  if (!changes.some((change) => LAB_KNOBS.some((knob) => knob in change))) return null;
  const suite = labSuiteSchema.parse({
    kind: 'lab',
    name: run.title || 'TTFB lab',
    base: { workload: first.spec.workload, backend: first.spec.backend },
    variants: run.variants.map((v, i) => ({ name: v.name, spec: changes[i] })),
    baseline: first.name,
    threshold: run.threshold,
    repetitions: run.repetitions,
  });
  const jobs = run.jobs.map((job) => ({ variant: run.variants[job.variant]?.name ?? '', round: job.repetition, result: job.result }));
  return { suite, startedAt: run.createdAt, rounds: Math.max(0, ...run.jobs.map((j) => j.repetition + 1)), jobs };
}

/** The run's jobs grouped by variant, in the suite's order; each result names its round (for pairing). */
export function labGroups(run: LabRun): { name: string; results: (JobResult & { repetition: number })[] }[] {
  return run.suite.variants.map((variant) => ({
    name: variant.name,
    results: run.jobs.filter((job) => job.variant === variant.name).map((job) => ({ ...job.result, repetition: job.round })),
  }));
}

export interface Saving {
  /** Baseline − candidate (positive = sooner), ms, with its CI. */
  ms: Estimate;
  /** The same as a fraction of the baseline. */
  fraction: Estimate;
  verdict: Verdict;
}

export interface KnobResult {
  variant: string;
  /** The variant's own spec fields (what it changes from the suite's base). */
  change: Record<string, unknown>;
  n: number;
  failed: number;
  ttfbMs: Estimate | null;
  saving: Saving;
  /** Phases whose difference resolved (faster or slower), largest move first. */
  phasesMoved: { phase: PhaseName; saving: Saving }[];
  /** Step median difference (candidate − baseline), for knobs that target step time. */
  stepMedian: Saving | null;
  /** Mean time a pool spent preparing the worker before submission; null when not prewarmed. */
  poolMs: number | null;
  /** In words, what a prewarmed variant reused. */
  reused: string | null;
}

export interface LabSummary {
  schemaVersion: typeof LAB_SCHEMA_VERSION;
  name: string;
  workload: string;
  backend: string;
  rounds: number;
  /** Confidence level of every interval in the summary (below 95% after several looks of auto-sampling). */
  level: number;
  baseline: { variant: string; n: number; ttfbMs: Estimate | null; phasesMs: { phase: PhaseName; ms: number }[] };
  knobs: KnobResult[];
  /** The fastest resolved variant; null when none was resolved faster. */
  recommended: KnobResult | null;
  /** The variant named "best" (the combination), when the suite has one. */
  best: KnobResult | null;
  /** Did the best combination cut TTFB by at least LAB_TARGET_FRACTION (point estimate)? null without a "best". */
  meetsTarget: boolean | null;
  resolved: boolean;
  /** TTFB total and each phase by variant, with each knob's change: where the time went (descriptive). */
  phases: LabPhaseRow[];
}

const PHASE_METRICS = TTFB_PHASES.map((phase) => [phase, `ttfb.${phase}` as MetricId] as const);

function savingOf(difference: MetricDifference): Saving {
  const flip = (e: Estimate): Estimate => ({ value: -e.value, ci: { low: -e.ci.high, high: -e.ci.low, level: e.ci.level }, method: e.method });
  return { ms: flip(difference.absolute), fraction: flip(difference.relative), verdict: difference.verdict };
}

/** The saving of a phase the baseline does not have: minus its whole time; as a fraction of the baseline's TTFB. */
function addedPhase(own: Estimate, baseTtfbMs: number): Saving {
  const neg = (e: Estimate, scale: number): Estimate => ({ value: -e.value / scale, ci: { low: -e.ci.high / scale, high: -e.ci.low / scale, level: e.ci.level }, method: `${e.method} (phase absent in the baseline)` });
  return { ms: neg(own, 1), fraction: neg(own, baseTtfbMs), verdict: 'slower' };
}

export interface LabOptions {
  /**
   * Level of the intervals: the level of the look at which sampling stopped (see
   * src/core/compare/sequential.ts), so the lab's intervals are as wide as its verdicts. Default 95%.
   */
  readonly level?: number;
  /** The rounds were interleaved: Welch-method metrics are compared pair by pair within rounds. */
  readonly paired?: boolean;
}

export function summarizeLab(run: LabRun, options: LabOptions = {}): LabSummary {
  const { suite } = run;
  const groups = labGroups(run);
  const baseline = suite.baseline ?? suite.variants[0]?.name ?? '';
  const threshold = parseThreshold(suite.threshold);
  const level = options.level ?? STATS_DEFAULTS.level;
  const metrics: MetricId[] = ['ttfb.totalMs', ...PHASE_METRICS.map(([, id]) => id), 'steps.medianMs'];
  const comparison = compareVariants(groups, { metrics, baseline, threshold, level, paired: options.paired === true });
  const byMetric = new Map(comparison.metrics.map((m) => [m.metric, m]));
  const ttfb = byMetric.get('ttfb.totalMs');
  const baseGroup = groups.find((g) => g.name === baseline);
  const baseOk = (baseGroup?.results ?? []).filter((r) => !r.error && r.ttfb);
  const baseTtfbMs = ttfb?.variants.find((v) => v.variant === baseline)?.estimate?.value ?? Number.NaN;
  const knobs: KnobResult[] = (ttfb?.differences ?? []).map((difference) => {
    const variant = difference.candidate;
    const estimate = ttfb?.variants.find((v) => v.variant === variant);
    const results = (groups.find((g) => g.name === variant)?.results ?? []).filter((r) => !r.error);
    // The headline is judged (TTFB total); phases explain it, descriptively: the largest moves
    // with their intervals, resolved or not — a phase of a few ms cannot resolve to ±5%.
    const phasesMoved = PHASE_METRICS.flatMap(([phase, id]) => {
      const metric = byMetric.get(id);
      const d = metric?.differences.find((x) => x.candidate === variant);
      if (d && Number.isFinite(d.absolute.value)) return [{ phase, saving: savingOf(d) }];
      // A phase only this variant has (compile): all of its time is added.
      const own = metric?.variants.find((v) => v.variant === variant)?.estimate;
      const baseN = metric?.variants.find((v) => v.variant === baseline)?.n ?? 0;
      return baseN === 0 && own && own.ci.low > 0 ? [{ phase, saving: addedPhase(own, baseTtfbMs) }] : [];
    })
      .filter((p) => p.saving.verdict === 'faster' || p.saving.verdict === 'slower' || Math.abs(p.saving.ms.value) >= LAB_PHASE_SHOWN_FRACTION * baseTtfbMs)
      .sort((a, b) => Math.abs(b.saving.ms.value) - Math.abs(a.saving.ms.value))
      .slice(0, LAB_PHASES_SHOWN);
    const step = byMetric.get('steps.medianMs')?.differences.find((x) => x.candidate === variant);
    const pools = results.flatMap((r) => (r.ttfb?.prewarm ? [r.ttfb.prewarm.poolMs] : []));
    return {
      variant,
      change: suite.variants.find((v) => v.name === variant)?.spec ?? {},
      n: estimate?.n ?? 0,
      failed: estimate?.failed ?? 0,
      ttfbMs: estimate?.estimate ?? null,
      saving: savingOf(difference),
      phasesMoved,
      stepMedian: step && Number.isFinite(step.absolute.value) ? savingOf(step) : null,
      poolMs: pools.length > 0 ? mean(pools) : null,
      reused: results.find((r) => r.ttfb?.prewarm)?.ttfb?.prewarm?.reused ?? null,
    };
  });
  const faster = knobs.filter((k) => k.saving.verdict === 'faster').sort((a, b) => b.saving.ms.value - a.saving.ms.value);
  const best = knobs.find((k) => k.variant === 'best') ?? null;
  return {
    schemaVersion: LAB_SCHEMA_VERSION,
    name: suite.name,
    workload: String(suite.base.workload ?? 'mlp'),
    backend: String(suite.base.backend ?? 'webgpu'),
    rounds: run.rounds,
    level,
    baseline: {
      variant: baseline,
      n: ttfb?.variants.find((v) => v.variant === baseline)?.n ?? 0,
      ttfbMs: ttfb?.variants.find((v) => v.variant === baseline)?.estimate ?? null,
      phasesMs: TTFB_PHASES.flatMap((phase) => {
        const values = baseOk.flatMap((r) => r.ttfb?.phases.filter((p) => p.name === phase).map((p) => p.ms) ?? []);
        return values.length > 0 ? [{ phase, ms: mean(values) }] : [];
      }),
    },
    knobs,
    recommended: faster[0] ?? null,
    best,
    meetsTarget: best ? best.saving.fraction.value >= LAB_TARGET_FRACTION : null,
    resolved: ttfb?.differences.every((d) => d.verdict !== 'unresolved') ?? false,
    phases: labPhaseRows(comparison, groups.map((g) => g.name)),
  };
}

/** The by-phase table fits a terminal up to this many variants (each adds two columns); Markdown always has it. */
export const LAB_PHASE_TABLE_MAX_VARIANTS = 4;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ciMs = (e: Estimate): string => `${signedMs(e.value)} [${signedMs(e.ci.low)}, ${signedMs(e.ci.high)}]`;
const ciPct = (e: Estimate): string => `${pct(e.value)} [${pct(e.ci.low)}, ${pct(e.ci.high)}]`;

/** One row per knob, as plain cells (the CLI table and the Markdown note share them). */
export function labRows(summary: LabSummary): string[][] {
  const ci = `${formatLevel(summary.level)} CI`;
  const header = ['variant', 'change', 'n', `TTFB (${ci})`, `saved ms (${ci})`, `saved % (${ci})`, 'verdict', 'phases moved (saved ms)', 'step median Δ'];
  const base = summary.baseline;
  const rows = [[base.variant, '(cold default)', String(base.n), base.ttfbMs ? ciMs(base.ttfbMs) : '–', '', '', 'baseline', base.phasesMs.map((p) => `${p.phase} ${formatMs(p.ms)}`).join(', '), '']];
  for (const knob of summary.knobs) {
    rows.push([
      knob.variant,
      JSON.stringify(knob.change),
      `${knob.n}${knob.failed ? ` (+${knob.failed} failed)` : ''}`,
      knob.ttfbMs ? ciMs(knob.ttfbMs) : '–',
      ciMs(knob.saving.ms),
      ciPct(knob.saving.fraction),
      knob.saving.verdict,
      knob.phasesMoved.map((p) => `${p.phase} ${signedMs(p.saving.ms.value)} [${signedMs(p.saving.ms.ci.low)}, ${signedMs(p.saving.ms.ci.high)}]`).join(', ') || '–',
      knob.stepMedian ? `${signedMs(-knob.stepMedian.ms.value)} (${knob.stepMedian.verdict})` : '–',
    ]);
  }
  return [header, ...rows];
}

export function labConclusion(summary: LabSummary): string[] {
  const lines: string[] = [];
  const rec = summary.recommended;
  lines.push(rec ? `Recommended: ${rec.variant} ${JSON.stringify(rec.change)} — TTFB ${signedMs(rec.saving.ms.value)} sooner (${ciPct(rec.saving.fraction)}).` : 'Recommended: the default (no knob was resolved faster).');
  if (summary.best) {
    const cut = summary.best.saving.fraction;
    lines.push(`Best combination cuts TTFB by ${ciPct(cut)}: ${summary.meetsTarget ? 'meets' : 'misses'} the ${pct(LAB_TARGET_FRACTION)} target.`);
  }
  for (const knob of summary.knobs) {
    if (knob.poolMs !== null) lines.push(`${knob.variant}: TTFB counts from submission; the pool spent ${formatMs(knob.poolMs)} before it (${knob.reused}).`);
  }
  if (!summary.resolved) lines.push('Some TTFB differences are unresolved: the budget ended before their CIs cleared the threshold.');
  return lines;
}

function plainTable(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

const PHASE_TITLE = 'TTFB by phase (means; descriptive: only TTFB total is judged)';

export function formatLabTable(summary: LabSummary): string {
  const phases = labPhaseCells(summary.phases, summary.level, summary.baseline.variant);
  const showPhases = phases.length > 0 && summary.phases[0]!.variants.length <= LAB_PHASE_TABLE_MAX_VARIANTS;
  return [
    `${summary.name}: ${summary.workload} on ${summary.backend}, ${summary.rounds} interleaved rounds`,
    plainTable(labRows(summary)),
    ...labConclusion(summary),
    ...(showPhases ? ['', `${PHASE_TITLE}:`, plainTable(phases)] : []),
  ].join('\n');
}

export function formatLabMarkdown(summary: LabSummary): string {
  const phases = labPhaseCells(summary.phases, summary.level, summary.baseline.variant);
  return [
    `### ${summary.name}: ${summary.workload} on ${summary.backend} (${summary.rounds} rounds)`,
    '',
    markdownTable(labRows(summary), undefined, 'compact'),
    '',
    ...labConclusion(summary).map((l) => `- ${l}`),
    '',
    ...(phases.length > 0 ? [`${PHASE_TITLE}:`, '', markdownTable(phases, undefined, 'compact'), ''] : []),
  ].join('\n');
}
