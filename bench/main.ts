import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatResultsTable } from '../src/core/format.ts';
import type { JobResult } from '../src/core/result.ts';
import { SpecError, type JobSpec } from '../src/core/spec.ts';
import { parseCli, UsageError, USAGE } from './args.ts';
import { BrowserStartError, openBrowser } from './browser.ts';
import { openRunner } from './page-runner.ts';
import { createProgress } from './progress.ts';
import { toResultFile } from './result-file.ts';
import { serveApp } from './server.ts';

export const EXIT = { ok: 0, regression: 1, error: 2 } as const;

export interface Io {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** The CLI, callable from tests: returns the exit status instead of exiting. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SpecError) {
      io.stderr.write(`firstbatch: ${error.message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
      return EXIT.error;
    }
    throw error;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  let results: JobResult[];
  try {
    results = await runSpecs(options.specs, options, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`firstbatch: ${error instanceof BrowserStartError ? message : `run failed: ${message}`}\n`);
    return EXIT.error;
  }
  io.stdout.write(`${formatResultsTable(results)}\n`);
  if (options.jsonPath) {
    writeFileSync(options.jsonPath, `${JSON.stringify(toResultFile(results), null, 2)}\n`);
    io.stderr.write(`firstbatch: wrote ${options.jsonPath}\n`);
  }
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) {
    io.stderr.write(`firstbatch: ${failed.length} of ${results.length} jobs failed (first: ${failed[0]?.error?.code}: ${failed[0]?.error?.message})\n`);
    return EXIT.error;
  }
  return EXIT.ok;
}

async function runSpecs(
  specs: readonly JobSpec[],
  options: { skipBuild: boolean; browserEndpoint: string | undefined },
  io: Io,
): Promise<JobResult[]> {
  const server = await serveApp({ skipBuild: options.skipBuild });
  try {
    const browser = await openBrowser({ endpoint: options.browserEndpoint });
    try {
      const runner = await openRunner(browser, server.url);
      const progress = createProgress(io.stderr, specs.length);
      const results: JobResult[] = [];
      for (const [index, spec] of specs.entries()) {
        const result = await runner.run(spec, (event) => progress.event(index, spec, event));
        progress.done(index, result);
        results.push(result);
      }
      await runner.close();
      return results;
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
