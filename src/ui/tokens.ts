import { css } from 'lit';
import type { PhaseName } from '../core/phases.ts';

/**
 * The app's design tokens, in one place: a dense, neutral instrument look
 * (think DevTools' Performance panel). Components include `base` first in their
 * static styles and use the custom properties.
 */
export const base = css`
  :host {
    --fb-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --fb-mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
    --fb-size: 12px;
    --fb-size-small: 11px;
    --fb-text: #1f2328;
    --fb-muted: #5f6368;
    --fb-faint: #80868b;
    --fb-bg: #ffffff;
    --fb-panel: #f8f9fa;
    --fb-toolbar: #f1f3f4;
    --fb-border: #dadce0;
    --fb-border-strong: #bdc1c6;
    --fb-accent: #1a73e8;
    --fb-accent-soft: #e8f0fe;
    --fb-good: #188038;
    --fb-good-soft: #e6f4ea;
    --fb-bad: #c5221f;
    --fb-bad-soft: #fce8e6;
    --fb-warn: #b06000;
    --fb-warn-soft: #fef7e0;
    --fb-radius: 3px;
    --fb-gap: 8px;
    font-family: var(--fb-font);
    font-size: var(--fb-size);
    color: var(--fb-text);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  h2 { font-size: 13px; font-weight: 600; margin: 0; }
  h3 { font-size: 12px; font-weight: 600; margin: 0; color: var(--fb-muted); text-transform: uppercase; letter-spacing: 0.04em; }
  .num { font-family: var(--fb-mono); font-variant-numeric: tabular-nums; }
  .muted { color: var(--fb-muted); }
  .warn { color: var(--fb-warn); background: var(--fb-warn-soft); padding: 4px 6px; border-radius: var(--fb-radius); }
  button {
    font: inherit; font-size: var(--fb-size); color: var(--fb-text); background: var(--fb-bg);
    border: 1px solid var(--fb-border-strong); border-radius: var(--fb-radius); padding: 3px 10px; cursor: pointer; height: 24px;
  }
  button:hover:not(:disabled) { background: var(--fb-toolbar); }
  button:disabled { color: var(--fb-faint); cursor: default; }
  button.primary { background: var(--fb-accent); border-color: var(--fb-accent); color: #fff; font-weight: 500; }
  button.primary:hover:not(:disabled) { background: #1765cc; }
  button.primary:disabled { background: #9bbcef; border-color: #9bbcef; color: #fff; }
  button.danger { color: var(--fb-bad); }
  input, select, textarea {
    font: inherit; font-size: var(--fb-size); color: var(--fb-text); background: var(--fb-bg);
    border: 1px solid var(--fb-border-strong); border-radius: var(--fb-radius); padding: 2px 6px; height: 24px; min-width: 0;
  }
  textarea { height: auto; font-family: var(--fb-mono); }
  input[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--fb-bad); background: var(--fb-bad-soft); }
  .panel { background: var(--fb-bg); border: 1px solid var(--fb-border); border-radius: var(--fb-radius); }
  .panel > header { display: flex; align-items: center; gap: var(--fb-gap); padding: 6px 10px; border-bottom: 1px solid var(--fb-border); background: var(--fb-panel); }
  .panel > .body { padding: 8px 10px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 3px 8px; text-align: left; border-bottom: 1px solid var(--fb-border); white-space: nowrap; }
  th { font-weight: 500; color: var(--fb-muted); background: var(--fb-panel); font-size: var(--fb-size-small); }
  td.num, th.num { text-align: right; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
`;

/** TTFB phase colours, close to DevTools' categories (loading blue, scripting yellow, GPU purple, …). */
export const PHASE_COLORS: Readonly<Record<PhaseName, string>> = {
  spawn: '#8ab4f8',
  import: '#f6c343',
  backend: '#b98af5',
  load: '#4a7fd4',
  build: '#5fb67a',
  data: '#5ec7da',
  compile: '#f29d52',
  'first-step': '#e4574b',
  'first-inference': '#c2185b',
};

const VARIANT_COLORS = ['#1a73e8', '#e8710a', '#188038', '#a142f4', '#d01884', '#12858f', '#9e7700', '#5f6368'] as const;

/** The colour of the i-th variant, the same in every chart and table. */
export function variantColor(index: number): string {
  return VARIANT_COLORS[index % VARIANT_COLORS.length] as string;
}

/** A colour with alpha, for fills. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
