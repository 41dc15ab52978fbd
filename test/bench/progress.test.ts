import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../bench/progress.ts';
import { fakeResult } from '../core/compare/fixtures.ts';

function stream(tty: boolean) {
  const chunks: string[] = [];
  const out = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    }),
    { isTTY: tty },
  );
  return { out, text: () => chunks.join('') };
}

describe('progress', () => {
  it('on a terminal: a rewritten line with a bar, the job count and the ETA', () => {
    let now = 0;
    const { out, text } = stream(true);
    const progress = createProgress(out, 4, () => now);
    now = 10_000;
    progress.done('a #1', fakeResult({ ttfbMs: 1000, stepMs: 50 }));
    progress.event('b #1', { kind: 'steps', first: 1, total: 10, ms: [48, 51], loss: [0.5, 0.4] });
    expect(text()).toContain('\r\x1b[2K');
    expect(text()).toMatch(/\[█████░+\] 2\/4 jobs · ETA 30s · b #1: step 3\/10 51\.0 ms/);
  });

  it('elsewhere (CI logs): plain lines, one per finished job, with "+" while auto-sampling may add jobs', () => {
    let now = 0;
    const { out, text } = stream(false);
    const progress = createProgress(out, 2, () => now);
    progress.setTotal(2, true);
    progress.event('a #1', { kind: 'steps', first: 1, total: 10, ms: [48, 51], loss: [0.5, 0.4] });
    now = 5000;
    progress.done('a #1', fakeResult({ ttfbMs: 1000, stepMs: 50 }));
    expect(text()).toBe('[1/2+] a #1: TTFB 1.00 s, step p50 50.0 ms (1.10 s) · ETA 5s+\n');
  });

  it.each([
    [42_000, '42s'],
    [65_000, '1m05s'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
