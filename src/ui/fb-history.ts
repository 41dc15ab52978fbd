import { css, html, LitElement, nothing } from 'lit';
import type { HistoryItem } from '../core/share/history-record.ts';
import { messageOf } from '../core/errors.ts';
import { HistoryController, type StoredEntry } from './controllers/history-controller.ts';
import { download } from './download.ts';
import { base } from './tokens.ts';

/** "comparison · 2 variants", "serving · canary". */
function kindOf(item: StoredEntry): string {
  return item.entry.kind === 'comparison' ? `comparison · ${item.entry.run.variants.map((v) => v.name).join(' · ')}` : `serving · ${item.entry.run.report.kind}`;
}

/**
 * The stored runs, newest first: open, compare several, export, delete (with Undo), and import
 * or export the whole history as a file. Runs this version cannot open are listed with why.
 *
 * @fires open-run - detail: StoredEntry
 * @fires compare-runs - detail: StoredEntry[] (two or more comparison runs, in list order)
 * @fires export-run - detail: { stored: StoredEntry, format: 'json' | 'csv' }
 */
export class FbHistory extends LitElement {
  static override properties = { selected: { state: true } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      td.actions { text-align: right; }
      td.actions button { margin-left: 4px; }
      tbody tr:hover td { background: var(--fb-panel); }
      .title { font-weight: 500; white-space: normal; min-width: 140px; }
      .kind { white-space: normal; color: var(--fb-muted); }
      .problem { white-space: normal; color: var(--fb-bad); }
      .toast { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 6px 10px; border-bottom: 1px solid var(--fb-border); background: var(--fb-accent-soft); }
      .toast.error { background: var(--fb-bad-soft); }
      .toast span { flex: 1 1 200px; overflow-wrap: anywhere; }
      .file { position: relative; display: inline-flex; align-items: center; min-height: 26px; padding: 3px 10px; border: 1px solid var(--fb-border-strong); border-radius: var(--fb-radius); background: var(--fb-bg); cursor: pointer; }
      .file:hover { background: var(--fb-hover); }
      .file input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
      .file:focus-within { outline: 2px solid var(--fb-focus); outline-offset: 1px; }
      .spacer { flex: 1; }
    `,
  ];

  declare selected: ReadonlySet<number>;
  readonly history = new HistoryController(this, { list: true });

  constructor() {
    super();
    this.selected = new Set();
  }

  protected override render() {
    return this.history.items.render({
      initial: () => html`<p class="muted">Loading history…</p>`,
      pending: () => (this.history.items.value ? this.renderList(this.history.items.value) : html`<p class="muted">Loading history…</p>`),
      error: (error) => html`<p class="error" role="alert">History is unavailable: ${messageOf(error)}</p>`,
      complete: (items) => this.renderList(items),
    });
  }

  private renderList(items: readonly HistoryItem[]) {
    const fire = (name: string, detail: unknown) => () => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    const chosen = items.filter((item): item is StoredEntry => item.entry?.kind === 'comparison' && this.selected.has(item.id));
    const { deleted, notice } = this.history;
    return html`<section class="panel" aria-labelledby="history-heading">
      <header>
        <h2 id="history-heading">History</h2><span class="muted">${items.length} run${items.length === 1 ? '' : 's'}, stored in this browser (IndexedDB)</span>
        <span class="spacer"></span>
        <button id="compare-selected" ?disabled=${chosen.length < 2} @click=${fire('compare-runs', chosen)}>Compare ${chosen.length >= 2 ? chosen.length : ''} selected</button>
        <button id="export-history" ?disabled=${items.length === 0} @click=${() => void this.exportAll()}>Export all</button>
        <label class="file">Import…<input id="import-history" type="file" accept=".json,application/json" @change=${this.importFile} /></label>
      </header>
      ${deleted
        ? html`<div class="toast" role="status" id="undo-toast"><span>Deleted “${deleted.entry.run.title}”.</span><button id="undo" @click=${() => void this.history.undo()}>Undo</button><button @click=${() => this.history.dismiss()}>Dismiss</button></div>`
        : nothing}
      ${notice ? html`<div class="toast ${notice.error ? 'error' : ''}" role=${notice.error ? 'alert' : 'status'} id="history-notice"><span>${notice.text}</span><button @click=${() => this.history.dismiss()}>Dismiss</button></div>` : nothing}
      ${items.length === 0
        ? html`<div class="body muted">No runs yet. Every run you finish (or cancel part-way) is kept here; import a history file to bring runs from another browser.</div>`
        : html`<div class="scroll" tabindex="0" role="region" aria-label="history (scrolls sideways)"><table aria-label="history">
            <thead><tr><th><span class="visually-hidden">select</span></th><th>run</th><th>kind</th><th class="num">jobs</th><th>date</th><th><span class="visually-hidden">actions</span></th></tr></thead>
            <tbody>${items.map((item) => (item.entry ? this.renderRow(item, fire) : this.renderUnreadable(item)))}</tbody>
          </table></div>`}
    </section>`;
  }

  private renderRow(stored: StoredEntry, fire: (name: string, detail: unknown) => () => void) {
    const { entry } = stored;
    const comparison = entry.kind === 'comparison';
    return html`<tr data-run-id=${stored.id} data-kind=${entry.kind}>
      <td>${comparison ? html`<input type="checkbox" aria-label=${`select ${entry.run.title}`} .checked=${this.selected.has(stored.id)} @change=${(e: Event) => this.toggle(stored.id, (e.target as HTMLInputElement).checked)} />` : nothing}</td>
      <td class="title">${entry.run.title}</td>
      <td class="kind">${kindOf(stored)}</td>
      <td class="num">${comparison ? entry.run.jobs.length : '—'}</td>
      <td class="muted">${new Date(entry.run.createdAt).toLocaleString('en')}</td>
      <td class="actions">
        <button class="open" aria-label=${`open ${entry.run.title}`} @click=${fire('open-run', stored)}>Open</button>
        <button aria-label=${`export ${entry.run.title} as JSON`} @click=${fire('export-run', { stored, format: 'json' })}>JSON</button>
        ${comparison ? html`<button aria-label=${`export ${entry.run.title} as CSV`} @click=${fire('export-run', { stored, format: 'csv' })}>CSV</button>` : nothing}
        <button class="danger delete" aria-label=${`delete ${entry.run.title}`} @click=${() => void this.removeItem(stored)}>Delete</button>
      </td>
    </tr>`;
  }

  private renderUnreadable(item: Extract<HistoryItem, { entry: null }>) {
    return html`<tr data-run-id=${item.id} class="unreadable">
      <td></td>
      <td class="title">${item.title}</td>
      <td class="problem" colspan="3">Cannot be opened: ${item.problem}</td>
      <td class="actions">
        <button aria-label=${`export the stored record of ${item.title}`} @click=${() => void this.exportRaw(item.id)}>Raw JSON</button>
        <button class="danger delete" aria-label=${`delete ${item.title}`} @click=${() => void this.removeItem(item)}>Delete</button>
      </td>
    </tr>`;
  }

  private async removeItem(item: HistoryItem): Promise<void> {
    const next = new Set(this.selected);
    next.delete(item.id);
    this.selected = next;
    await this.history.remove(item);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#undo')?.focus();
  }

  private async exportAll(): Promise<void> {
    download(`firstbatch-history-${new Date().toISOString().slice(0, 10)}.json`, await this.history.exportText(), 'application/json');
  }

  private async exportRaw(id: number): Promise<void> {
    download(`firstbatch-history-record-${id}.json`, await this.history.rawText(id), 'application/json');
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await this.history.importText(file.name, await file.text());
    input.value = '';
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
