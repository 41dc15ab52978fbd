/** Markdown pieces the scenarios' summaries share (for the CLI's stdout, --markdown and CI job summaries). */
import { formatMs } from '../format.ts';
import type { ModelLoad } from './reports.ts';

export { modelLabel } from './model.ts';

export const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export const envLine = (load: ModelLoad): string => {
  const a = load.env.adapter;
  return `backend ${load.env.backend ?? 'none started'}${a ? ` (${a.vendor} ${a.architecture}${a.isFallbackAdapter ? ', software fallback adapter' : ''})` : ''}, ` +
    `tfjs ${load.env.tfjsVersion}, timer ${formatMs(load.env.timerResolutionMs)}, ${load.env.hardwareConcurrency} cores`;
};

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
