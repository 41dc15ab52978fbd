/**
 * The step-scale calibration (bench/suites/calibration-interleaved.json): every arm's interleaved
 * comparison `trials` times, round-robin over the arms, one JSON line per finished trial in --out
 * (a stopped run resumes where it left off with --resume), then the table of verdicts, false calls,
 * power and time to a verdict. --report prints the table of an --out file without running.
 *
 *   npx tsx bench/interleaved-calibration.ts [--suite bench/suites/calibration-interleaved.json] [--out calibration-interleaved.jsonl] [--resume] [--trials N] [--report]
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  formatCalibration, parseInterleavedCalibration, summarizeCalibration, trialSuite,
  type CalibrationTrial, type InterleavedCalibration,
} from '../src/core/compare/step-scale-calibration.ts';
import { formatRelative } from '../src/core/compare/step-scale-report.ts';
import { runInterleaved, type StepScaleContext } from '../src/core/runner/interleaved.ts';
import { TOOL_VERSION } from './result-file.ts';
import { openSession, type BenchSession } from './session.ts';

const OPTIONS = {
  suite: { type: 'string', default: 'bench/suites/calibration-interleaved.json' },
  out: { type: 'string', default: 'calibration-interleaved.jsonl' },
  trials: { type: 'string' },
  resume: { type: 'boolean', default: false },
  report: { type: 'boolean', default: false },
} as const;

function readTrials(path: string): CalibrationTrial[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as CalibrationTrial);
}

/** The interleaved run's platform: the session's fresh context per job, quiet (each trial prints one line). */
function contextOf(session: BenchSession): StepScaleContext {
  return {
    runJob: (spec) => session.runJob(spec),
    now: () => performance.now(),
    progress: { setTotal: () => undefined, note: () => undefined, finish: () => undefined },
    toolVersion: TOOL_VERSION,
  };
}

async function runTrials(calibration: InterleavedCalibration, out: string, done: readonly CalibrationTrial[]): Promise<void> {
  const finished = new Set(done.map((t) => `${t.arm}#${t.trial}`));
  const session = await openSession();
  try {
    for (let trial = 0; trial < calibration.trials; trial++) {
      for (const arm of calibration.arms) {
        if (finished.has(`${arm.name}#${trial}`)) continue;
        const { report, results } = await runInterleaved(trialSuite(arm, trial), contextOf(session));
        const failed = results.find((r) => r.error);
        if (report.stop === 'job failed' || report.relative === null) throw new Error(`trial ${trial + 1} ${arm.name}: a job failed: ${failed?.error?.code ?? 'job-failed'}: ${failed?.error?.message ?? 'no steps measured'}`);
        const record: CalibrationTrial = {
          arm: arm.name, trial, verdict: report.verdict, gateFails: report.regression,
          jobs: report.values.length, elapsedMs: report.elapsedMs, relative: report.relative, loadAverage1m: loadavg()[0]!,
        };
        appendFileSync(out, `${JSON.stringify(record)}\n`);
        console.log(`trial ${trial + 1} ${arm.name}: ${report.verdict} after ${record.jobs} jobs, ${(report.elapsedMs / 1000).toFixed(0)} s, ` +
          `B / A ${formatRelative(report.relative)} (load ${record.loadAverage1m.toFixed(2)})`);
      }
    }
  } finally {
    await session.close();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: OPTIONS });
  const parsed = parseInterleavedCalibration(JSON.parse(readFileSync(values.suite, 'utf8')));
  const calibration = values.trials === undefined ? parsed : { ...parsed, trials: Number(values.trials) };
  if (!values.report) {
    const done = values.resume ? readTrials(values.out) : [];
    if (!values.resume) writeFileSync(values.out, '');
    console.log(`${calibration.name}: ${calibration.arms.length} arms × ${calibration.trials} trials, round-robin; trials in ${values.out}`);
    await runTrials(calibration, values.out, done);
  }
  const trials = readTrials(values.out);
  const loads = trials.map((t) => t.loadAverage1m);
  console.log(`\n${formatCalibration(summarizeCalibration(calibration, trials))}`);
  if (loads.length > 0) console.log(`\nload average (1 min) at the end of each trial: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(`interleaved-calibration: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
