import { formatMs, jobLabel } from '../src/core/format.ts';
import type { JobResult } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import type { PlanProgress } from '../src/client/run-plan.ts';

/**
 * Progress on stderr: one rewritten line per job on a terminal, plain lines
 * (one per phase and one per finished job) otherwise, so CI logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream, jobCount: number) {
  const tty = stream.isTTY === true;
  const started = Date.now();
  let finished = 0;
  const prefix = (index: number, spec: JobSpec): string => `[${index + 1}/${jobCount}] ${jobLabel(spec)}`;
  const eta = (): string => {
    if (finished === 0) return '';
    const perJobMs = (Date.now() - started) / finished;
    return ` · ETA ${formatMs(perJobMs * (jobCount - finished))}`;
  };
  const write = (line: string, final: boolean): void => {
    if (tty) stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else if (final || !line.endsWith('…')) stream.write(`${line}\n`);
  };
  return {
    event(index: number, spec: JobSpec, event: PlanProgress['event']): void {
      switch (event.kind) {
        case 'phase':
          write(`${prefix(index, spec)}: ${event.phase} done`, false);
          return;
        case 'step':
          if (tty || event.index === event.total - 1) write(`${prefix(index, spec)}: step ${event.index + 1}/${event.total} ${formatMs(event.ms)}`, false);
          return;
        case 'serving':
          if (tty || event.index === event.total - 1) write(`${prefix(index, spec)}: query ${event.index + 1}/${event.total} ${formatMs(event.ms)}`, false);
          return;
        case 'done':
          return;
      }
    },
    done(index: number, result: JobResult): void {
      finished++;
      const outcome = result.error ? `FAILED ${result.error.code}: ${result.error.message}` : `TTFB ${formatMs(result.ttfb?.totalMs)}, step p50 ${formatMs(result.steps?.medianMs)}`;
      write(`${prefix(index, result.spec)}: ${outcome} (${formatMs(result.wallMs)})${eta()}`, true);
    },
  };
}
