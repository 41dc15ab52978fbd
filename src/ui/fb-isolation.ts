import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { isolationStatus, type IsolationStatus } from '../client/isolation.ts';
import { base } from './tokens.ts';

/**
 * Whether the page is cross-origin isolated, by what (the host's headers or the fallback
 * service worker), the timer step it gives, and — when it is not — why the timers are coarse.
 */
export class FbIsolation extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: inline-flex; align-items: center; position: relative; }
      .chip { border: 0; background: none; padding: 0; display: inline-flex; align-items: center; gap: 4px; color: var(--fb-muted); font-size: var(--fb-size-small); }
      .dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; }
      .why { position: absolute; right: 0; top: 28px; width: 440px; z-index: 3; display: flex; gap: 8px; align-items: flex-start; padding: 6px 10px; border-radius: var(--fb-radius); background: var(--fb-warn-soft); border: 1px solid var(--fb-warn); color: var(--fb-text); line-height: 1.4; }
      .why button { border: 0; background: none; color: inherit; cursor: pointer; padding: 0 2px; }
    `,
  ];

  static override properties = { dismissed: { state: true } };
  declare dismissed: boolean;
  private readonly status = new Task(this, { task: () => isolationStatus(), args: () => [] });

  constructor() {
    super();
    this.dismissed = false;
  }

  protected override render() {
    return this.status.render({
      pending: () => html`<span class="chip" id="isolation">checking isolation…</span>`,
      complete: (status) => this.renderStatus(status),
      error: () => html`<span class="chip" id="isolation">isolation unknown</span>`,
    });
  }

  private renderStatus(status: IsolationStatus) {
    const step = formatStep(status.timerResolutionMs);
    if (status.isolated) {
      const by = status.via === 'service-worker' ? 'service worker' : 'COOP/COEP headers';
      return html`<span class="chip" id="isolation" data-isolated="true"><span class="dot" style="background:var(--fb-good)"></span>cross-origin isolated (${by}) · timers step ${step}</span>`;
    }
    const why = html`<div class="why" role="status" id="isolation-why">
      <span>Timers are coarse (${step} instead of ~5 µs): ${status.reason}${/[.?!]$/.test(status.reason ?? '') ? '' : '.'}</span><button aria-label="Dismiss" @click=${() => (this.dismissed = true)}>×</button>
    </div>`;
    return html`<button class="chip" id="isolation" data-isolated="false" @click=${() => (this.dismissed = !this.dismissed)} title="Why are timers coarse?">
        <span class="dot" style="background:var(--fb-warn)"></span>not isolated · timers step ${step}
      </button>
      ${this.dismissed ? null : why}`;
  }
}

function formatStep(ms: number | null): string {
  if (ms === null) return 'unknown';
  return ms < 1 ? `${Math.round(ms * 1000)} µs` : `${ms.toFixed(1)} ms`;
}

customElements.define('fb-isolation', FbIsolation);

declare global {
  interface HTMLElementTagNameMap {
    'fb-isolation': FbIsolation;
  }
}
