import { css, html, LitElement } from 'lit';
import type { StoredRun } from '../client/history.ts';
import { base } from './tokens.ts';

/**
 * The stored runs, newest first: open, compare several, export, delete.
 *
 * @fires open-run - detail: StoredRun
 * @fires compare-runs - detail: StoredRun[] (two or more, in list order)
 * @fires delete-run - detail: StoredRun
 * @fires export-run - detail: { stored: StoredRun, format: 'json' | 'csv' }
 */
export class FbHistory extends LitElement {
  static override properties = { runs: { attribute: false }, selected: { state: true } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .toolbar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; }
      td.actions { text-align: right; }
      td.actions button { margin-left: 4px; }
      tr:hover td { background: var(--fb-panel); }
      .title { font-weight: 500; }
    `,
  ];

  declare runs: readonly StoredRun[];
  declare selected: ReadonlySet<number>;

  constructor() {
    super();
    this.runs = [];
    this.selected = new Set();
  }

  protected override render() {
    const fire = (name: string, detail: unknown) => () => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    const chosen = this.runs.filter((r) => this.selected.has(r.id));
    return html`<section class="panel">
      <header>
        <h2>History</h2><span class="muted">${this.runs.length} run${this.runs.length === 1 ? '' : 's'}, stored in this browser (IndexedDB)</span>
        <span style="flex:1"></span>
        <button id="compare-selected" ?disabled=${chosen.length < 2} @click=${fire('compare-runs', chosen)}>Compare ${chosen.length >= 2 ? chosen.length : ''} selected</button>
      </header>
      ${this.runs.length === 0
        ? html`<div class="body muted">No runs yet. Every run you finish (or cancel part-way) is kept here.</div>`
        : html`<table aria-label="history">
            <thead><tr><th></th><th>run</th><th>variants</th><th class="num">jobs</th><th>date</th><th></th></tr></thead>
            <tbody>
              ${this.runs.map(
                (stored) => html`<tr data-run-id=${stored.id}>
                  <td><input type="checkbox" aria-label=${`select ${stored.run.title}`} .checked=${this.selected.has(stored.id)} @change=${(e: Event) => this.toggle(stored.id, (e.target as HTMLInputElement).checked)} /></td>
                  <td class="title">${stored.run.title}</td>
                  <td>${stored.run.variants.map((v) => v.name).join(' · ')}</td>
                  <td class="num">${stored.run.jobs.length}</td>
                  <td class="muted">${new Date(stored.run.createdAt).toLocaleString('en')}</td>
                  <td class="actions">
                    <button class="open" @click=${fire('open-run', stored)}>Open</button>
                    <button @click=${fire('export-run', { stored, format: 'json' })}>JSON</button>
                    <button @click=${fire('export-run', { stored, format: 'csv' })}>CSV</button>
                    <button class="danger delete" @click=${fire('delete-run', stored)}>Delete</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  private toggle(id: number, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }
}

customElements.define('fb-history', FbHistory);

declare global {
  interface HTMLElementTagNameMap {
    'fb-history': FbHistory;
  }
}
