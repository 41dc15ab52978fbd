import { css, html, LitElement, nothing } from 'lit';
import type { RunPlan } from './controllers/run-controller.ts';
import { autoTitle, draftVariants, MAX_VARIANTS, planOf, type DraftVariant, type Knob, type PlanSettings } from './configure-plan.ts';
import { pickModelFiles } from '../client/picked.ts';
import './fb-spec-form.ts';
import type { SpecChangeDetail } from './fb-spec-form.ts';
import { PRESET_CHOICES } from './preset-choices.ts';
import { draftFromSpec, SPEC_FIELDS, type FieldInfo, type SpecDraft } from './spec-fields.ts';
import { loadSpecSchema, type SpecSchemaModule } from './spec-schema.ts';
import { base, variantColor } from './tokens.ts';
import { messageOf } from '../core/errors.ts';
import { COMPARE_DEFAULTS, ROUNDS_DEFAULTS } from '../core/defaults.ts';

const KNOB_FIELDS = SPEC_FIELDS.filter((f) => f.field.kind !== 'flags').map((f) => f.name);

/**
 * Configure: the base job spec, the knobs a comparison varies (every combination becomes a
 * variant), repetitions or auto-sampling with a time budget, threshold and presets. The spec
 * schema (zod) loads on the first interaction; until then the defaults are shown, known valid.
 *
 * @fires run-requested - RunPlan, when the user starts a run
 */
export class FbConfigure extends LitElement {
  static override properties = {
    draft: { state: true },
    knobs: { state: true },
    presetVariants: { state: true },
    repetitions: { state: true },
    threshold: { state: true },
    runTitle: { state: true },
    autoSample: { state: true },
    budgetMinutes: { state: true },
    schema: { state: true },
    fields: { state: true },
    loadError: { state: true },
    busy: { type: Boolean },
    pickNote: { state: true },
    confirmedJobs: { state: true },
  };
  static override styles = [
    base,
    css`
      :host { display: block; }
      :host([hidden]) { display: none; }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: 10px; }
      .knob { display: grid; grid-template-columns: minmax(90px, 150px) minmax(0, 1fr) auto; gap: 6px; align-items: center; margin-bottom: 4px; }
      .knob input { width: 100%; }
      .settings { display: flex; gap: 8px 16px; flex-wrap: wrap; align-items: center; margin-top: 8px; }
      .settings label { color: var(--fb-muted); display: flex; gap: 6px; align-items: center; }
      .settings input { width: 70px; }
      .settings input.title { width: min(260px, 60vw); }
      fieldset.sampling { border: 1px solid var(--fb-border); border-radius: var(--fb-radius); padding: 4px 10px 6px; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
      fieldset.sampling legend { color: var(--fb-muted); padding: 0 4px; }
      fieldset.sampling label { display: flex; gap: 5px; align-items: center; }
      fieldset.sampling input[type='radio'] { min-height: 0; margin: 0; }
      fieldset.sampling input:not([type='radio']) { width: 64px; }
      .variants { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
      .variant { border: 1px solid var(--fb-border); border-radius: var(--fb-radius); padding: 3px 8px; background: var(--fb-panel); max-width: 100%; }
      .variant.bad { border-color: var(--fb-bad); background: var(--fb-bad-soft); }
      .error { color: var(--fb-bad); font-size: var(--fb-size-small); }
      .hint { color: var(--fb-muted); font-size: var(--fb-size-small); }
      .run { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
      .spacer { flex: 1; }
      .preset-note { font-size: var(--fb-size-small); color: var(--fb-muted); }
      header select { max-width: 100%; }
      .confirm { display: block; margin-top: 6px; color: var(--fb-warn); }
    `,
  ];

  declare draft: SpecDraft;
  declare knobs: Knob[];
  declare presetVariants: PlanSettings['presetVariants'];
  declare repetitions: string;
  declare threshold: string;
  declare runTitle: string;
  declare autoSample: boolean;
  declare budgetMinutes: string;
  declare schema: SpecSchemaModule | null;
  declare fields: readonly FieldInfo[];
  declare loadError: string | null;
  declare busy: boolean;
  declare pickNote: { ok: boolean; text: string } | null;
  /** Job-module URLs the user confirmed may run. */
  declare confirmedJobs: ReadonlySet<string>;

  constructor() {
    super();
    this.draft = draftFromSpec({});
    this.knobs = [{ field: 'backend', values: 'webgpu, wasm' }];
    this.presetVariants = null;
    this.repetitions = String(ROUNDS_DEFAULTS.repetitions);
    this.threshold = COMPARE_DEFAULTS.threshold;
    this.runTitle = '';
    this.autoSample = false;
    this.budgetMinutes = '10';
    this.schema = null;
    this.fields = SPEC_FIELDS;
    this.loadError = null;
    this.busy = false;
    this.pickNote = null;
    this.confirmedJobs = new Set();
    // The schema is not needed to paint: it loads when the user first reaches for the form.
    for (const type of ['focusin', 'pointerdown', 'keydown']) this.addEventListener(type, () => void this.ensureSchema(), { once: true });
  }

  /** Loads the spec schema once; the form then validates inline and gains any field the schema has that it lacks. */
  async ensureSchema(): Promise<SpecSchemaModule | null> {
    if (this.schema) return this.schema;
    try {
      const schema = await loadSpecSchema();
      this.fields = schema.schemaFields();
      this.draft = { ...draftFromSpec({}, this.fields), ...this.draft };
      this.schema = schema;
      this.loadError = null;
      return schema;
    } catch (error) {
      this.loadError = `the job-spec schema did not load (${messageOf(error)}); reload the page to try again`;
      return null;
    }
  }

  /** Loads a plan (e.g. "Run this again here"): base = the first variant, the others as explicit variants. */
  load(plan: Pick<RunPlan, 'title' | 'threshold' | 'repetitions' | 'variants' | 'budgetSeconds'>): void {
    const first = plan.variants[0]?.spec;
    if (!first) return;
    this.draft = draftFromSpec(first, this.fields);
    this.presetVariants = plan.variants.map((v) => ({ name: v.name, overrides: { ...v.spec } }));
    this.repetitions = String(plan.repetitions);
    this.threshold = plan.threshold;
    this.runTitle = plan.title;
    this.autoSample = plan.budgetSeconds !== undefined;
    if (plan.budgetSeconds !== undefined) this.budgetMinutes = String(Math.round((plan.budgetSeconds / 60) * 10) / 10);
  }

  private settings(): PlanSettings {
    return {
      draft: this.draft,
      fields: this.fields,
      knobs: this.knobs,
      presetVariants: this.presetVariants,
      repetitions: this.repetitions,
      threshold: this.threshold,
      title: this.runTitle,
      budgetMinutes: this.autoSample ? this.budgetMinutes : null,
      confirmedJobs: this.confirmedJobs,
    };
  }

  private async requestRun(): Promise<void> {
    const schema = await this.ensureSchema();
    if (!schema) return;
    const settings = this.settings();
    const { plan } = planOf(settings, draftVariants(settings, schema));
    if (plan) this.dispatchEvent(new CustomEvent<RunPlan>('run-requested', { detail: plan, bubbles: true, composed: true }));
  }

  protected override render() {
    const settings = this.settings();
    const variants = draftVariants(settings, this.schema);
    const { problems } = planOf(settings, variants);
    const runnable = problems.length === 0 && variants.every((v) => v.problems.length === 0) && variants.length <= MAX_VARIANTS;
    const varied = new Set<string>(this.presetVariants ? [] : this.knobs.map((k) => k.field));
    const formProblems = this.schema ? this.schema.validateSpec(this.baseInput()).problems : new Map<string, string[]>();
    const repetitions = Number(this.repetitions);
    const jobCount = runnable ? variants.length * Math.max(repetitions, this.autoSample ? ROUNDS_DEFAULTS.minAutoSamplingRounds : 0) : 0;
    return html`<div class="layout">
      <section class="panel" aria-labelledby="spec-heading">
        <header>
          <h2 id="spec-heading">Job spec</h2><span class="muted">fields every variant shares · the same schema as the CLI</span>
          <span class="spacer"></span>
          <label class="muted" for="preset">Preset</label>
          <select id="preset" @change=${this.applyPreset}>
            <option value="">— shipped suites —</option>
            ${PRESET_CHOICES.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
          </select>
        </header>
        <div class="body">
          <fb-spec-form .draft=${this.draft} .fields=${this.fields} .problems=${formProblems} .varied=${varied} @spec-change=${(e: CustomEvent<SpecChangeDetail>) => (this.draft = e.detail.draft)}
            @model-files=${(e: CustomEvent<File[]>) => this.pickFiles(e.detail)}></fb-spec-form>
          ${this.pickNote ? html`<div class=${this.pickNote.ok ? 'hint' : 'error'} id="pick-note">${this.pickNote.text}</div>` : nothing}
          ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        </div>
      </section>
      <section class="panel" aria-labelledby="comparison-heading">
        <header><h2 id="comparison-heading">Comparison</h2><span class="muted">every combination of the knobs is a variant; variants run interleaved (A B, B A, …), a fresh worker per job</span></header>
        <div class="body">
          ${this.presetVariants
            ? html`<div class="preset-note">Variants from the preset or the opened run (each overrides the job spec above). <button @click=${() => (this.presetVariants = null)}>Use knobs instead</button></div>`
            : html`${this.knobs.map((knob, i) => this.renderKnob(knob, i))}
                ${this.knobs.length < 3 ? html`<button id="add-knob" @click=${() => (this.knobs = [...this.knobs, { field: 'batchSize', values: '32, 64' }])}>+ knob</button>` : nothing}`}
          <ul class="variants" aria-label="variants" style="list-style:none;padding:0;margin:8px 0 0">
            ${variants.map(
              (v, i) => html`<li class="variant ${v.problems.length > 0 ? 'bad' : ''}">
                <span class="swatch" style="background:${variantColor(i)}"></span><strong>${v.name}</strong>
                ${v.problems.length > 0 ? html`<div class="error">${v.problems.join('; ')}</div>` : nothing}
              </li>`,
            )}
          </ul>
          ${this.renderSampling()}
          <div class="settings">
            <label title="differences smaller than this count as no difference">threshold <input name="threshold" .value=${this.threshold} @input=${(e: Event) => (this.threshold = (e.target as HTMLInputElement).value)} /></label>
            <label>title <input class="title" name="title" placeholder=${autoTitle(variants)} .value=${this.runTitle} @input=${(e: Event) => (this.runTitle = (e.target as HTMLInputElement).value)} /></label>
          </div>
          ${this.renderJobConfirm(variants)}
          ${problems.map((p) => html`<div class="error" role="alert">${p}</div>`)}
        </div>
      </section>
      <div class="run">
        <button class="primary" id="run" ?disabled=${!runnable || this.busy} @click=${() => void this.requestRun()}>
          Run ${jobCount > 0 ? `${this.autoSample ? '≥ ' : ''}${jobCount} job${jobCount === 1 ? '' : 's'}` : ''}
        </button>
        <span class="hint" id="run-hint">${this.busy ? 'a run is in progress' : runnable ? this.summary(variants.length, repetitions) : 'fix the fields marked in red'}</span>
      </div>
    </div>`;
  }

  private summary(variantCount: number, repetitions: number): string {
    const each = `${variantCount} variant${variantCount === 1 ? '' : 's'}`;
    return this.autoSample
      ? `${each}, at least ${Math.max(ROUNDS_DEFAULTS.minAutoSamplingRounds, repetitions)} rounds, then more until every difference is resolved or ${this.budgetMinutes} min are spent`
      : `${each} × ${repetitions} repetition${repetitions === 1 ? '' : 's'}`;
  }

  private renderSampling() {
    const set = (auto: boolean) => () => (this.autoSample = auto);
    return html`<fieldset class="sampling">
      <legend>Repetitions</legend>
      <label><input type="radio" name="sampling" value="fixed" .checked=${!this.autoSample} @change=${set(false)} /> fixed</label>
      <label>rounds <input name="repetitions" inputmode="numeric" .value=${this.repetitions} @input=${(e: Event) => (this.repetitions = (e.target as HTMLInputElement).value)} /></label>
      <label><input type="radio" name="sampling" value="auto" .checked=${this.autoSample} @change=${set(true)} /> auto-sample until resolved</label>
      <label>budget <input class="budget" name="budget" inputmode="decimal" ?disabled=${!this.autoSample} .value=${this.budgetMinutes} @input=${(e: Event) => (this.budgetMinutes = (e.target as HTMLInputElement).value)} /> min</label>
    </fieldset>`;
  }

  private baseInput(): Record<string, unknown> {
    return draftVariants({ ...this.settings(), knobs: [], presetVariants: null }, null)[0]?.input ?? {};
  }

  /** A job module is code from a URL: it runs only once the user ticks this for that URL. */
  private renderJobConfirm(variants: readonly DraftVariant[]) {
    const jobs = [...new Set(variants.flatMap((v) => (typeof v.input.job === 'string' ? [v.input.job] : [])))];
    return jobs.map((job) => html`<label class="confirm"><input type="checkbox" name="confirm-job" .checked=${this.confirmedJobs.has(job)}
      @change=${(e: Event) => {
        const next = new Set(this.confirmedJobs);
        if ((e.target as HTMLInputElement).checked) next.add(job);
        else next.delete(job);
        this.confirmedJobs = next;
      }} /> run the job module at <code>${job}</code> in this page (it is code: only from a source you trust)</label>`);
  }

  /** Keeps picked model files in the page and names them in the spec's model field. */
  private pickFiles(files: readonly File[]): void {
    try {
      const location = pickModelFiles(files);
      this.draft = { ...this.draft, workload: '', model: location };
      const shards = files.filter((f) => !f.name.endsWith('.json'));
      const kib = (files.reduce((n, f) => n + f.size, 0) / 1024).toFixed(1);
      this.pickNote = { ok: true, text: `${location.slice('picked:'.length)} + ${shards.length} weight file${shards.length === 1 ? '' : 's'} (${kib} KiB) from this computer: kept in this page, never uploaded; a share link of the results will not carry them` };
    } catch (error) {
      this.pickNote = { ok: false, text: messageOf(error) };
    }
  }

  private renderKnob(knob: Knob, index: number) {
    const update = (next: Partial<Knob>): void => {
      this.knobs = this.knobs.map((k, i) => (i === index ? { ...k, ...next } : k));
    };
    return html`<div class="knob">
      <select aria-label=${`knob ${index + 1} field`} @change=${(e: Event) => update({ field: (e.target as HTMLSelectElement).value })}>
        ${KNOB_FIELDS.map((f) => html`<option value=${f} ?selected=${f === knob.field}>${f}</option>`)}
      </select>
      <input aria-label=${`values of ${knob.field}`} name=${`knob-${index}`} .value=${knob.values} placeholder="comma-separated values" @input=${(e: Event) => update({ values: (e.target as HTMLInputElement).value })} />
      <button aria-label=${`remove knob ${knob.field}`} title="remove knob" @click=${() => (this.knobs = this.knobs.filter((_, i) => i !== index))}>×</button>
    </div>`;
  }

  private async applyPreset(event: Event): Promise<void> {
    const id = (event.target as HTMLSelectElement).value;
    if (!id) return;
    try {
      const [{ PRESETS }, schema] = await Promise.all([import('./presets.ts'), this.ensureSchema()]);
      const preset = PRESETS.find((p) => p.id === id);
      if (!preset || !schema) return;
      this.draft = draftFromSpec(schema.validateSpec(preset.base as Record<string, unknown>).spec ?? {}, this.fields);
      this.presetVariants = preset.variants.map((v) => ({ name: v.name, overrides: { ...v.overrides } }));
      this.repetitions = String(preset.repetitions);
      this.threshold = preset.threshold;
      this.runTitle = preset.name;
    } catch (error) {
      this.loadError = `the preset did not load: ${messageOf(error)}`;
    }
  }
}

customElements.define('fb-configure', FbConfigure);

declare global {
  interface HTMLElementTagNameMap {
    'fb-configure': FbConfigure;
  }
}
