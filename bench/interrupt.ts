/**
 * Ctrl-C during a run: the first stops it cleanly (no new job starts, the running one is ended
 * by closing the browsers, the finished jobs are written out); a second one quits at once.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

export const EXIT_INTERRUPTED = 130;

/** The CLI's exit statuses (bench/main.ts, bench/report.ts, bench/ci.ts). */
export const EXIT = { ok: 0, regression: 1, error: 2, interrupted: EXIT_INTERRUPTED } as const;

export function onInterrupt(stop: () => void, stderr: NodeJS.WritableStream): Interrupt {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) {
      stderr.write('\nfirstbatch: interrupted again: quitting without writing\n');
      process.exit(EXIT_INTERRUPTED);
    }
    stderr.write('\nfirstbatch: interrupted: stopping the run and keeping the finished jobs (Ctrl-C again quits at once)\n');
    controller.abort();
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
