/**
 * The TTFB lab: runs a comparison suite's variants interleaved (one job of
 * each per round, in fresh browser contexts) until every TTFB difference
 * against the baseline is resolved or the suite's budget ends, then prints
 * what each knob saved and the recommended configuration.
 *
 *   npx tsx bench/lab.ts bench/suites/ttfb-lab.json [--out lab.json] [--no-build] [--md lab.md]
 *   npx tsx bench/lab.ts --from lab.json           (summary of a saved run)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build, preview } from 'vite';
import { compareVariants, comparisonSuiteSchema, parseThreshold, type ComparisonSuite } from '../src/core/compare/index.ts';
import { formatLabMarkdown, formatLabTable, labGroups, parseLabRun, summarizeLab, type LabRun } from '../src/core/lab.ts';
import type { JobResult } from '../src/core/result.ts';
import { parseJobSpec } from '../src/core/spec.ts';
import { openBrowser } from './browser.ts';
import { openRunner } from './page-runner.ts';
import { PROJECT_ROOT } from './server.ts';
import { messageOf } from '../src/core/errors.ts';

/** Its own build folder, so a rebuild of dist/ elsewhere cannot pull files from under a long run. */
const LAB_OUT_DIR = '.bench-out/lab-dist';

export async function runLab(suite: ComparisonSuite, options: { skipBuild: boolean; onRound?: (run: LabRun) => void }): Promise<LabRun> {
  if (!options.skipBuild) await build({ root: PROJECT_ROOT, logLevel: 'error', build: { outDir: LAB_OUT_DIR } });
  const server = await preview({ root: PROJECT_ROOT, logLevel: 'warn', build: { outDir: LAB_OUT_DIR }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  const browser = await openBrowser();
  const run: LabRun = { suite, startedAt: new Date().toISOString(), rounds: 0, jobs: [] };
  try {
    const runner = await openRunner(browser, url);
    const startedMs = Date.now();
    const budgetMs = (suite.budgetSeconds ?? Number.POSITIVE_INFINITY) * 1000;
    const threshold = parseThreshold(suite.threshold);
    for (;;) {
      for (const variant of suite.variants) {
        const spec = parseJobSpec({ ...suite.base, ...variant.spec });
        const result: JobResult = await runner.run(spec);
        run.jobs.push({ variant: variant.name, round: run.rounds, result });
      }
      run.rounds++;
      options.onRound?.(run);
      if (run.rounds < suite.repetitions) continue;
      const comparison = compareVariants(labGroups(run), { metrics: ['ttfb.totalMs'], baseline: suite.baseline, threshold });
      if (comparison.resolved || Date.now() - startedMs > budgetMs) break;
    }
    return run;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function cli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, md: { type: 'string' }, from: { type: 'string' }, 'no-build': { type: 'boolean' } },
    allowPositionals: true,
  });
  const runs: LabRun[] = [];
  if (values.from) {
    runs.push(parseLabRun(JSON.parse(readFileSync(values.from, 'utf8'))));
  } else {
    for (const path of positionals) {
      const suite = comparisonSuiteSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      const out = values.out ?? `.bench-out/${suite.name}.json`;
      const run = await runLab(suite, {
        skipBuild: values['no-build'] === true || runs.length > 0,
        onRound: (partial) => {
          writeFileSync(out, JSON.stringify(partial));
          process.stderr.write(`${suite.name}: round ${partial.rounds} done (${partial.jobs.filter((j) => j.result.error).length} failed jobs so far)\n`);
        },
      });
      runs.push(run);
    }
  }
  for (const run of runs) {
    const summary = summarizeLab(run);
    process.stdout.write(`${formatLabTable(summary)}\n`);
    if (values.md) writeFileSync(values.md, formatLabMarkdown(summary));
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`lab: ${messageOf(error)}\n`);
    process.exit(2);
  });
}
