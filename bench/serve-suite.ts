/**
 * The CLI for serving suites (kinds server, single-stream, offline, cold, multistage, canary,
 * drift): runs the suite in the app's page, prints a Markdown summary, writes versioned JSON.
 * Exit status: 0 ok; 1 when the suite finds what it guards against (a canary that must roll
 * back, a drift alarm, no rate meeting the latency target); 2 on errors.
 *
 *   npx tsx bench/serve-suite.ts bench/suites/serving-canary-slower.json [--json out.json] [--markdown out.md] [--no-build]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { formatServingMarkdown, SERVING_SUITE_KINDS, servingFailure, servingSuiteSchema, type ServingReport, type ServingSuite } from '../src/core/serving/index.ts';
import { describeIssues, SpecError } from '../src/core/spec.ts';
import { openBrowser } from './browser.ts';
import { serveApp } from './server.ts';
import { runServingInPage } from './serve-run.ts';
import { messageOf } from '../src/core/errors.ts';

export const SERVING_RESULT_SCHEMA_VERSION = 1;

export interface ServingCliOptions {
  readonly jsonPath?: string | undefined;
  readonly markdownPath?: string | undefined;
  readonly skipBuild?: boolean;
  readonly browserEndpoint?: string | undefined;
}

interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Parses a serving suite from untrusted JSON, naming every bad field. */
export function parseServingSuite(input: unknown): ServingSuite {
  const parsed = servingSuiteSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('serving suite', describeIssues(parsed.error, input));
  return parsed.data;
}

/**
 * The serving suite in a suite file, or null when the file holds another kind (the comparison
 * suites run through the job runner). A serving kind with a bad field throws, naming it.
 */
export function readServingSuiteFile(path: string): ServingSuite | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null; // the suite loader reports unreadable files
  }
  const kind = typeof json === 'object' && json !== null && 'kind' in json ? json.kind : undefined;
  if (!(SERVING_SUITE_KINDS as readonly unknown[]).includes(kind)) return null;
  try {
    return parseServingSuite(json);
  } catch (error) {
    throw new SpecError(`suite ${path}`, [messageOf(error)]);
  }
}

/** The versioned results file of a serving suite. */
export function toServingResultFile(report: ServingReport): Record<string, unknown> {
  return { schemaVersion: SERVING_RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch' }, kind: report.kind, report };
}

/** Runs one parsed serving suite; returns the exit status. */
export async function runServingSuiteCli(suite: ServingSuite, options: ServingCliOptions, io: Io = process): Promise<number> {
  let report: ServingReport;
  const startedMs = Date.now();
  try {
    const server = await serveApp({ skipBuild: options.skipBuild ?? false });
    try {
      const browser = await openBrowser({ endpoint: options.browserEndpoint });
      try {
        report = await runServingInPage(browser, server.url, suite, (line) =>
          io.stderr.write(`[${((Date.now() - startedMs) / 1000).toFixed(1)} s] ${line}\n`));
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
  } catch (error) {
    io.stderr.write(`firstbatch: serving suite failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return 2;
  }
  const markdown = formatServingMarkdown(report);
  io.stdout.write(`${markdown}\n`);
  if (options.jsonPath) writeFileSync(options.jsonPath, `${JSON.stringify(toServingResultFile(report), null, 1)}\n`);
  if (options.markdownPath) writeFileSync(options.markdownPath, `${markdown}\n`);
  const failure = servingFailure(report);
  if (failure) {
    io.stderr.write(`firstbatch: ${failure}\n`);
    return 1;
  }
  return 0;
}

/** `serve-suite.ts FILE [--json PATH] [--markdown PATH] [--no-build] [--browser-endpoint URL]` */
export async function serveMain(argv: readonly string[], io: Io = process): Promise<number> {
  let suite: ServingSuite;
  let values;
  try {
    const parsed = parseArgs({
      args: [...argv], allowPositionals: true,
      options: { json: { type: 'string' }, markdown: { type: 'string' }, 'no-build': { type: 'boolean' }, 'browser-endpoint': { type: 'string' } },
    });
    values = parsed.values;
    const file = parsed.positionals[0];
    if (!file) throw new SpecError('arguments', ['name a serving suite file, e.g. bench/suites/serving-server-ranker.json']);
    suite = parseServingSuite(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    io.stderr.write(`firstbatch: ${messageOf(error)}\n`);
    return 2;
  }
  return runServingSuiteCli(suite, {
    jsonPath: values.json, markdownPath: values.markdown, skipBuild: values['no-build'] ?? false, browserEndpoint: values['browser-endpoint'],
  }, io);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  serveMain(process.argv.slice(2)).then((code) => process.exit(code));
}
