import { css, html, LitElement, nothing } from 'lit';
import uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import type { PhaseName } from '../core/phases.ts';
import type { JobSlot, LiveJob, RunPlan } from './controllers/run-controller.ts';
import { msTicks } from './chart-data.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base, variantColor } from './tokens.ts';

/** What the run view shows: a snapshot of the run controller. */
export interface QueueSnapshot {
  readonly plan: RunPlan;
  readonly slots: readonly JobSlot[];
  readonly live: LiveJob | null;
  readonly running: boolean;
  readonly fraction: number;
}

function lineOptions(title: string, yLabel: string, color: string): ChartOptions {
  return {
    title,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false } },
    axes: [axis({ label: 'measured step', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10_000, 100_000] }), axis({ label: yLabel, size: 56, values: yLabel === 'loss' ? undefined : (_u, splits) => msTicks(splits) })],
    series: [{ label: 'step' }, { label: yLabel, stroke: color, width: 1.5, points: { show: true, size: 4, fill: color } }],
  };
}

/**
 * The run queue: a progress bar per job and overall, live step-time and loss
 * charts of the running job, and Cancel.
 *
 * @fires cancel-run - when the user cancels; the running job's worker is terminated, finished jobs stay
 */
export class FbRunQueue extends LitElement {
  static override properties = { queue: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .top { display: flex; align-items: center; gap: 12px; margin-bottom: 10px; }
      .overall { flex: 1; }
      progress { width: 100%; height: 8px; appearance: none; border: 0; background: var(--fb-toolbar); border-radius: 4px; overflow: hidden; }
      progress::-webkit-progress-bar { background: var(--fb-toolbar); }
      progress::-webkit-progress-value { background: var(--fb-accent); transition: width 120ms linear; }
      td progress { width: 140px; height: 6px; }
      .status { font-size: var(--fb-size-small); padding: 1px 6px; border-radius: 8px; background: var(--fb-toolbar); }
      .status.running { background: var(--fb-accent-soft); color: var(--fb-accent); }
      .status.done { background: var(--fb-good-soft); color: var(--fb-good); }
      .status.failed { background: var(--fb-bad-soft); color: var(--fb-bad); }
      .status.cancelled { color: var(--fb-faint); }
      .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-top: 10px; }
      .error { color: var(--fb-bad); white-space: normal; max-width: 420px; }
    `,
  ];

  declare queue: QueueSnapshot | null;
  private stepOptions: ChartOptions | null = null;
  private lossOptions: ChartOptions | null = null;
  private chartsFor = -1;

  constructor() {
    super();
    this.queue = null;
  }

  protected override render() {
    const queue = this.queue;
    if (!queue) return html`<p class="muted">Nothing is running. Configure a comparison and press Run.</p>`;
    const done = queue.slots.filter((s) => s.status === 'done' || s.status === 'failed').length;
    const live = queue.live;
    const liveSlot = live ? queue.slots[live.slot] : undefined;
    if (live && liveSlot && this.chartsFor !== live.slot) {
      const color = variantColor(liveSlot.variant);
      const name = queue.plan.variants[liveSlot.variant]?.name ?? '';
      this.stepOptions = lineOptions(`Step time · ${name} #${liveSlot.repetition + 1}`, 'time per step', color);
      this.lossOptions = lineOptions(`Loss · ${name} #${liveSlot.repetition + 1}`, 'loss', color);
      this.chartsFor = live.slot;
    }
    const xs = live ? live.stepMs.map((_, i) => i + 1) : [];
    return html`
      <section class="panel">
        <header>
          <h2>${queue.plan.title}</h2>
          <span class="muted">${queue.running ? `job ${Math.min(done + 1, queue.slots.length)} of ${queue.slots.length}` : `finished ${done} of ${queue.slots.length} jobs`}</span>
        </header>
        <div class="body">
          <div class="top">
            <div class="overall"><progress aria-label="overall progress" max="1" .value=${queue.fraction}></progress></div>
            <span class="num">${Math.round(queue.fraction * 100)}%</span>
            <button class="danger" id="cancel" ?disabled=${!queue.running} @click=${() => this.dispatchEvent(new CustomEvent('cancel-run', { bubbles: true, composed: true }))}>Cancel</button>
          </div>
          <table>
            <thead><tr><th>#</th><th>variant</th><th>rep</th><th>status</th><th>stage</th><th>progress</th><th class="num">TTFB</th><th class="num">step p50</th><th class="num">serving p50</th><th></th></tr></thead>
            <tbody>
              ${queue.slots.map((slot, i) => {
                const r = slot.result;
                return html`<tr>
                  <td class="num">${i + 1}</td>
                  <td><span class="swatch" style="background:${variantColor(slot.variant)}"></span>${queue.plan.variants[slot.variant]?.name}</td>
                  <td class="num">${slot.repetition + 1}</td>
                  <td><span class="status ${slot.status}">${slot.status}</span></td>
                  <td class="muted">${slot.status === 'running' ? stage(slot) : ''}</td>
                  <td><progress max="1" .value=${slot.fraction} aria-label=${`job ${i + 1} progress`}></progress></td>
                  <td class="num">${formatMs(r?.ttfb?.totalMs)}</td>
                  <td class="num">${formatMs(r?.steps?.medianMs)}</td>
                  <td class="num">${formatMs(r?.serving?.p50Ms)}</td>
                  <td class="error">${r?.error && r.error.code !== 'cancelled' ? `${r.error.code}: ${r.error.message}` : nothing}</td>
                </tr>`;
              })}
            </tbody>
          </table>
          ${live && live.stepMs.length === 0 && liveSlot?.status === 'running'
            ? html`<p class="muted waiting">Live step-time and loss charts start with the first measured step (the first step compiles pipelines and is timed as TTFB).</p>`
            : nothing}
          ${live && live.stepMs.length > 0 && this.stepOptions && this.lossOptions
            ? html`<div class="charts">
                <fb-chart label="live step time" .height=${180} .options=${this.stepOptions} .data=${[xs, [...live.stepMs]] as uPlot.AlignedData}></fb-chart>
                <fb-chart label="live loss" .height=${180} .options=${this.lossOptions} .data=${[xs, [...live.loss]] as uPlot.AlignedData}></fb-chart>
              </div>`
            : nothing}
        </div>
      </section>
    `;
  }
}

/** What a job is doing once a phase has finished. */
const NEXT_STAGE: Readonly<Record<PhaseName, string>> = {
  spawn: 'importing tfjs',
  import: 'starting backend',
  backend: 'loading the model',
  load: 'building model',
  build: 'making first batch',
  data: 'first step or inference (pipeline compilation)',
  compile: 'first step',
  'first-step': 'warm-up steps',
  'first-inference': 'serving queries',
};

function stage(slot: JobSlot): string {
  if (slot.fraction >= 0.8) return 'serving';
  if (slot.fraction > 0.3) return 'measured steps';
  return slot.phase ? NEXT_STAGE[slot.phase] : 'spawning worker';
}

customElements.define('fb-run-queue', FbRunQueue);

declare global {
  interface HTMLElementTagNameMap {
    'fb-run-queue': FbRunQueue;
  }
}
