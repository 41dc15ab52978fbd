#!/usr/bin/env node
// `firstbatch`: the installable command. Plain Node up to the set-up (which may have to install
// dependencies first), then the TypeScript commands run in this same process through tsx, so
// Ctrl-C reaches the command itself (it ends a suite cleanly and keeps what finished).
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SetupError, setUp } from '../bench/setup.mjs';

const COMMANDS = {
  bench: { module: '../bench/main.ts', browser: true, what: 'run a suite or job flags in headless Chromium (firstbatch bench --help)' },
  serve: { module: '../bench/serve.ts', browser: false, what: 'serve the built app, cross-origin isolated, on 127.0.0.1 (firstbatch serve --help)' },
  server: { module: '../server/main.ts', browser: false, what: 'the results store: its API, the app, PGlite or PostgreSQL (firstbatch server --help)' },
  ci: { module: '../bench/ci.ts', browser: true, what: 'the CI recipe: side-by-side gate, step summary, one pull-request comment (firstbatch ci --help)' },
};

export const USAGE = `usage: firstbatch <command> [options]

${Object.entries(COMMANDS)
  .map(([name, { what }]) => `  ${name.padEnd(8)}${what}`)
  .join('\n')}
  --version  print the version

Exit status: 0 ok, 1 a regression (bench, ci), 2 an error.`;

export function version() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return `${pkg.name} ${pkg.version}`;
}

/** Runs one command; resolves with its exit status. */
export async function launch(argv) {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`firstbatch: unknown command ${JSON.stringify(name)}\n${USAGE}\n`);
    return 2;
  }
  const helpOnly = rest.includes('--help') || rest.includes('-h');
  try {
    setUp({ quiet: true, browser: command.browser && !helpOnly });
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    process.stderr.write(`firstbatch: ${error.message}\n`);
    return 2;
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(new URL(command.module, import.meta.url).href);
  return main(rest);
}

// Run when invoked as the command (npm links bin/firstbatch.mjs as node_modules/.bin/firstbatch), not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  launch(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`firstbatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
