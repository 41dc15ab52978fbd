/**
 * Turns a results file of repeated runs into the noise fixture of the change-point benchmark:
 * for each backend × metric (TTFB, step median, serving p50), every job's residual
 * value / median of that backend's jobs − 1, in run order.
 *
 *   npx tsx bench/changepoint-residuals.ts RESULTS.json bench/fixtures/run-residuals.json "how it was run"
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { median } from '../src/core/stats/index.ts';
import { readResultFile } from './result-file.ts';

const METRICS = {
  ttfbMs: (job: Job) => job.ttfb?.totalMs ?? null,
  stepMedianMs: (job: Job) => job.steps?.medianMs ?? null,
  servingP50Ms: (job: Job) => job.serving?.p50Ms ?? null,
} as const;
type Job = ReturnType<typeof readResultFile>['results'][number];

function main(): void {
  const [input, output, how] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    throw new Error('usage: tsx bench/changepoint-residuals.ts RESULTS.json OUT.json ["command it was made with"]');
  }
  const file = readResultFile(input);
  const jobs = file.results.filter((job) => job.error === null || job.error === undefined);
  const backends = [...new Set(jobs.map((job) => job.spec.backend))];
  const pools: { backend: string; metric: string; medianValue: number; residuals: number[] }[] = [];
  for (const backend of backends) {
    const ofBackend = jobs.filter((job) => job.spec.backend === backend);
    for (const [metric, read] of Object.entries(METRICS)) {
      const values = ofBackend.map(read).filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
      if (values.length < 3) continue;
      const medianValue = median(values);
      pools.push({ backend, metric, medianValue, residuals: values.map((v) => Number((v / medianValue - 1).toFixed(6))) });
    }
  }
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').trim();
  const webgpu = jobs.find((job) => job.env?.adapter);
  const device = webgpu?.env?.adapter ?? null;
  const fixture = {
    about:
      'Residuals (value / median of the backend − 1) of real repeated runs, one per job, in run order; ' +
      'the change-point benchmark (bench/changepoints.ts) resamples them as the noise of synthetic series.',
    made: { command: how ?? null, resultsDate: jobs[0]?.env?.date ?? null, jobs: jobs.length, loadAverageAtExtraction: loadAverage, userAgent: jobs[0]?.env?.userAgent ?? null, webgpuAdapter: device, softwareRenderer: webgpu?.env?.softwareRenderer ?? null },
    pools,
  };
  writeFileSync(output, `${JSON.stringify(fixture, null, 1)}\n`);
  for (const pool of pools) console.log(`${pool.backend} ${pool.metric}: ${pool.residuals.length} jobs, median ${pool.medianValue.toFixed(3)}`);
}

main();
