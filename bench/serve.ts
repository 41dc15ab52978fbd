/** `firstbatch serve`: the built app, cross-origin isolated (COOP/COEP), on 127.0.0.1 by default. */
import { parseArgs } from 'node:util';
import { messageOf } from '../src/core/errors.ts';
import { LOCAL_APP_URL } from './app-url.ts';
import { serveApp } from './server.ts';

const SERVE_USAGE = `usage: firstbatch serve [--port N] [--host ADDRESS] [--no-build]

  --port N          port to listen on (default ${new URL(LOCAL_APP_URL).port}: where share links point until an app URL is set)
  --host ADDRESS    address to listen on (default 127.0.0.1; 0.0.0.0 serves every interface)
  --no-build        serve the existing build (dist/) instead of building first

The app is built for the base path of FIRSTBATCH_APP_URL (default /) and served with
Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, so its
timers step in ~5 µs. Ctrl-C stops it.`;

export interface ServeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the server should stop (Ctrl-C by default). */
  readonly stopped?: Promise<void>;
}

export async function main(argv: readonly string[], io: ServeIo = process): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, host: { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`firstbatch serve: ${messageOf(error)}\n${SERVE_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  const portText = values.port ?? new URL(LOCAL_APP_URL).port;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.stderr.write(`firstbatch serve: --port must be an integer from 0 to 65535, got ${JSON.stringify(portText)}\n`);
    return 2;
  }
  let server;
  try {
    server = await serveApp({ skipBuild: values['no-build'] === true, host: values.host ?? '127.0.0.1', port });
  } catch (error) {
    io.stderr.write(`firstbatch serve: could not serve the app: ${messageOf(error).split('\n')[0]}\n`);
    return 2;
  }
  io.stdout.write(`firstbatch: serving ${server.url} (cross-origin isolated: COOP same-origin, COEP require-corp); Ctrl-C stops\n`);
  await (io.stopped ?? new Promise<void>((resolve) => process.once('SIGINT', () => resolve())));
  await server.close();
  return 0;
}
