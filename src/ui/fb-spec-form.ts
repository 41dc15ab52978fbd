import { css, html, LitElement, nothing } from 'lit';
import type { JobSpec } from '../core/spec.ts';
import { FIELD_GROUPS, SPEC_FIELDS, specInput, validateSpec, type FieldInfo, type SpecDraft } from './spec-fields.ts';
import { base } from './tokens.ts';

export interface SpecChangeDetail {
  readonly draft: SpecDraft;
  /** The parsed spec, or null while a field is invalid. */
  readonly spec: JobSpec | null;
}

/**
 * A form for every job-spec field, validated inline by the spec schema (the CLI's).
 *
 * @fires spec-change - SpecChangeDetail, on every edit
 * @fires model-files - File[]: model.json and its weight shards, picked or dropped (the host keeps them; nothing is uploaded)
 */
export class FbSpecForm extends LitElement {
  static override properties = { draft: { attribute: false }, varied: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 4px 16px; }
      fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
      legend { padding: 0 0 4px; }
      .row { display: grid; grid-template-columns: 104px 1fr; align-items: start; gap: 2px 8px; padding: 2px 0; }
      label { padding-top: 4px; color: var(--fb-muted); }
      .control { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
      .control > div { display: flex; align-items: center; gap: 4px; }
      input, select { width: 100%; }
      input.check { width: auto; height: auto; margin: 5px 0; }
      textarea { width: 100%; }
      .unit { color: var(--fb-faint); font-size: var(--fb-size-small); }
      .hint { color: var(--fb-faint); font-size: var(--fb-size-small); }
      .error { color: var(--fb-bad); font-size: var(--fb-size-small); }
      .varied { color: var(--fb-accent); font-size: var(--fb-size-small); padding-top: 4px; }
      .root-error { color: var(--fb-bad); margin-top: 6px; }
    `,
  ];

  declare draft: SpecDraft;
  /** Fields set by the comparison's knobs instead of this form. */
  declare varied: ReadonlySet<string>;

  constructor() {
    super();
    this.varied = new Set();
  }

  protected override render() {
    if (!this.draft) return nothing;
    const { problems } = validateSpec(specInput(this.draft));
    const groups = FIELD_GROUPS;
    return html`
      <div class="groups">
        ${groups.map(
          (group) => html`<fieldset>
            <legend><h3>${group}</h3></legend>
            ${SPEC_FIELDS.filter((f) => f.group === group).map((info) => this.renderField(info, problems.get(info.name) ?? []))}
          </fieldset>`,
        )}
      </div>
      ${(problems.get('') ?? []).map((message) => html`<div class="root-error" role="alert">${message}</div>`)}
    `;
  }

  private renderField(info: FieldInfo, problems: readonly string[]) {
    const id = `f-${info.name}`;
    const value = this.draft[info.name] ?? '';
    const invalid = problems.length > 0;
    if (this.varied.has(info.name)) {
      return html`<div class="row"><label for=${id}>${info.label}</label><div class="varied" id=${id}>set by the comparison below</div></div>`;
    }
    let control;
    switch (info.field.kind) {
      case 'choice':
        control = html`<select id=${id} name=${info.name} .value=${value} @change=${(e: Event) => this.edit(info.name, e)}>
          ${info.field.emptyLabel !== undefined ? html`<option value="" ?selected=${value === ''}>${info.field.emptyLabel}</option>` : nothing}
          ${info.field.options.map((option) => html`<option value=${option} ?selected=${option === value}>${option}</option>`)}
        </select>`;
        break;
      case 'boolean':
        control = html`<input type="checkbox" class="check" id=${id} name=${info.name} .checked=${value === 'true'}
          @change=${(e: Event) => this.editValue(info.name, String((e.target as HTMLInputElement).checked))} />`;
        break;
      case 'text':
      case 'number':
        control = html`<input id=${id} name=${info.name} inputmode=${info.field.kind === 'number' && info.field.integer ? 'numeric' : 'text'} .value=${value}
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${`${id}-msg`} @input=${(e: Event) => this.edit(info.name, e)} />`;
        break;
      case 'assignments':
        control = html`<textarea id=${id} name=${info.name} rows="1" .value=${value} placeholder=${info.field.value === 'shape' ? 'input_1=1x224x224x3' : 'ids=0..30000'}
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${`${id}-msg`} @input=${(e: Event) => this.edit(info.name, e)}></textarea>`;
        break;
      case 'flags':
        control = html`<textarea id=${id} name=${info.name} rows="2" .value=${value} placeholder="WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=15"
          aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${`${id}-msg`} @input=${(e: Event) => this.edit(info.name, e)}></textarea>`;
        break;
    }
    const row = html`<div class="row">
      <label for=${id}>${info.label}</label>
      <div class="control">
        <div>${control}${info.unit ? html`<span class="unit">${info.unit}</span>` : nothing}</div>
        <div id=${`${id}-msg`} class=${invalid ? 'error' : 'hint'}>${invalid ? problems.join('; ') : info.hint}</div>
      </div>
    </div>`;
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
      <div class="control drop" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${(e: DragEvent) => {
        e.preventDefault();
        pick(e.dataTransfer?.files);
      }}>
        <div><input type="file" id="f-model-files" name="model-files" multiple accept=".json,.bin" @change=${(e: Event) => pick((e.target as HTMLInputElement).files)} /></div>
        <div class="hint">pick or drop model.json + its .bin shards: they stay in this page, never uploaded</div>
      </div>
    </div>`;
  }

  private edit(name: string, event: Event): void {
    this.editValue(name, (event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value);
  }

  private editValue(name: string, value: string): void {
    // A model or job module replaces the built-in workload (a spec names one of them).
    const source: Record<string, string> = (name === 'model' || name === 'job') && value.trim() !== '' ? { workload: '' } : {};
    this.draft = { ...this.draft, ...source, [name]: value };
    const { spec } = validateSpec(specInput(this.draft));
    this.dispatchEvent(new CustomEvent<SpecChangeDetail>('spec-change', { detail: { draft: this.draft, spec }, bubbles: true, composed: true }));
  }
}

customElements.define('fb-spec-form', FbSpecForm);

declare global {
  interface HTMLElementTagNameMap {
    'fb-spec-form': FbSpecForm;
  }
}
