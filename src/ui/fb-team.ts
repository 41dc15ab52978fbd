import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { METRICS } from '../core/compare/metrics.ts';
import { messageOf } from '../core/errors.ts';
import type { AlertList, SeriesKey, SeriesList } from '../core/store/api.ts';
import { TeamController, type SeriesEntry } from './controllers/team-controller.ts';
import './fb-trend.ts';
import { DEFAULT_BRANCH, type TeamQuery } from './route.ts';
import { base } from './tokens.ts';
import { formatRelative } from './trend-format.ts';

/** A metric's label ("TTFB", "step median"); the id itself for one this version does not know. */
export const metricLabel = (id: string): string => (Object.hasOwn(METRICS, id) ? METRICS[id as keyof typeof METRICS].label : id);

const unique = (values: readonly string[]): string[] => [...new Set(values)];
const seriesName = (s: SeriesKey): string => `${s.suite} › ${s.variant} › ${metricLabel(s.metric)} › ${s.device}`;

/**
 * The Team view: a project of the results store (`firstbatch server`) → a suite → its variants ×
 * metrics on one device, along a branch; the chosen series' trend (fb-trend) and the project's
 * alerts. The store's strings (suite, variant, device, commit names) are rendered as text only.
 *
 * @fires team-query - detail: TeamQuery, when the user picks a project, branch, suite, device or series.
 * @fires open-stored - (from fb-trend) detail `{ ids }`.
 */
export class FbTeam extends LitElement {
  static override properties = { query: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      form, .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin-bottom: 10px; }
      label { display: flex; flex-direction: column; gap: 2px; font-size: var(--fb-size-small); color: var(--fb-muted); }
      .matrix td, .matrix th { text-align: left; }
      .matrix th[scope='row'] { font-weight: 500; white-space: normal; overflow-wrap: anywhere; max-width: 320px; }
      .matrix button[aria-pressed='true'] { background: var(--fb-accent); color: var(--fb-accent-text); border-color: var(--fb-accent); }
      section + section { margin-top: 12px; }
      .error { color: var(--fb-bad); overflow-wrap: anywhere; }
      .regression { color: var(--fb-bad); }
      .improvement { color: var(--fb-good); }
      h3 { margin: 10px 0 6px; font-size: 13px; text-transform: none; letter-spacing: 0; color: var(--fb-text); overflow-wrap: anywhere; }
      code { font-family: var(--fb-mono); }
    `,
  ];

  declare query: TeamQuery | null;
  private readonly store = new TeamController(this);

  constructor() {
    super();
    this.query = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) this.store.show(this.query);
  }

  private ask(change: Partial<TeamQuery>): void {
    const current = this.query ?? { project: '', branch: DEFAULT_BRANCH };
    const next: TeamQuery = { ...current, ...change };
    this.dispatchEvent(new CustomEvent<TeamQuery>('team-query', { detail: next, bubbles: true, composed: true }));
  }

  protected override render() {
    const q = this.query;
    return html`<section class="panel" aria-labelledby="team-heading">
        <header><h2 id="team-heading">Team</h2><span class="muted">trends of a project's runs in the results store, along a branch</span></header>
        <div class="body">
          <form id="team-form" @submit=${this.onSubmit}>
            <label>project<input name="project" required pattern="[a-z0-9][a-z0-9_\\-]{0,63}" .value=${q?.project ?? ''} /></label>
            <label>branch<input name="branch" required .value=${q?.branch ?? DEFAULT_BRANCH} /></label>
            <button class="primary" type="submit">Show</button>
          </form>
          ${q ? this.renderSeries() : html`<p class="muted">Name a project of this server's results store (<code>firstbatch server</code>; runs arrive with <code>firstbatch bench … --upload URL/p/PROJECT</code>).</p>`}
        </div>
      </section>
      ${q ? this.renderAlerts() : nothing}`;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.ask({ project: String(data.get('project') ?? '').trim(), branch: String(data.get('branch') ?? '').trim() || DEFAULT_BRANCH, suite: undefined, variant: undefined, metric: undefined, device: undefined });
  };

  private renderSeries() {
    return this.store.series.render({
      pending: () => html`<p role="status">Loading the project's series…</p>`,
      error: (error) => html`<p class="error" role="alert" id="team-error">${messageOf(error)}</p>`,
      complete: (list) => (list ? this.renderList(list) : nothing),
    });
  }

  private renderList(list: SeriesList) {
    if (list.series.length === 0) return html`<p class="muted" id="team-empty">No runs of this project on ${list.branch} yet.</p>`;
    const candidates = this.store.candidates();
    const selected = this.store.selected();
    const suites = unique(list.series.map((s) => s.suite));
    const devices = unique(list.series.filter((s) => s.suite === selected?.suite).map((s) => s.device));
    return html`<div class="filters">
        <label>suite<select id="suite" @change=${(e: Event) => this.ask({ suite: (e.target as HTMLSelectElement).value, device: undefined, variant: undefined })}>
          ${suites.map((s) => html`<option .value=${s} ?selected=${s === selected?.suite}>${s}</option>`)}
        </select></label>
        <label>device<select id="device" @change=${(e: Event) => this.ask({ suite: selected?.suite, device: (e.target as HTMLSelectElement).value })}>
          ${devices.map((d) => html`<option .value=${d} ?selected=${d === selected?.device}>${d}</option>`)}
        </select></label>
        <span class="muted">series are per device: a GPU and a software adapter never share a line</span>
      </div>
      ${this.renderMatrix(candidates, selected)} ${this.renderTrend(selected)}`;
  }

  /** Variants × metrics of the suite on the device: each cell opens that series' trend. */
  private renderMatrix(candidates: readonly SeriesEntry[], selected: SeriesKey | null) {
    const variants = unique(candidates.map((s) => s.variant));
    const metrics = unique(candidates.map((s) => s.metric));
    return html`<div class="scroll" tabindex="0" role="region" aria-label="series of this suite (scrolls sideways)"><table class="matrix" id="series-matrix" aria-label="series: variants × metrics">
      <thead><tr><th>variant</th>${metrics.map((m) => html`<th>${metricLabel(m)}</th>`)}</tr></thead>
      <tbody>${variants.map(
        (v) => html`<tr><th scope="row" class="variant">${v}</th>${metrics.map((m) => {
          const entry = candidates.find((s) => s.variant === v && s.metric === m);
          const on = entry !== undefined && selected?.variant === v && selected.metric === m;
          return html`<td>${entry
            ? html`<button class="series" aria-pressed=${on ? 'true' : 'false'} aria-label=${`${v} · ${metricLabel(m)}: ${entry.points} runs`} @click=${() => this.ask({ suite: entry.suite, variant: entry.variant, metric: entry.metric, device: entry.device })}>${entry.points} run${entry.points === 1 ? '' : 's'}</button>`
            : html`<span class="muted">—</span>`}</td>`;
        })}</tr>`,
      )}</tbody>
    </table></div>`;
  }

  private renderTrend(selected: SeriesKey | null) {
    if (!selected) return nothing;
    return html`<section aria-labelledby="trend-heading">
      <h3 id="trend-heading">${seriesName(selected)}</h3>
      ${this.store.trend.render({
        pending: () => html`<p role="status">Loading the trend…</p>`,
        error: (error) => html`<p class="error" role="alert" id="trend-error">${messageOf(error)}</p>`,
        complete: (trend) => (trend ? html`<fb-trend .trend=${trend} label=${metricLabel(trend.series.metric)}></fb-trend>` : nothing),
      })}
    </section>`;
  }

  private renderAlerts() {
    return html`<section class="panel" aria-labelledby="alerts-heading">
      <header><h2 id="alerts-heading">Alerts</h2><span class="muted">change points of every series of ${this.query?.project ?? ''}, newest first</span></header>
      <div class="body">${this.store.alerts.render({
        pending: () => html`<p role="status">Loading alerts…</p>`,
        error: (error) => html`<p class="error" role="alert">${messageOf(error)}</p>`,
        complete: (alerts) => (alerts ? this.renderAlertList(alerts) : nothing),
      })}</div>
    </section>`;
  }

  private renderAlertList(alerts: AlertList) {
    if (alerts.changePoints.length === 0) return html`<p class="muted" id="no-alerts">No change points in this project.</p>`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label="alerts (scrolls sideways)"><table id="alerts" aria-label="alerts">
      <thead><tr><th>series</th><th>change</th><th>between commits</th><th>size</th><th><span class="visually-hidden">show</span></th></tr></thead>
      <tbody>${alerts.changePoints.map(
        (c) => html`<tr>
          <td class="series-name">${seriesName(c.series)}</td>
          <td class=${c.direction}>${c.direction}</td>
          <td><code>${c.before.commit.slice(0, 12)}</code> → <code>${c.after.commit.slice(0, 12)}</code></td>
          <td>${formatRelative(c)}</td>
          <td><button aria-label=${`show the trend of ${seriesName(c.series)}`} @click=${() => this.ask({ ...c.series })}>Trend</button></td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}

customElements.define('fb-team', FbTeam);

declare global {
  interface HTMLElementTagNameMap {
    'fb-team': FbTeam;
  }
}
