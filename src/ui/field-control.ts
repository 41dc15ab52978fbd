import { css, html, nothing, type TemplateResult } from 'lit';
import type { FieldKind } from './spec-fields.ts';

/** What a form row needs to know about its field (job-spec fields and serving-suite fields alike). */
export interface FieldControl {
  /** The field's name, or its dotted path in a suite ("search.lowQps"). */
  readonly name: string;
  readonly label: string;
  readonly unit?: string;
  readonly field: FieldKind;
  readonly hint: string;
}

interface FieldState {
  /** Prefix of the element ids, unique in the shadow root ("f-", "baseline-"). */
  readonly idPrefix: string;
  readonly value: string;
  readonly problems: readonly string[];
  /** Shown in an empty input: the value the field takes when left empty. */
  readonly placeholder?: string;
}

/** A safe id from a field path. */
const fieldId = (prefix: string, name: string): string => `${prefix}${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * One labelled form row: the control, its unit, and under it the hint or the schema's error
 * (aria-describedby points at it, aria-invalid marks the control). Styles: `fieldStyles`.
 */
export function fieldRow(info: FieldControl, state: FieldState, onValue: (name: string, value: string) => void): TemplateResult {
  const id = fieldId(state.idPrefix, info.name);
  const invalid = state.problems.length > 0;
  const describedBy = `${id}-msg`;
  const edit = (event: Event): void => onValue(info.name, (event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value);
  let control: TemplateResult;
  switch (info.field.kind) {
    case 'choice':
      control = html`<select id=${id} name=${info.name} .value=${state.value} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @change=${edit}>
        ${state.placeholder !== undefined ? html`<option value="" ?selected=${state.value === ''}>default (${state.placeholder})</option>` : nothing}
        ${state.placeholder === undefined && info.field.emptyLabel !== undefined ? html`<option value="" ?selected=${state.value === ''}>${info.field.emptyLabel}</option>` : nothing}
        ${info.field.options.map((option) => html`<option value=${option} ?selected=${option === state.value}>${option}</option>`)}
      </select>`;
      break;
    case 'boolean':
      control = html`<input type="checkbox" class="check" id=${id} name=${info.name} .checked=${state.value === 'true'} aria-describedby=${describedBy}
        @change=${(e: Event) => onValue(info.name, String((e.target as HTMLInputElement).checked))} />`;
      break;
    case 'text':
    case 'number':
    case 'list':
      control = html`<input id=${id} name=${info.name} inputmode=${info.field.kind === 'number' && info.field.integer ? 'numeric' : 'text'} .value=${state.value}
        placeholder=${state.placeholder ?? ''} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @input=${edit} />`;
      break;
    case 'assignments':
      control = html`<textarea id=${id} name=${info.name} rows="1" .value=${state.value} placeholder=${info.field.value === 'shape' ? 'input_1=1x224x224x3' : 'ids=0..30000'}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @input=${edit}></textarea>`;
      break;
    case 'flags':
      control = html`<textarea id=${id} name=${info.name} rows="2" .value=${state.value} placeholder="WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=15"
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @input=${edit}></textarea>`;
      break;
  }
  return html`<div class="row">
    <label for=${id}>${info.label}</label>
    <div class="control">
      <div>${control}${info.unit ? html`<span class="unit">${info.unit}</span>` : nothing}</div>
      <div id=${describedBy} class=${invalid ? 'error' : 'hint'} role=${invalid ? 'alert' : nothing}>${invalid ? state.problems.join('; ') : info.hint}</div>
    </div>
  </div>`;
}

/** Styles of `fieldRow`, for the components that render rows. */
export const fieldStyles = css`
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { padding: 0 0 4px; }
  .row { display: grid; grid-template-columns: 112px minmax(0, 1fr); align-items: start; gap: 2px 8px; padding: 2px 0; }
  .row label { padding-top: 5px; color: var(--fb-muted); overflow-wrap: anywhere; }
  .control { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
  .control > div { display: flex; align-items: center; gap: 4px; }
  .control input, .control select { width: 100%; }
  .control input.check { width: auto; min-height: 0; height: 16px; margin: 5px 0; }
  .control textarea { width: 100%; }
  .unit { color: var(--fb-muted); font-size: var(--fb-size-small); }
  .hint { color: var(--fb-muted); font-size: var(--fb-size-small); }
  .row .error { color: var(--fb-bad); font-size: var(--fb-size-small); }
`;
