/**
 * Under the browser project's testTimeout (300 s, vitest.config.ts), so the named error is what a
 * stuck wait reports, yet far longer than any of these waits takes on a busy machine.
 */
export const UNTIL_TIMEOUT_MS = 240_000;

/**
 * Polls `condition` every 100 ms until it holds; past `timeoutMs` it throws naming `what`, so a
 * wait that never ends fails with its reason instead of hanging past the test's own timeout.
 */
export async function until(condition: () => boolean, { timeoutMs, what }: { timeoutMs: number; what: string }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
