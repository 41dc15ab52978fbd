import { css } from 'lit';
import { tabBarStyles } from './tab-bar.ts';
import { base } from './tokens.ts';

/** The app shell's styles: the bar, banners and the views. */
export const appStyles = [
  base,
  tabBarStyles,
  css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: var(--fb-panel); }
    main { padding: 12px; max-width: 1280px; width: 100%; margin: 0 auto; }
    .panel-view:focus { outline: none; }
    .stored-note { margin: 0 0 8px; overflow-wrap: anywhere; }
    .stored-note code { font-family: var(--fb-mono); }
    .panel-view[hidden] { display: none; }
    .banner { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 12px auto 0; max-width: 1256px; width: calc(100% - 24px); padding: 8px 12px; border-radius: var(--fb-radius); background: var(--fb-bad-soft); border: 1px solid var(--fb-bad-border); color: var(--fb-text); }
    .banner strong { white-space: nowrap; color: var(--fb-bad); }
    .banner span { flex: 1 1 240px; overflow-wrap: anywhere; }
    @media (max-width: 640px) {
      main { padding: 8px; }
    }
  `,
];
