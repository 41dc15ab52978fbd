import { css } from 'lit';
import { base } from './tokens.ts';

/** The app shell's styles: the tab bar (wraps and scrolls on a phone), banners and the views. */
export const appStyles = [
  base,
  css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: var(--fb-panel); }
    .bar { display: flex; align-items: stretch; flex-wrap: wrap; gap: 0 12px; min-height: 38px; padding: 0 12px; background: var(--fb-toolbar); border-bottom: 1px solid var(--fb-border); position: sticky; top: 0; z-index: 2; }
    .brand { display: flex; align-items: center; gap: 6px; font-weight: 600; font-size: 14px; margin: 0; }
    .brand .mark { width: 14px; height: 14px; border-radius: 3px; background: linear-gradient(90deg, #8ab4f8 0 30%, #f6c343 30% 55%, #e4574b 55%); }
    .tabs { display: flex; align-items: stretch; gap: 2px; flex: 1 1 auto; min-width: 0; overflow-x: auto; scrollbar-width: none; }
    .tab { border: 0; border-bottom: 2px solid transparent; border-radius: 0; background: none; min-height: 38px; padding: 0 12px; color: var(--fb-muted); white-space: nowrap; }
    .tab[aria-selected='true'] { color: var(--fb-accent); border-bottom-color: var(--fb-accent); font-weight: 600; }
    .tab:focus-visible { outline-offset: -3px; }
    .tab .count { font-family: var(--fb-mono); font-size: var(--fb-size-small); }
    .status { display: flex; align-items: center; gap: 10px; color: var(--fb-muted); font-size: var(--fb-size-small); }
    .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; }
    .dot.ok { background: var(--fb-good); }
    .dot.warn { background: var(--fb-warn); }
    main { padding: 12px; max-width: 1280px; width: 100%; margin: 0 auto; }
    .panel-view:focus { outline: none; }
    .panel-view[hidden] { display: none; }
    .banner { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 12px auto 0; max-width: 1256px; width: calc(100% - 24px); padding: 8px 12px; border-radius: var(--fb-radius); background: var(--fb-bad-soft); border: 1px solid var(--fb-bad-border); color: var(--fb-text); }
    .banner strong { white-space: nowrap; color: var(--fb-bad); }
    .banner span { flex: 1 1 240px; overflow-wrap: anywhere; }
    .mini { height: 6px; width: 80px; }
    @media (max-width: 640px) {
      .bar { padding: 0 6px; }
      .brand { width: 100%; min-height: 30px; }
      .status { display: none; }
      main { padding: 8px; }
      .tab { padding: 0 9px; }
    }
  `,
];
