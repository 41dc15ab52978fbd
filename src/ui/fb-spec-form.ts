import { css, html, LitElement, nothing } from 'lit';
import { fieldRow, fieldStyles } from './field-control.ts';
import { FIELD_GROUPS, SPEC_FIELDS, type FieldInfo, type SpecDraft } from './spec-fields.ts';
import { base } from './tokens.ts';

export interface SpecChangeDetail {
  readonly draft: SpecDraft;
  /** The field the user changed. */
  readonly field: string;
}

/**
 * A form for every job-spec field. The parent validates the draft with the spec schema (the
 * CLI's) and hands the problems back, so each field shows its own error inline.
 *
 * @fires spec-change - SpecChangeDetail, on every edit
 * @fires model-files - File[]: model.json and its weight shards, picked or dropped (the host keeps them; nothing is uploaded)
 */
export class FbSpecForm extends LitElement {
  static override properties = { draft: { attribute: false }, varied: { attribute: false }, fields: { attribute: false }, problems: { attribute: false } };
  static override styles = [
    base,
    fieldStyles,
    css`
      :host { display: block; }
      .groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 270px), 1fr)); gap: 4px 16px; }
      .varied { color: var(--fb-accent); font-size: var(--fb-size-small); padding-top: 5px; }
      .root-error { color: var(--fb-bad); margin-top: 6px; }
    `,
  ];

  declare draft: SpecDraft;
  /** Fields set by the comparison's knobs instead of this form. */
  declare varied: ReadonlySet<string>;
  declare fields: readonly FieldInfo[];
  /** The schema's problems by field ('' = the spec as a whole); empty until the schema has loaded. */
  declare problems: ReadonlyMap<string, readonly string[]>;

  constructor() {
    super();
    this.varied = new Set();
    this.fields = SPEC_FIELDS;
    this.problems = new Map();
  }

  protected override render() {
    if (!this.draft) return nothing;
    return html`
      <div class="groups">
        ${FIELD_GROUPS.map(
          (group) => html`<fieldset>
            <legend><h3>${group}</h3></legend>
            ${this.fields.filter((f) => f.group === group).map((info) => this.renderField(info))}
          </fieldset>`,
        )}
      </div>
      ${(this.problems.get('') ?? []).map((message) => html`<div class="root-error" role="alert">${message}</div>`)}
    `;
  }

  private renderField(info: FieldInfo) {
    if (this.varied.has(info.name)) {
      return html`<div class="row"><span class="label muted">${info.label}</span><div class="varied" id=${`f-${info.name}`}>set by the comparison below</div></div>`;
    }
    const row = fieldRow(info, { idPrefix: 'f-', value: this.draft[info.name] ?? '', problems: this.problems.get(info.name) ?? [] }, (name, value) => this.editValue(name, value));
    return info.name === 'model' ? html`${row}${this.renderPicker()}` : row;
  }

  /** Pick or drop model.json with its shards: the files stay in this page. */
  private renderPicker() {
    const pick = (files: FileList | null | undefined): void => {
      if (!files || files.length === 0) return;
      this.dispatchEvent(new CustomEvent<File[]>('model-files', { detail: [...files], bubbles: true, composed: true }));
    };
    return html`<div class="row">
      <label for="f-model-files">model files</label>
      <div class="control" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${(e: DragEvent) => {
        e.preventDefault();
        pick(e.dataTransfer?.files);
      }}>
        <div><input type="file" id="f-model-files" name="model-files" multiple accept=".json,.bin" @change=${(e: Event) => pick((e.target as HTMLInputElement).files)} /></div>
        <div class="hint">pick or drop model.json + its .bin shards: they stay in this page, never uploaded</div>
      </div>
    </div>`;
  }

  private editValue(name: string, value: string): void {
    // A model or job module replaces the built-in workload (a spec names one of them).
    const source: Record<string, string> = (name === 'model' || name === 'job') && value.trim() !== '' ? { workload: '' } : {};
    this.draft = { ...this.draft, ...source, [name]: value };
    this.dispatchEvent(new CustomEvent<SpecChangeDetail>('spec-change', { detail: { draft: this.draft, field: name }, bubbles: true, composed: true }));
  }
}

customElements.define('fb-spec-form', FbSpecForm);

declare global {
  interface HTMLElementTagNameMap {
    'fb-spec-form': FbSpecForm;
  }
}
