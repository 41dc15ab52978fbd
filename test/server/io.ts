/** Captured standard output and error for calling the CLI's main in a test. */
import { Writable } from 'node:stream';

export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk: Buffer | string, _encoding, done) => (into.push(String(chunk)), done()) });
  return { stdout: sink(out), stderr: sink(err), stdoutText: () => out.join(''), stderrText: () => err.join('') };
}
