/**
 * Efficiency in a suite run: the device peak measured once per backend before the rounds (for
 * variants that count their work), and the efficiency section of the outcome.
 */
import type { SuiteJobResult } from '../compare/index.ts';
import type { DevicePeak } from '../efficiency/peak.ts';
import { efficiencyRows, formatEfficiencyMarkdown, formatEfficiencyTable } from '../efficiency/report.ts';
import { messageOf } from '../errors.ts';
import type { BackendName } from '../spec.ts';
import type { ResolvedVariant } from '../compare/suite.ts';
import type { RunnerContext, SuiteOutcome } from './context.ts';

/** One peak per backend that an efficiency-counting variant uses; a failed or impossible measurement is a progress note. */
export async function measurePeaks(variants: readonly ResolvedVariant[], context: RunnerContext): Promise<DevicePeak[]> {
  const backends: BackendName[] = [...new Set(variants.filter((v) => v.spec.efficiency).map((v) => v.spec.backend))];
  if (backends.length === 0) return [];
  if (!context.measurePeak) {
    context.progress.note(`efficiency: this platform cannot measure the device peak; steps report their work only`);
    return [];
  }
  const peaks: DevicePeak[] = [];
  for (const backend of backends) {
    try {
      context.progress.note(`efficiency: measuring the ${backend} peak (matmul sweep, elementwise bandwidth)…`);
      peaks.push(await context.measurePeak(backend));
    } catch (error) {
      context.progress.note(`efficiency: the ${backend} peak could not be measured: ${messageOf(error)}`);
    }
  }
  return peaks;
}

/** The outcome with its efficiency section (table and Markdown), when any job counted its work. */
export function withEfficiency<O extends SuiteOutcome>(outcome: O, results: readonly SuiteJobResult[], peaks: readonly DevicePeak[]): O {
  const rows = efficiencyRows(results, peaks);
  if (rows.length === 0) return outcome;
  return { ...outcome, table: `${outcome.table}\n\n${formatEfficiencyTable(rows, peaks)}`, markdown: `${outcome.markdown}\n${formatEfficiencyMarkdown(rows, peaks)}` };
}
