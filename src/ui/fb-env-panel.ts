import { css, html, LitElement, nothing } from 'lit';
import type { Env, JobResult } from '../core/result.ts';
import { base } from './tokens.ts';

interface EnvRow {
  readonly env: Env;
  readonly variants: string[];
  readonly kernel: JobResult['kernel'];
}

/** Warnings a reader must see before trusting the numbers. */
export function envWarnings(rows: readonly EnvRow[]): string[] {
  const warnings: string[] = [];
  for (const { env, variants, kernel } of rows) {
    const who = variants.length === 1 && variants[0] === env.backend ? env.backend : `${env.backend} (${variants.join(', ')})`;
    if (env.softwareRenderer) {
      const what = env.adapter ? `${env.adapter.vendor}/${env.adapter.architecture}` : (env.webgl?.renderer ?? 'a software renderer');
      warnings.push(`${who} ran on a software fallback adapter (${what}): GPU numbers say nothing about real GPU hardware.`);
    }
    if (kernel && !kernel.available) warnings.push(`${who}: GPU/kernel timestamps are unavailable — ${kernel.reason}`);
    if (kernel?.available && kernel.source === 'gpu-timestamp' && env.softwareRenderer) warnings.push(`${who}: kernel times from a software adapter's timestamps are approximate.`);
    if (!env.crossOriginIsolated) warnings.push(`${who}: the page was not cross-origin isolated, so timers step in ~100 µs instead of ~5 µs.`);
  }
  return [...new Set(warnings)];
}

/** The environment of a run: one row per distinct environment, with plain warnings on top. */
export class FbEnvPanel extends LitElement {
  static override properties = { results: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .warning { display: flex; gap: 8px; align-items: baseline; background: var(--fb-warn-soft); border: 1px solid var(--fb-warn-border); color: var(--fb-text); padding: 5px 10px; border-radius: var(--fb-radius); margin-bottom: 6px; }
      .warning strong { color: var(--fb-warn); }
      td.wrap { white-space: normal; max-width: 380px; min-width: 220px; color: var(--fb-muted); font-size: var(--fb-size-small); }
    `,
  ];

  declare results: readonly { variant: string; result: JobResult }[];

  constructor() {
    super();
    this.results = [];
  }

  protected override render() {
    const rows = new Map<string, EnvRow & { variants: string[] }>();
    for (const { variant, result } of this.results) {
      if (!result.env) continue;
      const { date: _date, ...rest } = result.env;
      const key = JSON.stringify(rest);
      const row = rows.get(key) ?? { env: result.env, variants: [], kernel: result.kernel };
      if (!row.variants.includes(variant)) row.variants.push(variant);
      rows.set(key, row);
    }
    const list = [...rows.values()];
    const warnings = envWarnings(list);
    return html`
      ${warnings.map((w) => html`<div class="warning" role="note"><strong>⚠</strong><span>${w}</span></div>`)}
      ${list.length === 0
        ? html`<p class="muted">No job reported its environment.</p>`
        : html`<table aria-label="environment">
            <thead><tr><th>backend</th><th>variants</th><th>adapter / renderer</th><th>software</th><th>timestamp-query</th><th class="num">timer step</th><th>isolated</th><th>tfjs</th><th class="num">cores</th><th>user agent</th></tr></thead>
            <tbody>
              ${list.map(
                ({ env, variants }) => html`<tr>
                  <td>${env.backend ?? 'none started'}</td>
                  <td>${variants.join(', ')}</td>
                  <td>${env.adapter ? `${env.adapter.vendor} / ${env.adapter.architecture}${env.adapter.description ? ` — ${env.adapter.description}` : ''}` : (env.webgl?.renderer ?? 'CPU')}</td>
                  <td>${env.softwareRenderer ? html`<strong style="color:var(--fb-warn)">yes (fallback)</strong>` : 'no'}</td>
                  <td>${env.adapter ? (env.adapter.features.includes('timestamp-query') ? 'yes' : 'no') : env.webgl ? (env.webgl.disjointTimerQuery ? 'timer query' : 'no') : '—'}</td>
                  <td class="num">${env.timerResolutionMs === null ? 'unknown' : `${env.timerResolutionMs.toFixed(3)} ms`}</td>
                  <td>${env.crossOriginIsolated ? 'yes' : html`<strong style="color:var(--fb-warn)">no</strong>`}</td>
                  <td>${env.tfjsVersion}</td>
                  <td class="num">${env.hardwareConcurrency}</td>
                  <td class="wrap">${env.userAgent}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      ${nothing}
    `;
  }
}

customElements.define('fb-env-panel', FbEnvPanel);

declare global {
  interface HTMLElementTagNameMap {
    'fb-env-panel': FbEnvPanel;
  }
}
