import { css, html, LitElement, nothing } from 'lit';
import { parseThreshold } from '../core/compare/index.ts';
import { jobLabel } from '../core/format.ts';
import { sourceLabel } from '../core/source.ts';
import type { JobSpec } from '../core/spec.ts';
import type { RunPlan } from './controllers/run-controller.ts';
import './fb-spec-form.ts';
import type { SpecChangeDetail } from './fb-spec-form.ts';
import { PRESETS } from './presets.ts';
import { draftFromSpec, fieldValue, SPEC_FIELDS, specInput, validateSpec, type SpecDraft } from './spec-fields.ts';
import { base, variantColor } from './tokens.ts';
import { messageOf } from '../core/errors.ts';
import { pickModelFiles } from '../client/picked.ts';

interface Knob {
  field: keyof JobSpec;
  values: string;
}

interface DraftVariant {
  readonly name: string;
  readonly spec: JobSpec | null;
  readonly problems: readonly string[];
}

const KNOB_FIELDS = SPEC_FIELDS.filter((f) => f.field.kind !== 'flags').map((f) => f.name);
const MAX_REPETITIONS = 50;

/**
 * Configure: the base job spec, the knobs a comparison varies (every
 * combination becomes a variant), repetitions, threshold and presets.
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
      .toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
      .knob { display: grid; grid-template-columns: 140px minmax(0, 1fr) auto; gap: 6px; align-items: center; margin-bottom: 4px; }
      .knob input { width: 100%; }
      .settings { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; margin-top: 8px; }
      .settings label { color: var(--fb-muted); display: flex; gap: 6px; align-items: center; }
      .settings input { width: 70px; }
      .settings input.title { width: 260px; }
      .variants { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
      .variant { border: 1px solid var(--fb-border); border-radius: var(--fb-radius); padding: 3px 8px; background: var(--fb-panel); }
      .variant.bad { border-color: var(--fb-bad); background: var(--fb-bad-soft); }
      .error { color: var(--fb-bad); font-size: var(--fb-size-small); }
      .hint { color: var(--fb-faint); font-size: var(--fb-size-small); }
      .run { display: flex; align-items: center; gap: 10px; }
      .spacer { flex: 1; }
      .preset-note { font-size: var(--fb-size-small); color: var(--fb-muted); }
      .confirm { display: block; margin-top: 6px; color: var(--fb-warn); }
    `,
  ];

  declare draft: SpecDraft;
  declare knobs: Knob[];
  /** Variants from a preset (name + overrides on the base), until the user edits the knobs. */
  declare presetVariants: { name: string; overrides: Partial<JobSpec> }[] | null;
  declare repetitions: string;
  declare threshold: string;
  declare runTitle: string;
  declare busy: boolean;
  declare pickNote: { ok: boolean; text: string } | null;
  /** Job-module URLs the user confirmed may run. */
  declare confirmedJobs: ReadonlySet<string>;

  constructor() {
    super();
    this.draft = draftFromSpec({});
    this.knobs = [{ field: 'backend', values: 'webgpu, wasm' }];
    this.presetVariants = null;
    this.repetitions = '3';
    this.threshold = '5%';
    this.runTitle = '';
    this.busy = false;
    this.pickNote = null;
    this.confirmedJobs = new Set();
  }

  /** Loads a plan (e.g. "Run this again here"): base = the first variant, the others as explicit variants. */
  load(plan: RunPlan): void {
    const first = plan.variants[0]?.spec;
    if (!first) return;
    this.draft = draftFromSpec(first);
    this.presetVariants = plan.variants.map((v) => ({ name: v.name, overrides: v.spec }));
    this.repetitions = String(plan.repetitions);
    this.threshold = plan.threshold;
    this.runTitle = plan.title;
  }

  private variants(): DraftVariant[] {
    const baseInput = specInput(this.draft);
    if (this.presetVariants) {
      return this.presetVariants.map(({ name, overrides }) => this.variant(name, { ...baseInput, ...overrides }));
    }
    const knobs = this.knobs.map((knob) => ({ field: knob.field, values: knob.values.split(',').map((v) => v.trim()).filter((v) => v !== '') }));
    let combos: Record<string, string>[] = [{}];
    for (const knob of knobs) {
      if (knob.values.length === 0) continue;
      combos = combos.flatMap((combo) => knob.values.map((value) => ({ ...combo, [knob.field]: value })));
    }
    const drafts = combos.map((combo) => {
      const input = { ...baseInput };
      for (const [field, text] of Object.entries(combo)) input[field] = fieldValue(field as keyof JobSpec, text);
      return this.variant('', input);
    });
    const specs = drafts.flatMap((d) => (d.spec ? [d.spec] : []));
    return drafts.map((d, i) => ({ ...d, name: d.spec ? jobLabel(d.spec, specs) : `variant ${i + 1}` }));
  }

  private variant(name: string, input: Record<string, unknown>): DraftVariant {
    const { spec, problems } = validateSpec(input);
    return { name, spec, problems: [...problems.values()].flat() };
  }

  private plan(variants: readonly DraftVariant[]): { plan: RunPlan | null; problems: string[] } {
    const problems: string[] = [];
    const repetitions = Number(this.repetitions);
    if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > MAX_REPETITIONS) problems.push(`repetitions must be an integer 1…${MAX_REPETITIONS} (got ${JSON.stringify(this.repetitions)})`);
    try {
      parseThreshold(this.threshold);
    } catch (error) {
      problems.push(messageOf(error));
    }
    const names = new Set(variants.map((v) => v.name));
    if (names.size !== variants.length) problems.push('two variants are the same: give each knob distinct values');
    if (variants.length > 16) problems.push(`${variants.length} variants is too many for one comparison (at most 16)`);
    const jobs = [...new Set(variants.flatMap((v) => (v.spec?.job !== undefined ? [v.spec.job] : [])))];
    const unconfirmed = jobs.filter((job) => !this.confirmedJobs.has(job));
    if (unconfirmed.length > 0) problems.push(`a job module is code: confirm below that ${unconfirmed.join(', ')} may run in this page`);
    const valid = variants.every((v) => v.spec !== null);
    if (!valid || problems.length > 0) return { plan: null, problems };
    const title = this.runTitle.trim() || autoTitle(variants);
    return {
      plan: { title, threshold: this.threshold.trim(), repetitions, variants: variants.map((v) => ({ name: v.name, spec: v.spec as JobSpec })) },
      problems,
    };
  }

  protected override render() {
    const variants = this.variants();
    const { plan, problems } = this.plan(variants);
    const varied = new Set<string>(this.presetVariants ? [] : this.knobs.map((k) => k.field));
    const jobCount = plan ? plan.variants.length * plan.repetitions : 0;
    return html`<div class="layout">
      <section class="panel">
        <header>
          <h2>Job spec</h2><span class="muted">fields every variant shares · the same schema as the CLI</span>
          <span class="spacer"></span>
          <label class="muted" for="preset">Preset</label>
          <select id="preset" @change=${this.applyPreset}>
            <option value="">— shipped suites —</option>
            ${PRESETS.map((p) => html`<option value=${p.id} title=${p.description}>${p.name}</option>`)}
          </select>
        </header>
        <div class="body">
          <fb-spec-form .draft=${this.draft} .varied=${varied} @spec-change=${(e: CustomEvent<SpecChangeDetail>) => (this.draft = e.detail.draft)}
            @model-files=${(e: CustomEvent<File[]>) => this.pickFiles(e.detail)}></fb-spec-form>
          ${this.pickNote ? html`<div class=${this.pickNote.ok ? 'hint' : 'error'} id="pick-note">${this.pickNote.text}</div>` : nothing}
        </div>
      </section>
      <section class="panel">
        <header><h2>Comparison</h2><span class="muted">every combination of the knobs is a variant; variants run interleaved (A B, B A, …), a fresh worker per job</span></header>
        <div class="body">
          ${this.presetVariants
            ? html`<div class="preset-note">Variants from the preset or the opened run (each overrides the job spec above). <button @click=${() => (this.presetVariants = null)}>Use knobs instead</button></div>`
            : html`${this.knobs.map((knob, i) => this.renderKnob(knob, i))}
                ${this.knobs.length < 3 ? html`<button @click=${() => (this.knobs = [...this.knobs, { field: 'batchSize', values: '32, 64' }])}>+ knob</button>` : nothing}`}
          <div class="variants" aria-label="variants">
            ${variants.map(
              (v, i) => html`<div class="variant ${v.spec ? '' : 'bad'}">
                <span class="swatch" style="background:${variantColor(i)}"></span><strong>${v.name}</strong>
                ${v.problems.length > 0 ? html`<div class="error">${v.problems.join('; ')}</div>` : nothing}
              </div>`,
            )}
          </div>
          <div class="settings">
            <label>repetitions <input name="repetitions" .value=${this.repetitions} @input=${(e: Event) => (this.repetitions = (e.target as HTMLInputElement).value)} /></label>
            <label title="differences smaller than this count as no difference">threshold <input name="threshold" .value=${this.threshold} @input=${(e: Event) => (this.threshold = (e.target as HTMLInputElement).value)} /></label>
            <label>title <input class="title" name="title" placeholder=${autoTitle(variants)} .value=${this.runTitle} @input=${(e: Event) => (this.runTitle = (e.target as HTMLInputElement).value)} /></label>
          </div>
          ${this.renderJobConfirm(variants)}
          ${problems.map((p) => html`<div class="error" role="alert">${p}</div>`)}
        </div>
      </section>
      <div class="run">
        <button class="primary" id="run" ?disabled=${!plan || this.busy} @click=${() => plan && this.dispatchEvent(new CustomEvent<RunPlan>('run-requested', { detail: plan, bubbles: true, composed: true }))}>
          Run ${jobCount > 0 ? `${jobCount} job${jobCount === 1 ? '' : 's'}` : ''}
        </button>
        <span class="hint">${this.busy ? 'a run is in progress' : plan ? `${plan.variants.length} variant${plan.variants.length === 1 ? '' : 's'} × ${plan.repetitions} repetition${plan.repetitions === 1 ? '' : 's'}` : 'fix the fields marked in red'}</span>
      </div>
    </div>`;
  }

  private renderKnob(knob: Knob, index: number) {
    const update = (next: Partial<Knob>): void => {
      this.knobs = this.knobs.map((k, i) => (i === index ? { ...k, ...next } : k));
    };
    return html`<div class="knob">
      <select aria-label="knob field" @change=${(e: Event) => update({ field: (e.target as HTMLSelectElement).value as keyof JobSpec })}>
        ${KNOB_FIELDS.map((f) => html`<option value=${f} ?selected=${f === knob.field}>${f}</option>`)}
      </select>
      <input aria-label=${`values of ${knob.field}`} name=${`knob-${index}`} .value=${knob.values} placeholder="comma-separated values" @input=${(e: Event) => update({ values: (e.target as HTMLInputElement).value })} />
      <button aria-label="remove knob" title="remove knob" @click=${() => (this.knobs = this.knobs.filter((_, i) => i !== index))}>×</button>
    </div>`;
  }

  /** A job module is code from a URL: it runs only once the user ticks this for that URL. */
  private renderJobConfirm(variants: readonly DraftVariant[]) {
    const jobs = [...new Set(variants.flatMap((v) => (v.spec?.job !== undefined ? [v.spec.job] : [])))];
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
      this.pickNote = { ok: true, text: `${location.slice('picked:'.length)} + ${shards.length} weight file${shards.length === 1 ? '' : 's'} (${(files.reduce((n, f) => n + f.size, 0) / 1024).toFixed(1)} KiB) from this computer: kept in this page, never uploaded; a share link of the results will not carry them` };
    } catch (error) {
      this.pickNote = { ok: false, text: messageOf(error) };
    }
  }

  private applyPreset(event: Event): void {
    const preset = PRESETS.find((p) => p.id === (event.target as HTMLSelectElement).value);
    if (!preset) return;
    this.draft = draftFromSpec(validateSpec(preset.base as Record<string, unknown>).spec ?? {});
    this.presetVariants = preset.variants.map((v) => ({ name: v.name, overrides: v.overrides }));
    this.repetitions = String(preset.repetitions);
    this.threshold = preset.threshold;
    this.runTitle = preset.name;
  }
}

function autoTitle(variants: readonly DraftVariant[]): string {
  const workload = variants[0]?.spec ? sourceLabel(variants[0].spec) : 'mlp';
  return variants.length > 1 ? `${workload}: ${variants.map((v) => v.name).join(' vs ')}` : (variants[0]?.name ?? workload);
}

customElements.define('fb-configure', FbConfigure);

declare global {
  interface HTMLElementTagNameMap {
    'fb-configure': FbConfigure;
  }
}
