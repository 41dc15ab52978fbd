/** Comparisons as text: the terminal table and the Markdown summary (pull-request comment, CI step summary). */
import { markdownTable, renderTable, type MarkdownAlign } from '../format.ts';
import type { BaselineJudgement } from './baseline.ts';
import { formatDifference, formatLevel, formatPValue, formatSampling, formatSigned, formatVariantEstimate, VERDICT_MARKS } from './cells.ts';
import type { Comparison } from './compare.ts';
import { METRICS } from './metrics.ts';
import type { Sampling } from './results-file.ts';
import { formatThreshold } from './threshold.ts';

type Row = readonly [string, ...string[]];

/** One row per metric and candidate: each side's estimate, the difference with its CI, p and verdict. */
function comparisonRows(comparison: Comparison, names: { baseline: string; candidate: (name: string) => string }): Row[] {
  const level = `${formatLevel(comparison.level)} CI`;
  const rows: Row[] = [['metric', 'method', names.baseline, 'vs', 'candidate', `difference (relative, ${level})`, 'p', 'verdict']];
  for (const metric of comparison.metrics) {
    const base = metric.variants.find((v) => v.variant === comparison.baseline);
    if (metric.differences.length === 0) {
      // A suite of one variant: its estimate only.
      rows.push([metric.label, metric.method, base ? formatVariantEstimate(base, metric.unit) : '—', '', '', '', '', '']);
    }
    for (const difference of metric.differences) {
      const candidate = metric.variants.find((v) => v.variant === difference.candidate);
      rows.push([
        metric.label,
        metric.method,
        base ? formatVariantEstimate(base, metric.unit) : '—',
        names.candidate(difference.candidate),
        candidate ? formatVariantEstimate(candidate, metric.unit) : '—',
        formatDifference(difference, metric.unit),
        formatPValue(difference.pValue),
        difference.thresholdApplies ? difference.verdict : `${difference.verdict} (threshold n/a)`,
      ]);
    }
  }
  return rows;
}

function countsLine(comparison: Comparison): string {
  const first = comparison.metrics[0];
  if (!first) return '';
  return first.variants.map((v) => `${v.variant}: ${v.n + v.failed} jobs${v.failed > 0 ? ` (${v.failed} failed)` : ''}`).join(' · ');
}

/** The metrics no job measured, in words; null when there are none. */
function unmeasuredLine(comparison: Comparison): string | null {
  const ids = comparison.unmeasured ?? [];
  return ids.length === 0 ? null : `not measured by any of these jobs, so not compared: ${ids.map((id) => METRICS[id].label).join(', ')}`;
}

/** The terminal table of a comparison, with the sampling line under it. */
export function formatComparisonTable(comparison: Comparison, sampling?: Sampling): string {
  const rows = comparisonRows(comparison, { baseline: `baseline (${comparison.baseline})`, candidate: (name) => name });
  const unmeasured = unmeasuredLine(comparison);
  const footer = [
    `threshold ${formatThreshold(comparison.threshold)} · ${countsLine(comparison)}${sampling ? ` · ${formatSampling(sampling)}` : ''}`,
    ...(unmeasured ? [unmeasured] : []),
    'verdict: faster/slower = the CI of the difference excludes 0; no detectable difference = the CI lies within ±threshold; unresolved = neither yet.',
  ];
  return `${renderTable(rows)}\n${footer.join('\n')}`;
}

/** The first two columns (metric/variant and method/metric) as text, the numbers right-aligned. */
const NUMBERS_RIGHT = (column: number): MarkdownAlign => (column < 2 ? 'default' : 'right');

/** The Markdown summary of a comparison. */
export function formatComparisonMarkdown(comparison: Comparison, options: { title: string; sampling?: Sampling }): string {
  const rows = comparisonRows(comparison, { baseline: `${comparison.baseline} (baseline)`, candidate: (name) => `**${name}**` }).map(
    (row, index): Row => (index === 0 ? row : [row[0], ...row.slice(1, 7), VERDICT_MARKS[verdictOfCell(row[7])]]),
  );
  const unmeasured = unmeasuredLine(comparison);
  return [
    `### ${options.title}`,
    '',
    markdownTable(rows, NUMBERS_RIGHT),
    '',
    `Threshold ${formatThreshold(comparison.threshold)} · ${countsLine(comparison)}${options.sampling ? ` · ${formatSampling(options.sampling)}` : ''}.`,
    ...(unmeasured ? [`${unmeasured}.`] : []),
    '<sub>faster/slower: the confidence interval of the difference excludes 0 · no detectable difference: it lies within ±threshold · unresolved: neither yet (more repetitions may resolve it). Rounds interleave the variants in fresh workers, alternating their order (A B, B A, …).</sub>',
    '',
  ].join('\n');
}

function verdictOfCell(cell: string | undefined): keyof typeof VERDICT_MARKS {
  const verdict = (cell ?? '').replace(/ \(threshold n\/a\)$/, '');
  return verdict === 'faster' || verdict === 'slower' || verdict === 'no detectable difference' ? verdict : 'unresolved';
}

function judgementRows(judgement: BaselineJudgement, bold: boolean): Row[] {
  const rows: Row[] = [['variant', 'metric', 'baseline', 'current', `difference (relative, ${formatLevel(judgement.level)} CI)`, 'p', 'verdict', 'regression']];
  for (const { variant, comparison } of judgement.variants) {
    for (const metric of comparison.metrics) {
      const [before, after] = metric.variants;
      for (const difference of metric.differences) {
        const regression = judgement.regressions.some((r) => r.variant === variant && r.metric === metric.metric);
        rows.push([
          variant,
          metric.label,
          before ? formatVariantEstimate(before, metric.unit) : '—',
          after ? formatVariantEstimate(after, metric.unit) : '—',
          formatDifference(difference, metric.unit),
          formatPValue(difference.pValue),
          bold ? VERDICT_MARKS[difference.verdict] : difference.verdict,
          regression ? (bold ? '**REGRESSION**' : 'REGRESSION') : '',
        ]);
      }
    }
  }
  return rows;
}

/** How the gate keeps its false-alarm rate, in words. */
export function formatFamilyLine(judgement: BaselineJudgement): string {
  if (judgement.judgements <= 1) return `1 judgement at ${formatLevel(judgement.level)}`;
  return `${judgement.judgements} judgements (variants × metrics), each interval at ${formatLevel(judgement.level)} (Bonferroni), so the chance of any false regression is ≤ ${formatLevel(1 - judgement.familyLevel)}`;
}

function judgementNotes(judgement: BaselineJudgement): string[] {
  const notes = judgement.variants.filter((v) => v.specChanges.length > 0).map((v) => `${v.variant}: spec changed since the baseline: ${v.specChanges.join(', ')}`);
  if (judgement.missing.length > 0) notes.push(`not in ${judgement.against} (not judged): ${judgement.missing.join(', ')}`);
  return [formatFamilyLine(judgement), ...notes, ...judgement.notes];
}

/** One line naming every regression, for stderr and the summary's headline. */
export function formatRegressionLine(judgement: BaselineJudgement): string {
  if (judgement.regressions.length === 0) return `no regression beyond ${formatThreshold(judgement.threshold)} against ${judgement.against}`;
  return `${judgement.regressions.length} regression${judgement.regressions.length === 1 ? '' : 's'} beyond ${formatThreshold(judgement.threshold)}: ${judgement.regressions
    .map((r) => `${r.variant} ${r.label} ${formatSigned(r.relative, '%')} (${formatSigned(r.absolute, r.unit)})`)
    .join('; ')}`;
}

export function formatJudgementTable(judgement: BaselineJudgement): string {
  return [`against ${judgement.against} (threshold ${formatThreshold(judgement.threshold)}):`, renderTable(judgementRows(judgement, false)), ...judgementNotes(judgement), formatRegressionLine(judgement)].join('\n');
}

export function formatJudgementMarkdown(judgement: BaselineJudgement): string {
  const headline = judgement.regressions.length > 0 ? `❌ ${formatRegressionLine(judgement)}` : `✅ ${formatRegressionLine(judgement)}`;
  return [`### Against ${judgement.against}`, '', headline, '', markdownTable(judgementRows(judgement, true), NUMBERS_RIGHT), '', ...judgementNotes(judgement).map((n) => `- ${n}`), ''].join('\n');
}
