import { css, html, LitElement } from 'lit';
import { messageOf } from '../core/errors.ts';
import type { RunEntry } from '../core/share/entry.ts';
import { ResultsFileController } from './controllers/results-file-controller.ts';
import { base } from './tokens.ts';

/**
 * Opens a results file — the CLI's `--json` output or the app's JSON export — picked with the
 * file chooser or dropped here, and hands the run to the app to show (and share as a link).
 *
 * @fires open-entry - detail `{ entry: RunEntry, fileName: string }`, once a file parsed (a comparison or a serving run).
 */
export class FbResultsFile extends LitElement {
  static override properties = { dragging: { state: true } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .zone { display: flex; flex-direction: column; align-items: center; gap: 10px; padding: 40px 16px; border: 2px dashed var(--fb-border-strong); border-radius: 6px; background: var(--fb-bg); text-align: center; }
      .zone[data-dragging] { border-color: var(--fb-accent); background: var(--fb-accent-soft); }
      label.button { display: inline-block; padding: 6px 14px; border-radius: var(--fb-radius); background: var(--fb-accent); color: var(--fb-accent-text); cursor: pointer; font-weight: 600; }
      label.button:focus-within { outline: 2px solid var(--fb-focus, var(--fb-accent)); outline-offset: 2px; }
      input[type='file'] { position: absolute; width: 1px; height: 1px; opacity: 0; }
      .error { color: var(--fb-bad); max-width: 720px; overflow-wrap: anywhere; }
      code { font-family: var(--fb-mono); }
    `,
  ];

  declare dragging: boolean;
  private readonly reader = new ResultsFileController(this);

  constructor() {
    super();
    this.dragging = false;
  }

  protected override render() {
    return html`
      <div
        class="zone"
        ?data-dragging=${this.dragging}
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragging = true;
        }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.onDrop}
      >
        <h2>Open a results file</h2>
        <p class="muted">The <code>--json</code> file of <code>firstbatch bench</code> (a comparison, a lab or a serving suite). It is read here, in your browser; nothing is uploaded.</p>
        <label class="button">Choose a file…<input id="file" type="file" accept="application/json,.json" @change=${this.onPick} /></label>
        <p class="muted">or drop it here</p>
        ${this.reader.opened.render({
          pending: () => html`<p role="status">Reading…</p>`,
          error: (error) => html`<p class="error" role="alert" id="file-error">${messageOf(error)}</p>`,
          complete: () => null,
        })}
      </div>
    `;
  }

  private announced: { entry: RunEntry; fileName: string } | null = null;

  override updated(): void {
    const opened = this.reader.opened.value;
    if (opened && opened !== this.announced) {
      this.announced = opened;
      this.dispatchEvent(new CustomEvent<{ entry: RunEntry; fileName: string }>('open-entry', { detail: opened, bubbles: true, composed: true }));
    }
  }

  private readonly onPick = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this.reader.open(file);
    input.value = '';
  };

  private readonly onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.dragging = false;
    const file = e.dataTransfer?.files[0];
    if (file) this.reader.open(file);
  };
}

customElements.define('fb-results-file', FbResultsFile);

declare global {
  interface HTMLElementTagNameMap {
    'fb-results-file': FbResultsFile;
  }
}
