import { css } from 'lit';
import type { PhaseName } from '../core/phases.ts';

/**
 * The app's design tokens, in one place: a dense, neutral instrument look
 * (think DevTools' Performance panel), light and dark (prefers-color-scheme).
 * Components include `base` first in their static styles and use the custom
 * properties. Text colours meet WCAG AA (4.5:1) on --fb-bg, --fb-panel and
 * their own soft background; the smallest text is 12 px.
 */
export const base = css`
  :host {
    color-scheme: light dark;
    --fb-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --fb-mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
    --fb-size: 13px;
    --fb-size-small: 12px;
    --fb-text: #1f2328;
    --fb-muted: #545a60;
    --fb-faint: #5f6368;
    --fb-bg: #ffffff;
    --fb-panel: #f8f9fa;
    --fb-toolbar: #f1f3f4;
    --fb-hover: #e8eaed;
    --fb-border: #dadce0;
    --fb-border-strong: #8d9196;
    --fb-accent: #1a66d2;
    --fb-accent-text: #ffffff;
    --fb-accent-soft: #e8f0fe;
    --fb-focus: #1a66d2;
    --fb-good: #137333;
    --fb-good-soft: #e6f4ea;
    --fb-bad: #b3261e;
    --fb-bad-soft: #fce8e6;
    --fb-bad-border: #f5b7b1;
    --fb-warn: #8a4b00;
    --fb-warn-soft: #fef7e0;
    --fb-warn-border: #f9d77e;
    --fb-chart-grid: #eceff1;
    --fb-radius: 3px;
    --fb-gap: 8px;
    font-family: var(--fb-font);
    font-size: var(--fb-size);
    color: var(--fb-text);
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --fb-text: #e8eaed;
      --fb-muted: #b4b9bf;
      --fb-faint: #a5abb2;
      --fb-bg: #1e1f22;
      --fb-panel: #17181a;
      --fb-toolbar: #26282b;
      --fb-hover: #33363a;
      --fb-border: #3c4043;
      --fb-border-strong: #80868b;
      --fb-accent: #8ab4f8;
      --fb-accent-text: #10141a;
      --fb-accent-soft: #1f2a3c;
      --fb-focus: #8ab4f8;
      --fb-good: #81c995;
      --fb-good-soft: #1b2e22;
      --fb-bad: #f28b82;
      --fb-bad-soft: #3b1f1e;
      --fb-bad-border: #7a2e29;
      --fb-warn: #fdd663;
      --fb-warn-soft: #332b12;
      --fb-warn-border: #6b5a1e;
      --fb-chart-grid: #2e3134;
    }
  }
  *, *::before, *::after { box-sizing: inherit; }
  h2 { font-size: 14px; font-weight: 600; margin: 0; }
  h3 { font-size: var(--fb-size-small); font-weight: 600; margin: 0; color: var(--fb-muted); text-transform: uppercase; letter-spacing: 0.04em; }
  .num { font-family: var(--fb-mono); font-variant-numeric: tabular-nums; }
  .muted { color: var(--fb-muted); }
  .warn { color: var(--fb-warn); background: var(--fb-warn-soft); padding: 4px 6px; border-radius: var(--fb-radius); }
  :focus-visible { outline: 2px solid var(--fb-focus); outline-offset: 1px; }
  button {
    font: inherit; font-size: var(--fb-size); color: var(--fb-text); background: var(--fb-bg);
    border: 1px solid var(--fb-border-strong); border-radius: var(--fb-radius); padding: 3px 10px; cursor: pointer; min-height: 26px;
  }
  button:hover:not(:disabled) { background: var(--fb-hover); }
  button:disabled { color: var(--fb-faint); cursor: default; opacity: 0.75; }
  button.primary { background: var(--fb-accent); border-color: var(--fb-accent); color: var(--fb-accent-text); font-weight: 500; }
  button.primary:hover:not(:disabled) { background: var(--fb-accent); filter: brightness(1.1); }
  button.primary:disabled { background: var(--fb-toolbar); border-color: var(--fb-border-strong); color: var(--fb-muted); }
  button.danger { color: var(--fb-bad); }
  input, select, textarea {
    font: inherit; font-size: var(--fb-size); color: var(--fb-text); background: var(--fb-bg);
    border: 1px solid var(--fb-border-strong); border-radius: var(--fb-radius); padding: 2px 6px; min-height: 26px; min-width: 0;
  }
  input::placeholder, textarea::placeholder { color: var(--fb-faint); opacity: 1; }
  textarea { height: auto; font-family: var(--fb-mono); }
  input[aria-invalid='true'], textarea[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--fb-bad); background: var(--fb-bad-soft); }
  .panel { background: var(--fb-bg); border: 1px solid var(--fb-border); border-radius: var(--fb-radius); min-width: 0; }
  .panel > header { display: flex; align-items: center; flex-wrap: wrap; gap: 4px var(--fb-gap); padding: 6px 10px; border-bottom: 1px solid var(--fb-border); background: var(--fb-panel); }
  .panel > .body { padding: 8px 10px; }
  .scroll { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 3px 8px; text-align: left; border-bottom: 1px solid var(--fb-border); white-space: nowrap; }
  th { font-weight: 500; color: var(--fb-muted); background: var(--fb-panel); font-size: var(--fb-size-small); }
  td.num, th.num { text-align: right; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
  .error { color: var(--fb-bad); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** TTFB phase colours, close to DevTools' categories (loading blue, scripting yellow, GPU purple, …); every chart that uses them has a legend. */
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

const VARIANT_COLORS = ['#1a73e8', '#e8710a', '#188038', '#a142f4', '#d01884', '#12858f', '#9e7700', '#80868b'] as const;

/** The colour of the i-th variant, the same in every chart and table (always shown beside its name). */
export function variantColor(index: number): string {
  return VARIANT_COLORS[index % VARIANT_COLORS.length] as string;
}

/** Serving arms: the production baseline, its matched control and the candidate. */
export const ARM_COLORS = { baseline: '#80868b', control: '#188038', candidate: '#e8710a' } as const;

/** A colour with alpha, for fills. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The theme's colours for canvas drawing (uPlot), read from an element's custom properties. */
export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly border: string;
  readonly bad: string;
}

export function chartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--fb-text', '#1f2328'),
    muted: read('--fb-muted', '#545a60'),
    grid: read('--fb-chart-grid', '#eceff1'),
    border: read('--fb-border', '#dadce0'),
    bad: read('--fb-bad', '#b3261e'),
  };
}
