import { css, html, LitElement, nothing } from 'lit';
import uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import type { PhaseName } from '../core/phases.ts';
import type { JobSlot, RunController } from './controllers/run-controller.ts';
import { msTicks } from './chart-data.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { estimateEta, formatClock } from './run-eta.ts';
import { base, variantColor } from './tokens.ts';

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
 * The run queue: a progress bar per job and overall, elapsed time and ETA (and the auto-sampling
 * budget), the runner's notes, live step-time and loss charts of the running job, and Cancel.
 *
 * @fires cancel-run - when the user cancels; the running job's worker is terminated, finished jobs stay
 */
export class FbRunQueue extends LitElement {
  static override properties = { state: { attribute: false }, revision: { attribute: false }, nowMs: { state: true } };
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
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 10px; margin-top: 10px; }
      .error { color: var(--fb-bad); white-space: normal; max-width: 420px; }
      .pct { min-width: 4.5ch; text-align: right; }
      .timing { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0 0 8px; }
      .timing strong { font-family: var(--fb-mono); font-weight: 600; }
      .notes { margin: 0 0 8px; padding-left: 18px; color: var(--fb-muted); }
      .hidden-note { margin: 0 0 8px; }
    `,
  ];

  declare state: RunController | null;
  declare revision: unknown;
  declare nowMs: number;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private stepOptions: ChartOptions | null = null;
  private lossOptions: ChartOptions | null = null;
  private chartsFor = -1;

  constructor() {
    super();
    this.state = null;
    this.nowMs = performance.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Elapsed time and the ETA move every second while a run is on.
    this.ticker = setInterval(() => {
      if (this.state?.running) this.nowMs = performance.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  protected override render() {
    const queue = this.state;
    const plan = queue?.plan;
    if (!queue || !plan) return html`<p class="muted">Nothing is running. Configure a comparison and press Run.</p>`;
    const done = queue.slots.filter((s) => s.status === 'done' || s.status === 'failed').length;
    const live = queue.live;
    const liveSlot = live ? queue.slots[live.slot] : undefined;
    if (live && liveSlot && this.chartsFor !== live.slot) {
      const color = variantColor(liveSlot.variant);
      const name = plan.variants[liveSlot.variant]?.name ?? '';
      this.stepOptions = lineOptions(`Step time · ${name} #${liveSlot.repetition + 1}`, 'time per step', color);
      this.lossOptions = lineOptions(`Loss · ${name} #${liveSlot.repetition + 1}`, 'loss', color);
      this.chartsFor = live.slot;
    }
    const xs = live ? live.stepMs.map((_, i) => i + 1) : [];
    return html`
      <section class="panel" aria-labelledby="run-heading">
        <header>
          <h2 id="run-heading">${plan.title}</h2>
          <span class="muted">${queue.running ? `job ${Math.min(done + 1, queue.slots.length)} of ${queue.slots.length}${queue.more ? ' planned so far' : ''}` : `finished ${done} of ${queue.slots.length} jobs`}</span>
        </header>
        <div class="body">
          <div class="top">
            <div class="overall"><progress aria-label="overall progress" max="1" .value=${queue.fraction}></progress></div>
            <span class="num pct">${Math.round(queue.fraction * 100)}%</span>
            <button class="danger" id="cancel" ?disabled=${!queue.running} @click=${() => this.dispatchEvent(new CustomEvent('cancel-run', { bubbles: true, composed: true }))}>Cancel</button>
          </div>
          ${this.renderTiming(queue)}
          ${queue.notes.length > 0 ? html`<ul class="notes" aria-label="runner notes">${queue.notes.slice(-4).map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
          ${queue.hiddenMs > 0 || queue.hiddenSinceMs !== null
            ? html`<p class="warn hidden-note" role="note" id="hidden-note">This tab was hidden for ${formatClock(queue.hiddenMs + (queue.hiddenSinceMs === null ? 0 : this.nowMs - queue.hiddenSinceMs))} during the run: browsers throttle timers in background tabs, so jobs that ran then may be slower. Keep the tab visible while measuring.</p>`
            : nothing}
          ${queue.error ? html`<p class="error" role="alert">The run stopped: ${queue.error}</p>` : nothing}
          <div class="scroll" tabindex="0" role="region" aria-label="jobs (scrolls sideways)"><table aria-label="jobs">
            <thead><tr><th>#</th><th>variant</th><th>rep</th><th>status</th><th>stage</th><th>progress</th><th class="num">TTFB</th><th class="num">step p50</th><th class="num">serving p50</th><th><span class="visually-hidden">error</span></th></tr></thead>
            <tbody>
              ${queue.slots.map((slot, i) => {
                const r = slot.result;
                return html`<tr>
                  <td class="num">${i + 1}</td>
                  <td><span class="swatch" style="background:${variantColor(slot.variant)}"></span>${plan.variants[slot.variant]?.name}</td>
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
          </table></div>
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

  private renderTiming(queue: RunController) {
    const now = queue.running ? Math.max(this.nowMs, performance.now()) : (queue.slots.reduce((end, s) => Math.max(end, s.endedMs ?? 0), 0) || this.nowMs);
    const running = queue.slots.find((s) => s.status === 'running');
    const remaining = queue.slots.filter((s) => s.status === 'queued' || s.status === 'running').length;
    const budgetSeconds = queue.plan?.budgetSeconds ?? null;
    const eta = estimateEta({
      startedMs: queue.startedMs,
      nowMs: now,
      jobMs: jobMs(queue.slots),
      remainingJobs: remaining,
      runningForMs: running?.startedMs != null ? now - running.startedMs : 0,
      budgetSeconds: queue.more ? budgetSeconds : null,
    });
    const left = !queue.running
      ? 'finished'
      : eta.plannedLeftMs === null
        ? 'ETA after the first job'
        : `ETA ${formatClock(eta.plannedLeftMs)}`;
    return html`<div class="timing" id="timing" aria-live="off">
      <span>elapsed <strong id="elapsed">${formatClock(eta.elapsedMs)}</strong></span>
      <span><strong id="eta">${left}</strong>${queue.running && eta.plannedLeftMs !== null ? html` <span class="muted">for the ${remaining} job${remaining === 1 ? '' : 's'} planned</span>` : nothing}</span>
      ${budgetSeconds !== null
        ? html`<span id="budget">auto-sampling: ${queue.running && queue.more ? html`more rounds until every difference is resolved or the budget ends — <strong>${formatClock(eta.budgetLeftMs ?? 0)}</strong> of ${formatClock(budgetSeconds * 1000)} left` : 'done'}</span>`
        : nothing}
    </div>`;
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

function jobMs(slots: readonly JobSlot[]): number[] {
  return slots.flatMap((s) => (s.startedMs !== null && s.endedMs !== null && s.status !== 'cancelled' ? [s.endedMs - s.startedMs] : []));
}

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
