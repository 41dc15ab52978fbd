import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ServingRun } from '../../core/share/serving-run.ts';
import type { ServingSuite } from '../../core/serving/index.ts';
import { messageOf } from '../../core/errors.ts';

/**
 * Owns a serving run: its workers live inside the page's serving host (src/client/serve.ts),
 * loaded with the first run, and end with the run — or at once on Cancel or when the host leaves
 * the page. Keeps the progress lines with their times for the view.
 */
export class ServingController implements ReactiveController {
  running = false;
  lines: { atMs: number; text: string }[] = [];
  error: string | null = null;
  cancelled = false;
  startedMs = 0;
  hiddenMs = 0;
  private hiddenSinceMs: number | null = null;
  private abort: AbortController | null = null;
  private readonly onVisibility = (): void => {
    const now = performance.now();
    if (document.visibilityState === 'hidden' && this.running) this.hiddenSinceMs ??= now;
    else if (this.hiddenSinceMs !== null) {
      this.hiddenMs += now - this.hiddenSinceMs;
      this.hiddenSinceMs = null;
    }
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.cancel();
  }

  /** Runs a parsed suite; resolves with the run, or null when it failed or was cancelled (the reason in `error`). */
  async run(suite: ServingSuite, title: string): Promise<ServingRun | null> {
    if (this.running) return null;
    this.running = true;
    this.cancelled = false;
    this.error = null;
    this.lines = [];
    this.hiddenMs = 0;
    this.hiddenSinceMs = document.visibilityState === 'hidden' ? performance.now() : null;
    this.startedMs = performance.now();
    const createdAt = new Date().toISOString();
    this.abort = new AbortController();
    this.host.requestUpdate();
    try {
      const { runServingSuite } = await import('../../client/serve.ts');
      const report = await runServingSuite(suite, {
        signal: this.abort.signal,
        onProgress: (text) => {
          this.lines = [...this.lines, { atMs: performance.now() - this.startedMs, text }];
          this.host.requestUpdate();
        },
      });
      return { title, createdAt, report };
    } catch (error) {
      if (this.abort?.signal.aborted) this.cancelled = true;
      else this.error = messageOf(error);
      return null;
    } finally {
      if (this.hiddenSinceMs !== null) this.hiddenMs += performance.now() - this.hiddenSinceMs;
      this.hiddenSinceMs = null;
      this.running = false;
      this.abort = null;
      this.host.requestUpdate();
    }
  }

  /** Terminates the run's workers; what it measured so far is not a report, so nothing is kept. */
  cancel(): void {
    this.abort?.abort();
  }
}
