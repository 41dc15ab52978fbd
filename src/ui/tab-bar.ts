import { css, html, nothing, type TemplateResult } from 'lit';
import { tabForKey, VIEWS, type View } from './route.ts';

/**
 * The app's bar: the brand, the views as WAI-ARIA tabs (roving tabindex; ←/→ wrap, Home, End)
 * and the status (run progress, timer isolation). A template, not an element: the tabs and the
 * panels they control (aria-controls / aria-labelledby) must share one shadow root.
 */
export function tabBar(state: { view: View; progress: number | null }, choose: (view: View, byKey: boolean) => void): TemplateResult {
  const isolated = globalThis.crossOriginIsolated === true;
  const running = state.progress !== null;
  const onKey = (event: KeyboardEvent): void => {
    const next = tabForKey(event.key, state.view);
    if (!next) return;
    event.preventDefault();
    choose(next, true);
  };
  return html`<header class="bar">
    <h1 class="brand"><span class="mark" aria-hidden="true"></span>firstbatch</h1>
    <div class="tabs" role="tablist" aria-label="Views" @keydown=${onKey}>
      ${VIEWS.map(
        (v) => html`<button class="tab" role="tab" id=${`tab-${v.id}`} aria-controls=${`panel-${v.id}`} aria-selected=${state.view === v.id ? 'true' : 'false'}
          tabindex=${state.view === v.id ? 0 : -1} @click=${() => choose(v.id, false)}>${v.label}${v.id === 'run' && running ? html` <span class="count">${Math.round((state.progress ?? 0) * 100)}%</span>` : nothing}</button>`,
      )}
    </div>
    <span class="status">
      ${running ? html`<progress class="mini" max="1" .value=${state.progress} aria-label="run progress"></progress>` : nothing}
      <span title="cross-origin isolation gives ~5 µs timers"><span class="dot ${isolated ? 'ok' : 'warn'}" aria-hidden="true"></span>${isolated ? 'cross-origin isolated' : 'not isolated: 100 µs timers'}</span>
    </span>
  </header>`;
}

/** Styles of `tabBar` (wraps and scrolls on a phone). */
export const tabBarStyles = css`
  .bar { display: flex; align-items: stretch; flex-wrap: wrap; gap: 0 12px; min-height: 38px; padding: 0 12px; background: var(--fb-toolbar); border-bottom: 1px solid var(--fb-border); position: sticky; top: 0; z-index: 2; }
  .brand { display: flex; align-items: center; gap: 6px; font-weight: 600; font-size: 14px; margin: 0; }
  .brand .mark { width: 14px; height: 14px; border-radius: 3px; background: linear-gradient(90deg, #8ab4f8 0 30%, #f6c343 30% 55%, #e4574b 55%); }
  .tabs { display: flex; align-items: stretch; gap: 2px; flex: 1 1 auto; min-width: 0; overflow-x: auto; scrollbar-width: none; }
  .tab { border: 0; border-bottom: 2px solid transparent; border-radius: 0; background: none; min-height: 38px; padding: 0 12px; color: var(--fb-muted); white-space: nowrap; }
  .tab[aria-selected='true'] { color: var(--fb-accent); border-bottom-color: var(--fb-accent); font-weight: 600; }
  .tab:focus-visible { outline-offset: -3px; }
  .count { font-family: var(--fb-mono); font-size: var(--fb-size-small); }
  .status { display: flex; align-items: center; gap: 10px; color: var(--fb-muted); font-size: var(--fb-size-small); }
  .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; }
  .dot.ok { background: var(--fb-good); }
  .dot.warn { background: var(--fb-warn); }
  .mini { height: 6px; width: 80px; }
  @media (max-width: 640px) {
    .bar { padding: 0 6px; }
    .brand { width: 100%; min-height: 30px; }
    .status { display: none; }
    .tab { padding: 0 9px; }
  }
`;
