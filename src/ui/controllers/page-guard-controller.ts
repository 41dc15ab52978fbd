import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Guards a page that is measuring: leaving or reloading it asks first while `busy()` holds
 * (`beforeunload`), and every change of the tab's visibility is reported (browsers throttle
 * timers in hidden tabs, so what ran then is suspect).
 */
export class PageGuardController implements ReactiveController {
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.options.busy()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  private readonly onVisibility = (): void => this.options.visibility(document.visibilityState === 'hidden');

  constructor(
    host: ReactiveControllerHost,
    private readonly options: { busy: () => boolean; visibility: (hidden: boolean) => void },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.onBeforeUnload);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}
