import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { SuiteResultFile } from '../src/core/compare/index.ts';
import { SpecError } from '../src/core/spec.ts';
import { toTrace } from '../src/core/trace.ts';
import type { Suite } from '../src/core/suite.ts';
import { parseCli, UsageError, USAGE, type CliOptions } from './args.ts';
import { BrowserStartError, openBrowser } from './browser.ts';
import { suiteFromSpecs } from './comparison-suite.ts';
import { openRunner } from './page-runner.ts';
import { createProgress } from './progress.ts';
import { readResultFile } from './result-file.ts';
import { serveApp } from './server.ts';
import { DEFAULT_SUITE_PATH, loadSuite, SuiteFileError } from './suite-file.ts';
import { runSuite, type SuiteOutcome } from './suite-kinds.ts';
import { readServingSuiteFile, runServingSuiteCli } from './serve-suite.ts';
import { messageOf } from '../src/core/errors.ts';

export const EXIT = { ok: 0, regression: 1, error: 2 } as const;

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The CLI, callable from tests: returns the exit status instead of exiting. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`firstbatch: ${message}\n`);
    return EXIT.error;
  };
  let options: CliOptions;
  let suite: Suite;
  let baseline: SuiteResultFile | undefined;
  try {
    options = parseCli(argv);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const serving = options.suitePath === undefined ? null : readServingSuiteFile(options.suitePath);
    if (serving) return await runServingSuiteCli(serving, options, io);
    suite = options.specs.length > 0 ? suiteFromSpecs(options.specs, options.repetitions) : loadSuite(options.suitePath ?? DEFAULT_SUITE_PATH);
    // Read the baseline before running anything, so a bad file fails in a second, not after the suite.
    baseline = options.baselinePath === undefined ? undefined : readResultFile(options.baselinePath);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`);
    if (error instanceof SpecError || error instanceof SuiteFileError || error instanceof Error) return fail(error.message);
    throw error;
  }

  let outcome: SuiteOutcome;
  try {
    outcome = await run(suite, options, io);
  } catch (error) {
    const message = messageOf(error);
    return fail(error instanceof BrowserStartError ? message : `run failed: ${message}`);
  }

  io.stdout.write(`${outcome.table}\n`);
  let markdown = outcome.markdown;
  let regressions = 0;
  if (baseline) {
    const verdict = outcome.judge(baseline);
    if (verdict.judged === 0) return fail(`the baseline ${options.baselinePath} has none of this suite's variants (${suite.variants.map((v) => v.name).join(', ')})`);
    io.stdout.write(`\n${verdict.table}\n`);
    markdown = `${markdown}\n${verdict.markdown}`;
    regressions = verdict.regressions;
    io.stderr.write(`firstbatch: ${verdict.line}\n`);
  }
  const writeJson = (path: string, what: string): void => {
    writeFileSync(path, `${JSON.stringify(outcome.file, null, 2)}\n`);
    io.stderr.write(`firstbatch: wrote ${what} ${path}\n`);
  };
  try {
    if (options.jsonPath) writeJson(options.jsonPath, 'results');
    if (options.tracePath) {
      writeFileSync(options.tracePath, `${JSON.stringify(toTrace(outcome.results))}\n`);
      io.stderr.write(`firstbatch: wrote trace ${options.tracePath}\n`);
    }
    if (options.saveBaselinePath) writeJson(options.saveBaselinePath, 'baseline');
    if (options.markdownPath) {
      writeFileSync(options.markdownPath, markdown);
      io.stderr.write(`firstbatch: wrote summary ${options.markdownPath}\n`);
    }
  } catch (error) {
    return fail(`could not write output: ${messageOf(error)}`);
  }
  const failed = outcome.results.filter((r) => r.error);
  if (failed.length > 0) {
    return fail(`${failed.length} of ${outcome.results.length} jobs failed (first: ${failed[0]?.error?.code}: ${failed[0]?.error?.message})`);
  }
  return regressions > 0 ? EXIT.regression : EXIT.ok;
}

async function run(suite: Suite, options: CliOptions, io: Io): Promise<SuiteOutcome> {
  const server = await serveApp({ skipBuild: options.skipBuild });
  try {
    const browser = await openBrowser({ endpoint: options.browserEndpoint });
    try {
      const runner = await openRunner(browser, server.url);
      const progress = createProgress(io.stderr, 0);
      try {
        return await runSuite(suite, {
          async runJob(spec, label) {
            const result = await runner.run(spec, (event) => progress.event(label, event));
            progress.done(label, result);
            return result;
          },
          progress,
          threshold: options.threshold,
          thresholdText: options.thresholdText,
          budgetSeconds: options.budgetSeconds,
          now: Date.now,
        });
      } finally {
        await runner.close();
      }
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
