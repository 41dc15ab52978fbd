import { html, LitElement, nothing } from 'lit';
import { isShareFragment } from '../core/share/fragment.ts';
import { runAtSharePrecision } from '../core/share/quantise.ts';
import type { RunEntry } from '../core/share/entry.ts';
import type { Run } from '../core/share/run.ts';
import type { ServingRun } from '../core/share/serving-run.ts';
import { messageOf } from '../core/errors.ts';
import { appStyles } from './app-styles.ts';
import { HistoryController, type StoredEntry } from './controllers/history-controller.ts';
import { PageGuardController } from './controllers/page-guard-controller.ts';
import { RunController, type RunPlan } from './controllers/run-controller.ts';
import { planOfRun } from './configure-plan.ts';
import './fb-configure.ts';
import type { FbConfigure } from './fb-configure.ts';
import type { StoredRun } from '../core/store/api.ts';
import { formatLocation, formatRoute, isStorePath, parseLocation, sameRoute, VIEWS, type Route, type TeamQuery, type View } from './route.ts';
import { tabBar } from './tab-bar.ts';

import type { RunSource } from './run-source.ts';
export type { RunSource };
type ActionsModule = typeof import('./app-actions.ts');

/** Each view but Configure loads its elements when first shown. */
const VIEW_MODULES: Readonly<Record<View, (() => Promise<unknown>) | null>> = {
  configure: null,
  run: () => import('./fb-run-queue.ts'),
  results: () => import('./fb-results.ts'),
  serving: () => import('./fb-serving-view.ts'),
  history: () => import('./fb-history.ts'),
  team: () => import('./fb-team.ts'),
  open: () => import('./fb-results-file.ts'),
};

/**
 * The web app: configure a comparison, run it, read the results, run serving scenarios, keep a
 * history and share runs as links. Owns the controllers and the URL (view and runs in the query,
 * share links in the fragment); the views render.
 */
export class FbApp extends LitElement {
  static override properties = {
    view: { state: true },
    shown: { state: true },
    serving: { state: true },
    link: { state: true },
    linkMessage: { state: true },
    linkError: { state: true },
    saveProblem: { state: true },
    loaded: { state: true },
    team: { state: true },
    fromStore: { state: true },
  };
  static override styles = appStyles;

  declare view: View;
  /** The comparison run on the Results view, and the same run at share-link precision (what every view renders, so a link shows what its sender saw). */
  declare shown: { run: Run; view: Run; source: RunSource; id: number | null } | null;
  /** The serving run handed to the Serving view (from history or a link; a live one it holds itself). */
  declare serving: { run: ServingRun; source: RunSource; id: number | null } | null;
  declare link: string | null;
  declare linkMessage: string | null;
  declare linkError: string | null;
  /** Why the last run could not be saved (the run stays open), and the entry to save again. */
  declare saveProblem: { text: string; entry: RunEntry } | null;
  declare loaded: ReadonlySet<View>;
  /** What the Team view shows (a project of the results store and a series), from its path `/p/PROJECT/trend?…`. */
  declare team: TeamQuery | null;
  /** Where the run on Results came from when the results store sent it: each run's project, commit and branch. */
  declare fromStore: readonly StoredRun[] | null;
  readonly runner = new RunController(this);
  readonly history = new HistoryController(this, { list: false });
  private actionsModule: Promise<ActionsModule> | undefined;
  readonly guard = new PageGuardController(this, { busy: () => this.busy(), visibility: (hidden) => this.runner.noteVisibility(hidden) });
  private readonly onPopState = (): void => void this.applyLocation();

  constructor() {
    super();
    this.view = 'configure';
    this.shown = null;
    this.serving = null;
    this.link = null;
    this.linkMessage = null;
    this.linkError = null;
    this.saveProblem = null;
    this.loaded = new Set(['configure']);
    this.team = null;
    this.fromStore = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener('hashchange', this.onPopState);
    void this.applyLocation();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener('hashchange', this.onPopState);
  }

  /** A comparison or a serving scenario is running (leaving the page would end it). */
  busy(): boolean {
    return this.runner.running || this.renderRoot.querySelector('fb-serving-view')?.running === true;
  }

  private actions(): Promise<ActionsModule> {
    this.actionsModule ??= import('./app-actions.ts');
    return this.actionsModule;
  }

  /** Shows what the location says: a share link's run, or the view and stored runs in the query. */
  private async applyLocation(): Promise<void> {
    if (isShareFragment(location.hash)) {
      const opened = await (await this.actions()).openLink(location.hash);
      if ('error' in opened) {
        this.linkError = opened.error;
        this.setView(this.here().view);
        return;
      }
      this.linkError = null;
      this.showEntry(opened.entry, 'link', null);
      return;
    }
    const route = this.here();
    this.setView(route.view);
    if (route.team) this.team = route.team;
    if (route.stored) await this.openFromStore(route.stored, false);
    else if (route.runs.length > 0) await this.openStored(route);
  }

  /** The route of the current location (the results store's paths included). */
  private here(): Route {
    return parseLocation(location.pathname, location.search, import.meta.env.BASE_URL);
  }

  /** Opens runs of the results store (`/r/ID`; two or more side by side) in the view a link opens them in. */
  private async openFromStore(ids: readonly string[], push: boolean): Promise<void> {
    const opened = await (await this.actions()).openStoreRuns(ids);
    if ('error' in opened) {
      this.linkError = opened.error;
      return;
    }
    this.linkError = null;
    this.showEntry(opened.entry, 'link', null, false);
    this.fromStore = opened.stored;
    if (push) this.goTo({ view: opened.entry.kind === 'comparison' ? 'results' : 'serving', runs: [], stored: ids });
  }

  /** Opens the stored runs a route names (a reload or Back lands here). */
  private async openStored(route: Route): Promise<void> {
    const current = route.view === 'serving' ? this.serving?.id : this.shown?.id;
    if (route.runs.length === 1 && current === route.runs[0]) return;
    try {
      const items = await Promise.all(route.runs.map((id) => this.history.get(id)));
      const found = items.filter((item): item is StoredEntry => item?.entry != null);
      if (found.length !== route.runs.length) {
        const problem = items.find((item) => item && item.entry === null);
        this.linkError = problem && problem.entry === null ? `run ${problem.id} cannot be opened: ${problem.problem}` : 'the run in this address is no longer in History (it was deleted, or History was cleared)';
        return;
      }
      if (found.length === 1) this.showEntry(found[0]!.entry, 'history', found[0]!.id, false);
      else this.showMerged(found, false);
    } catch (error) {
      this.linkError = `History is unavailable: ${messageOf(error)}`;
    }
  }

  private setView(view: View): void {
    this.view = view;
    const load = VIEW_MODULES[view];
    if (load && !this.loaded.has(view)) {
      void load().then(() => (this.loaded = new Set([...this.loaded, view])));
    }
  }

  /** Switches the view and records it in the address (a new history entry, so Back returns). */
  private go(view: View, runs: readonly number[] = [], replace = false): void {
    this.goTo(view === 'team' && this.team ? { view, runs, team: this.team } : { view, runs }, replace);
  }

  private goTo(route: Route, replace = false): void {
    this.setView(route.view);
    const base = import.meta.env.BASE_URL;
    const url = route.stored || route.team ? formatLocation(route, base) : `${isStorePath(location.pathname, base) ? base : location.pathname}${formatRoute(route)}`;
    if (!replace && sameRoute(this.here(), route) && !location.hash) return;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }

  private showEntry(entry: RunEntry, source: RunSource, id: number | null, push = source !== 'link'): void {
    this.fromStore = null;
    this.link = null;
    this.linkMessage = null;
    if (entry.kind === 'comparison') {
      this.shown = { run: entry.run, view: runAtSharePrecision(entry.run), source, id };
      if (push) this.go('results', id === null ? [] : [id]);
      else this.setView('results');
    } else {
      this.serving = { run: entry.run, source, id };
      if (push) this.go('serving', id === null ? [] : [id]);
      else this.setView('serving');
    }
  }

  private async showMerged(items: readonly StoredEntry[], push = true): Promise<void> {
    const runs = items.flatMap((item) => (item.entry.kind === 'comparison' ? [item.entry.run] : []));
    const merged = (await this.actions()).mergeStored(runs);
    this.shown = { run: merged, view: runAtSharePrecision(merged), source: 'history', id: null };
    this.link = null;
    this.linkMessage = null;
    if (push) this.go('results', items.map((item) => item.id));
    else this.setView('results');
  }

  /** Moves focus to a view's panel after the app switched to it (keyboard and screen-reader users follow). */
  private async focusPanel(view: View): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#panel-${view}`)?.focus();
  }

  private async start(plan: RunPlan): Promise<void> {
    if (this.runner.running) return;
    this.go('run');
    void this.focusPanel('run');
    const run = await this.runner.start(plan);
    if (!run) return;
    await this.saveAndShow({ kind: 'comparison', run });
  }

  /** Saves a finished run to History and shows it; a run that cannot be saved is shown all the same, with the reason. */
  private async saveAndShow(entry: RunEntry): Promise<void> {
    let id: number | null = null;
    try {
      id = (await this.history.save(entry)).id;
      this.saveProblem = null;
    } catch (error) {
      this.saveProblem = { text: messageOf(error), entry };
    }
    if (entry.kind === 'comparison') {
      this.showEntry(entry, 'live', id);
      void this.focusPanel('results');
    } else {
      this.serving = { run: entry.run, source: 'live', id };
      if (id !== null) this.go('serving', [id], true);
    }
  }

  private async saveAgain(): Promise<void> {
    const problem = this.saveProblem;
    if (!problem) return;
    try {
      const stored = await this.history.save(problem.entry);
      this.saveProblem = null;
      if (problem.entry.kind === 'comparison' && this.shown) this.shown = { ...this.shown, id: stored.id };
      this.go(problem.entry.kind === 'comparison' ? 'results' : 'serving', [stored.id], true);
    } catch (error) {
      this.saveProblem = { ...problem, text: messageOf(error) };
    }
  }

  private async copyLink(entry: RunEntry): Promise<void> {
    const actions = await this.actions();
    try {
      this.link = await actions.shareUrl(entry);
    } catch (error) {
      this.link = null;
      this.linkMessage = messageOf(error);
      return;
    }
    this.linkMessage = (await actions.copyText(this.link))
      ? 'copied to the clipboard — the run travels in the fragment, no server sees it'
      : 'the clipboard is not available: copy the link from the box';
  }

  private async exportEntry(entry: RunEntry, format: 'json' | 'csv'): Promise<void> {
    (await this.actions()).exportEntry(entry, format);
  }

  private dismissLinkError(): void {
    this.linkError = null;
    if (isShareFragment(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  }

  /** A tab chosen by click or keys; keys keep the focus on the tabs (the WAI-ARIA pattern). */
  private chooseTab(view: View, byKey: boolean): void {
    this.go(view);
    if (byKey) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
  }

  protected override render() {
    const r = this.runner;
    return html`
      ${tabBar({ view: this.view, progress: r.running ? r.fraction : null }, (view, byKey) => this.chooseTab(view, byKey))}
      ${this.linkError
        ? html`<div class="banner" role="alert" id="link-error"><strong>Cannot open this link.</strong><span>${this.linkError}</span><button @click=${this.dismissLinkError}>Dismiss</button></div>`
        : nothing}
      ${this.saveProblem
        ? html`<div class="banner" role="alert" id="save-problem"><strong>Not saved.</strong><span>${this.saveProblem.text}</span><button @click=${() => void this.saveAgain()}>Save again</button><button @click=${() => (this.saveProblem = null)}>Dismiss</button></div>`
        : nothing}
      <main>
        ${VIEWS.map((v) => html`<div class="panel-view" role="tabpanel" id=${`panel-${v.id}`} aria-labelledby=${`tab-${v.id}`} tabindex="-1" ?hidden=${this.view !== v.id}>${this.renderView(v.id)}</div>`)}
      </main>
    `;
  }

  private renderView(view: View) {
    if (view !== 'configure' && !this.loaded.has(view)) return this.view === view ? html`<p class="muted">Loading…</p>` : nothing;
    const r = this.runner;
    switch (view) {
      case 'configure':
        return html`<fb-configure .busy=${r.running} @run-requested=${(e: CustomEvent<RunPlan>) => void this.start(e.detail)}></fb-configure>`;
      case 'run':
        return this.view === 'run' ? html`<fb-run-queue .state=${r} .revision=${Symbol()} @cancel-run=${() => r.cancel()}></fb-run-queue>` : nothing;
      case 'results':
        return this.view === 'results' ? this.renderResults() : nothing;
      case 'serving':
        return html`<fb-serving-view
          .shown=${this.serving}
          .link=${this.view === 'serving' ? this.link : null}
          .linkMessage=${this.view === 'serving' ? this.linkMessage : null}
          @serving-finished=${(e: CustomEvent<ServingRun>) => void this.saveAndShow({ kind: 'serving', run: e.detail })}
          @serving-started=${() => {
            this.link = null;
            this.linkMessage = null;
          }}
          @copy-link=${(e: CustomEvent<RunEntry>) => void this.copyLink(e.detail)}
          @export-entry=${(e: CustomEvent<RunEntry>) => void this.exportEntry(e.detail, 'json')}
        ></fb-serving-view>`;
      case 'history':
        return this.view === 'history' ? html`<fb-history
          @open-run=${(e: CustomEvent<StoredEntry>) => this.showEntry(e.detail.entry, 'history', e.detail.id)}
          @compare-runs=${(e: CustomEvent<StoredEntry[]>) => void this.showMerged(e.detail)}
          @export-run=${(e: CustomEvent<{ stored: StoredEntry; format: 'json' | 'csv' }>) => void this.exportEntry(e.detail.stored.entry, e.detail.format)}
        ></fb-history>` : nothing;
      case 'team':
        return html`<fb-team
          .query=${this.team}
          @team-query=${(e: CustomEvent<TeamQuery>) => this.goTo({ view: 'team', runs: [], team: (this.team = e.detail) })}
          @open-stored=${(e: CustomEvent<{ ids: string[] }>) => void this.openFromStore(e.detail.ids, true)}
        ></fb-team>`;
      case 'open':
        return this.view === 'open' ? html`<fb-results-file @open-entry=${(e: CustomEvent<{ entry: RunEntry }>) => this.showEntry(e.detail.entry, 'file', null)}></fb-results-file>` : nothing;
    }
  }

  private renderResults() {
    const shown = this.shown;
    return html`${this.fromStore ? storedNote(this.fromStore) : nothing}<fb-results
      .run=${shown?.view ?? null}
      .source=${shown?.source ?? 'live'}
      .link=${this.link}
      .linkMessage=${this.linkMessage}
      .hiddenMs=${shown?.source === 'live' ? this.runner.hiddenMs : 0}
      @copy-link=${() => shown && void this.copyLink({ kind: 'comparison', run: shown.run })}
      @export-json=${() => shown && void this.exportEntry({ kind: 'comparison', run: shown.run }, 'json')}
      @export-csv=${() => shown && void this.exportEntry({ kind: 'comparison', run: shown.run }, 'csv')}
      @run-again=${(e: CustomEvent<Run>) => this.runAgain(e.detail)}
    ></fb-results>`;
  }

  private runAgain(run: Run): void {
    const plan = planOfRun(run);
    this.renderRoot.querySelector<FbConfigure>('fb-configure')?.load(plan);
    // A link never runs code by itself: a job module waits in Configure for the user to confirm it.
    if (run.variants.some((v) => v.spec.job !== undefined)) {
      this.setView('configure');
      return;
    }
    void this.start(plan);
  }
}

/** "Stored run abc123 of web-app · commit 3a8c984 on main · its trend": where a run of the results store came from. */
function storedNote(runs: readonly StoredRun[]) {
  return html`<p class="stored-note muted" id="stored-note">${runs.map(
    (r, i) => html`${i > 0 ? ' · ' : ''}Stored run <code>${r.id}</code> of ${r.project}: commit <code>${r.meta.commit.slice(0, 12)}</code> on ${r.meta.branch}, ${r.meta.device} ·
      <a href=${formatLocation({ view: 'team', runs: [], team: { project: r.project, branch: r.meta.branch } }, import.meta.env.BASE_URL)}>trend</a>`,
  )}</p>`;
}

customElements.define('fb-app', FbApp);

declare global {
  interface HTMLElementTagNameMap {
    'fb-app': FbApp;
  }
}
