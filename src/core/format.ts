import { TTFB_PHASES } from './phases.ts';
import type { JobResult } from './result.ts';
import type { JobSpec } from './spec.ts';

import { minimumSamplesForQuantile } from './stats/index.ts';

/** Milliseconds with precision that suits their size; "—" for what was not measured. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** formatMs for signed values: "−3.10 ms" for a negative one (a negative saving is a cost), no sign otherwise. */
export const signedMs = (ms: number): string => (ms < 0 ? `−${formatMs(-ms)}` : formatMs(ms));

import { jobLabel } from './job-label.ts';

export { jobLabel };

type Row = readonly [string, ...string[]];

/** The side-by-side table the CLI prints: one column per job (headed by `labels`, else by the knobs that differ), one row per metric. */
export function formatResultsTable(results: readonly JobResult[], labels?: readonly string[]): string {
  const specs = results.map((r) => r.spec);
  const header: Row = ['', ...results.map((r, i) => labels?.[i] ?? jobLabel(r.spec, specs))];
  const row = (label: string, cell: (r: JobResult) => string): Row => [label, ...results.map(cell)];
  const phase = (name: (typeof TTFB_PHASES)[number]) => (r: JobResult) => {
    const found = r.ttfb?.phases.find((p) => p.name === name);
    return found ? formatMs(found.ms) : '—';
  };
  const usedPhases = TTFB_PHASES.filter((name) => results.some((r) => r.ttfb?.phases.some((p) => p.name === name)));
  const rows: Row[] = [
    header,
    row('adapter', (r) => adapterLabel(r)),
    row(results.some((r) => r.model?.mode === 'serve') ? 'TTFB (submit → first loss | inference)' : 'TTFB (submit → first loss)', (r) => formatMs(r.ttfb?.totalMs) + (r.model?.mode === 'serve' ? ' (inference)' : '')),
    ...usedPhases.map((name) => row(`  ${name}`, phase(name))),
    row('step p50', (r) => formatMs(r.steps?.medianMs)),
    row('step p95', (r) => tailCell(r.steps?.p95Ms, r.steps?.samplesMs.length, 0.95)),
    row('throughput', (r) => (r.steps?.throughputPerSec != null ? `${r.steps.throughputPerSec.toFixed(0)} ex/s` : '—')),
    row('kernel time / step ¹', kernelCell),
    row('serving cold', (r) => formatMs(r.serving?.coldMs)),
    row('serving p50', (r) => formatMs(r.serving?.p50Ms)),
    row('serving p90', (r) => tailCell(r.serving?.p90Ms, r.serving?.samplesMs.length, 0.9)),
    row('serving p99', (r) => tailCell(r.serving?.p99Ms, r.serving?.samplesMs.length, 0.99)),
    row('serving max', (r) => formatMs(r.serving?.maxMs)),
    row('loss first → last', (r) => (r.loss ? `${r.loss.first.toFixed(3)} → ${r.loss.last.toFixed(3)}` : '—')),
    ...modelRows(results, row),
  ];
  if (results.some((r) => r.error)) rows.push(row('error', (r) => (r.error ? `${r.error.code}: ${truncate(r.error.message, 60)}` : '')));
  return `${renderTable(rows)}\n${KERNEL_FOOTNOTE}${results.some((r) => r.model) ? `\n${MODEL_FOOTNOTES}` : ''}`;
}

export const KERNEL_FOOTNOTE =
  '¹ Σ kernels: GPU kernel times summed over separate tf.time()-profiled steps, each kernel run on its own, so the sum can exceed a real step (⚠); ' +
  'whole step: on wasm/cpu tf.time() times the whole synchronous step (autodiff, optimizer and kernels).';

/** A tail percentile, or why there is none: "n/a (20 < 100 samples)". */
function tailCell(value: number | null | undefined, count: number | undefined, q: number): string {
  if (value !== null && value !== undefined) return formatMs(value);
  if (count === undefined || count === 0) return '—';
  return `n/a (${count} < ${minimumSamplesForQuantile(q)})`;
}

/** "216 ms Σ kernels ⚠ > step", "9.42 ms whole step", "unavailable". */
export function kernelCell(result: JobResult): string {
  const kernel = result.kernel;
  if (kernel === null) return '—';
  if (!kernel.available) return 'unavailable';
  if (kernel.source === 'cpu-timer') return `${formatMs(kernel.medianMs)} whole step`;
  const exceeds = result.steps !== null && kernel.medianMs > result.steps.medianMs;
  return `${formatMs(kernel.medianMs)} Σ kernels${exceeds ? ' ⚠ > step' : ''}`;
}

export function adapterLabel(result: JobResult): string {
  const env = result.env;
  if (!env) return '—';
  const software = env.softwareRenderer ? ' (software)' : '';
  if (env.adapter) return `${env.adapter.vendor}/${env.adapter.architecture}${software}`;
  if (env.webgl) return `${truncate(env.webgl.renderer, 28)}${software}`;
  return `${env.backend ?? 'no backend'} on CPU`;
}

/** `text` cut to at most `length` characters, its last one "…" when it was cut. */
export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Renders rows as an aligned plain-text table; the first column is left-aligned, the rest right-aligned. */
export function renderTable(rows: readonly Row[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((r) => (r[column] ?? '').length))) ?? [];
  const line = (r: Row): string =>
    r.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** A Markdown column's alignment: 'default' leaves it to the renderer (`---`), 'right' right-aligns it (`---:`). */
export type MarkdownAlign = 'default' | 'right';

/**
 * Renders rows as a Markdown table, the first row its header. `align` gives each column's
 * alignment (default: none); `compact` writes the alignment row without spaces (`|---|`).
 * A "|" in a cell is escaped and a line break becomes a space, so no cell can break the table.
 */
export function markdownTable(
  rows: readonly (readonly string[])[],
  align: (column: number) => MarkdownAlign = () => 'default',
  spacing: 'padded' | 'compact' = 'padded',
): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (row: readonly string[]): string => `| ${row.map(escape).join(' | ')} |`;
  const pad = spacing === 'padded' ? ' ' : '';
  const rule = head.map((_, column) => `${pad}${align(column) === 'right' ? '---:' : '---'}${pad}`).join('|');
  return [line(head), `|${rule}|`, ...body.map(line)].join('\n');
}

/** What real models add: the model, its size, peak memory and agreement with cpu (rows only when some result has them). */
function modelRows(results: readonly JobResult[], row: (label: string, cell: (r: JobResult) => string) => Row): Row[] {
  if (!results.some((r) => r.model || r.peakMemory || r.agreement)) return [];
  return [
    row('model', (r) => (r.model ? `${r.model.format}, ${r.model.mode}${r.model.loss ? ` (${r.model.loss.name})` : ''}` : '—')),
    row('parameters', (r) => (r.model ? formatCount(r.model.parameterCount) : '—')),
    row('weights / fetched', (r) => (r.model ? `${formatBytes(r.model.weightBytes)} / ${r.model.loadBytes === null ? '—' : formatBytes(r.model.loadBytes)}` : '—')),
    row('peak memory step / inference ²', (r) => (r.peakMemory ? `${r.peakMemory.trainStepPeakBytes === null ? '—' : formatBytes(r.peakMemory.trainStepPeakBytes)} / ${formatBytes(r.peakMemory.inferencePeakBytes)}` : '—')),
    row('GPU memory allocated', (r) => (!r.peakMemory ? '—' : r.peakMemory.gpu.available ? formatBytes(r.peakMemory.gpu.allocatedBytes) : 'n/a (CPU memory)')),
    row('agreement vs cpu ³', agreementCell),
  ];
}

export const MODEL_FOOTNOTES =
  '² tf.profile peakBytes: the most bytes tfjs held at once (weights included) during one profiled training step / inference, after the measured work.\n' +
  '³ first outputs vs the cpu backend on the same inputs and weights: max |Δ| and max relative |Δ|; ✓ within rtol 1e-2 + atol 1e-3·max|ref|, ✗ differs.';

/** "max |Δ| 2.4e-7, rel 1.1e-6 ✓", "reference", "✗ differs: max |Δ| 0.31…". */
export function agreementCell(result: JobResult): string {
  const a = result.agreement;
  if (!a) return '—';
  if (!a.available) return /reference itself/.test(a.reason) ? 'reference' : 'unavailable';
  const text = `max |Δ| ${a.maxAbsDiff.toExponential(1)}, rel ${a.maxRelDiff.toExponential(1)}${a.nonFinite > 0 ? `, ${a.nonFinite} non-finite` : ''}`;
  return a.withinTolerance ? `${text} ✓` : `✗ differs: ${text}`;
}

/** "6.4 kB", "4.65 MB", "1.2 GB" (decimal units, as file sizes are shown). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** "6,218", "1.73 M". */
export function formatCount(count: number): string {
  return count >= 1e6 ? `${(count / 1e6).toFixed(2)} M` : count.toLocaleString('en');
}

/** Width of a terminal that does not say (a pipe, a CI log): wide enough for two backends side by side. */
export const DEFAULT_TEXT_COLUMNS = 120;

/**
 * Fits every table renderTable drew in `text` to `columns` characters: a table wider than that is
 * cut into blocks of columns, each repeating the first (label) column, one block under the other —
 * as R prints a wide data frame. A table is a header line, a rule of '─' runs, and the rows below
 * it until a blank line or a line that is not on the table's grid; other lines pass as they are.
 */
export function fitToWidth(text: string, columns: number = DEFAULT_TEXT_COLUMNS): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const spans = ruleSpans(lines[i + 1]);
    const header = lines[i] ?? '';
    if (!spans || header.length > (spans.at(-1)?.end ?? 0) || (spans.at(-1)?.end ?? 0) <= columns) {
      out.push(header);
      continue;
    }
    let end = i + 2;
    while (end < lines.length && onGrid(lines[end] ?? '', spans)) end += 1;
    // The label column keeps its indent (TTFB's phases sit under it); the others are right-aligned numbers.
    const rows = [header, ...lines.slice(i + 2, end)].map((line) => spans.map((span, column) => (column === 0 ? line.slice(span.start, span.end).trimEnd() : line.slice(span.start, span.end).trim())));
    out.push(...blocksOf(rows, spans, columns));
    i = end - 1;
  }
  return out.join('\n');
}

interface Span { start: number; end: number }

/** The columns of a renderTable rule line ("───  ────  ──"), or null for any other line. */
function ruleSpans(line: string | undefined): Span[] | null {
  if (!line || !/^─+( {2}─+)*$/.test(line)) return null;
  const spans: Span[] = [];
  for (const match of line.matchAll(/─+/g)) spans.push({ start: match.index, end: match.index + match[0].length });
  return spans.length > 1 ? spans : null;
}

/** A row of the table: not blank, no longer than the table, and blank in every gap between columns. */
function onGrid(line: string, spans: readonly Span[]): boolean {
  if (line.trim() === '' || line.length > (spans.at(-1)?.end ?? 0)) return false;
  return spans.slice(1).every((span) => span.start > line.length || line.slice(span.start - 2, span.start) === '  ');
}

/** The table's columns in blocks that fit `columns`, each block led by the label column. */
function blocksOf(rows: readonly (readonly string[])[], spans: readonly Span[], columns: number): string[] {
  const widths = spans.map((span) => span.end - span.start);
  const label = widths[0] ?? 0;
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = label;
  for (let column = 1; column < widths.length; column += 1) {
    const width = (widths[column] ?? 0) + 2;
    if (block.length > 0 && used + width > columns) {
      blocks.push(block);
      block = [];
      used = label;
    }
    block.push(column);
    used += width;
  }
  blocks.push(block);
  return blocks.flatMap((picked, index) => {
    const table = renderTable(rows.map((row): Row => [row[0] ?? '', ...picked.map((column) => row[column] ?? '')]));
    return index === 0 ? table.split('\n') : ['', ...table.split('\n')];
  });
}
