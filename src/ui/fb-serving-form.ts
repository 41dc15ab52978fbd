import { css, html, LitElement, nothing } from 'lit';
import { fieldRow, fieldStyles } from './field-control.ts';
import {
  COMMON_FIELDS, DEFAULT_SERVING_KIND, fieldsOf, isShown, MODEL_ROLES, modelFields, SCENARIO_FIELDS, SERVING_KINDS, type ServingDraft, type ServingField, type ServingKind,
} from './serving-fields.ts';
import { base } from './tokens.ts';

/**
 * A serving scenario as a form: the kind, its own fields and each model it serves (job-spec
 * fields over the serving defaults), every field with the suite schema's error inline.
 *
 * @fires serving-change - detail: ServingDraft, on every edit (the kind included)
 */
export class FbServingForm extends LitElement {
  static override properties = { draft: { attribute: false }, problems: { attribute: false }, disabled: { type: Boolean } };
  static override styles = [
    base,
    fieldStyles,
    css`
      :host { display: block; }
      .kinds { display: flex; flex-wrap: wrap; gap: 4px; border: 0; padding: 0; margin: 0 0 8px; }
      .kinds legend { color: var(--fb-muted); padding: 0 0 4px; }
      .kinds label { display: inline-flex; align-items: center; gap: 5px; padding: 3px 10px; border: 1px solid var(--fb-border-strong); border-radius: 14px; cursor: pointer; background: var(--fb-bg); }
      .kinds label:has(input:checked) { border-color: var(--fb-accent); background: var(--fb-accent-soft); color: var(--fb-text); font-weight: 600; }
      .kinds label:focus-within { outline: 2px solid var(--fb-focus); outline-offset: 1px; }
      .kinds input { min-height: 0; margin: 0; }
      .about { color: var(--fb-muted); margin: 0 0 8px; }
      .groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 290px), 1fr)); gap: 8px 18px; }
      .root-error { color: var(--fb-bad); margin-top: 6px; }
    `,
  ];

  declare draft: ServingDraft;
  declare problems: ReadonlyMap<string, readonly string[]>;
  declare disabled: boolean;

  constructor() {
    super();
    this.draft = { kind: DEFAULT_SERVING_KIND };
    this.problems = new Map();
    this.disabled = false;
  }

  private get kind(): ServingKind {
    return (this.draft.kind ?? DEFAULT_SERVING_KIND) as ServingKind;
  }

  protected override render() {
    const kind = this.kind;
    const about = SERVING_KINDS.find((k) => k.kind === kind)?.about ?? '';
    const shown = (fields: readonly ServingField[]) => fields.filter((f) => isShown(f, this.draft));
    // Problems of fields the form does not show (a rule across fields, a field only the CLI's JSON sets) are listed under it.
    const known = new Set(shown(fieldsOf(kind)).map((f) => f.name));
    const other = [...this.problems.entries()].filter(([path]) => !known.has(path)).flatMap(([, messages]) => messages);
    return html`
      <fieldset class="kinds" ?disabled=${this.disabled}>
        <legend>Scenario</legend>
        ${SERVING_KINDS.map((k) => html`<label><input type="radio" name="serving-kind" value=${k.kind} .checked=${k.kind === kind} @change=${() => this.edit('kind', k.kind)} />${k.label}</label>`)}
      </fieldset>
      <p class="about" id="kind-about">${about}</p>
      <div class="groups">
        <fieldset ?disabled=${this.disabled}>
          <legend><h3>${SERVING_KINDS.find((k) => k.kind === kind)?.label ?? kind}</h3></legend>
          ${shown([...COMMON_FIELDS, ...SCENARIO_FIELDS[kind]]).map((f) => this.row(f))}
        </fieldset>
        ${MODEL_ROLES[kind].map(
          (m) => html`<fieldset ?disabled=${this.disabled}>
            <legend><h3>${m.label}</h3></legend>
            ${modelFields(m.role, m.workload).map((f) => this.row(f))}
          </fieldset>`,
        )}
      </div>
      ${other.length > 0 ? other.map((message) => html`<div class="root-error" role="alert">${message}</div>`) : nothing}
    `;
  }

  private row(info: ServingField) {
    return fieldRow(info, { idPrefix: 's-', value: this.draft[info.name] ?? '', problems: this.problems.get(info.name) ?? [], ...(info.placeholder !== undefined ? { placeholder: info.placeholder } : {}) }, (name, value) => this.edit(name, value));
  }

  private edit(name: string, value: string): void {
    this.draft = { ...this.draft, [name]: value };
    this.dispatchEvent(new CustomEvent<ServingDraft>('serving-change', { detail: this.draft, bubbles: true, composed: true }));
  }
}

customElements.define('fb-serving-form', FbServingForm);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-form': FbServingForm;
  }
}
