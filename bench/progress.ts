import { assertNever } from '../src/core/assert.ts';
import { formatMs } from '../src/core/format.ts';
import type { JobResult } from '../src/core/result.ts';
import type { JobProgress } from '../src/core/page-api.ts';
import type { RunProgress } from '../src/core/runner/index.ts';

const BAR_WIDTH = 20;

/** The runner's progress (job count shown as "12+" while auto-sampling may add rounds, notes, finish) and each job's own. */
export interface Progress extends RunProgress {
  event(label: string, event: JobProgress): void;
  done(label: string, result: JobResult): void;
}

/**
 * Progress on stderr. On a terminal: one rewritten line with a bar, the job count, the ETA and
 * the running job's latest phase. Otherwise (CI logs): plain lines, one per finished job.
 */
export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, jobCount: number, now: () => number = Date.now): Progress {
  const tty = stream.isTTY === true;
  const started = now();
  let total = jobCount;
  let more = false;
  let finished = 0;
  const count = (): string => `${Math.min(finished + 1, Math.max(total, finished + 1))}/${total}${more ? '+' : ''}`;
  const eta = (): string => {
    if (finished === 0) return '';
    const perJobMs = (now() - started) / finished;
    return ` · ETA ${formatDuration(perJobMs * Math.max(0, total - finished))}${more ? '+' : ''}`;
  };
  const bar = (): string => {
    const filled = total > 0 ? Math.round((BAR_WIDTH * finished) / total) : 0;
    return `[${'█'.repeat(Math.min(filled, BAR_WIDTH))}${'░'.repeat(Math.max(0, BAR_WIDTH - filled))}]`;
  };
  const live = (label: string, detail: string): void => {
    if (tty) stream.write(`\r\x1b[2K${bar()} ${count()} jobs${eta()} · ${label}: ${detail}`);
  };
  const line = (text: string): void => {
    stream.write(tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
  };
  return {
    setTotal(jobs, moreToCome) {
      total = jobs;
      more = moreToCome;
    },
    event(label, event) {
      switch (event.kind) {
        case 'phase':
          live(label, `${event.phase} done`);
          return;
        case 'steps':
          live(label, `step ${event.first + event.ms.length}/${event.total} ${formatMs(event.ms.at(-1) ?? Number.NaN)}`);
          return;
        case 'queries':
          live(label, `query ${event.first + event.ms.length}/${event.total} ${formatMs(event.ms.at(-1) ?? Number.NaN)}`);
          return;
        default:
          assertNever(event, 'progress event');
      }
    },
    done(label, result) {
      const position = `[${finished + 1}/${total}${more ? '+' : ''}]`;
      finished++;
      const outcome = result.error
        ? `FAILED ${result.error.code}: ${result.error.message}`
        : `TTFB ${formatMs(result.ttfb?.totalMs)}, step p50 ${formatMs(result.steps?.medianMs)}`;
      line(`${position} ${label}: ${outcome} (${formatMs(result.wallMs)})${eta()}`);
    },
    note(text) {
      line(text);
    },
    finish() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}

/** "1m05s", "42s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}
