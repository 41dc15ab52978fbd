/** `firstbatch server` as its own process (to kill it, to restart it), through the installed command. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/firstbatch.mjs', import.meta.url));

export interface ChildServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts the command; resolves when it says where it listens, rejects with its stderr when it exits first. */
export function startChildServer(args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, [BIN, 'server', '--no-app', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /store at (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, process: child, exited, stderr: () => err });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`firstbatch server exited (${code ?? signal}) before listening: ${err}`)));
  });
}
