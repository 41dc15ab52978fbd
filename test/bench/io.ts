import { Writable } from 'node:stream';

/** Captures what main() writes to stdout and stderr. */
export function captureIo(): { io: { stdout: Writable; stderr: Writable }; stdout(): string; stderr(): string } {
  const chunks = { stdout: [] as string[], stderr: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        into.push(String(chunk));
        callback();
      },
    });
  return { io: { stdout: sink(chunks.stdout), stderr: sink(chunks.stderr) }, stdout: () => chunks.stdout.join(''), stderr: () => chunks.stderr.join('') };
}
