import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSuiteSchema, SUITE_SCHEMA_PATH } from '../../bench/suite-schema.ts';
import { SpecError } from '../../src/core/spec.ts';
import { parseSuite, resolveCalibration, resolveVariants, SUITE_KIND_SCHEMAS, suiteFileSchema, type Suite } from '../../src/core/suite.ts';
import { SERVING_SUITE_KINDS } from '../../src/core/serving/index.ts';
import { parseInterleavedSuite } from '../../src/core/compare/step-scale.ts';
import { parseInterleavedCalibration } from '../../src/core/compare/step-scale-calibration.ts';

const suitesDir = new URL('../../bench/suites/', import.meta.url);
const kindOf = (f: string): unknown => (JSON.parse(readFileSync(new URL(f, suitesDir), 'utf8')) as { kind?: unknown }).kind;
/** Interleaved suites (both models in one worker) are a kind of the suite runner. */
const interleavedFiles = readdirSync(suitesDir).filter((f) => f.endsWith('.json') && kindOf(f) === 'interleaved');
/** The step-scale calibration runs through bench/interleaved-calibration.ts. */
const calibrationFiles = readdirSync(suitesDir).filter((f) => f.endsWith('.json') && kindOf(f) === 'interleaved-calibration');
const runnerFiles = readdirSync(suitesDir).filter((f) => f.endsWith('.json') && !calibrationFiles.includes(f));

describe('suite files', () => {
  it('the committed bench/suite.schema.json is the one the schema generates (else run `npm run suite-schema`)', () => {
    expect(readFileSync(SUITE_SCHEMA_PATH, 'utf8'), 'bench/suite.schema.json is stale: run `npm run suite-schema`').toBe(renderSuiteSchema());
  });

  // The job kinds' files are checked here; the serving kinds' files by the serving tests.
  const known = new Set<string>(SUITE_KIND_SCHEMAS.map((schema) => schema.shape.kind.value));
  const files = readdirSync(suitesDir).filter((f) => {
    if (!f.endsWith('.json')) return false;
    const kind: unknown = (JSON.parse(readFileSync(new URL(f, suitesDir), 'utf8')) as { kind?: unknown }).kind;
    return typeof kind === 'string' && known.has(kind);
  });
  it('every shipped job suite is among the suites checked', () => {
    expect(files).toEqual(expect.arrayContaining(['default.json', 'ci.json', 'ttfb-lab.json', 'ttfb-lab-transformer.json', 'calibration.json', 'regression-2pct.json', 'aa-2pct.json']));
  });
  it.each(files)('bench/suites/%s is a valid suite', (file) => {
    const suite = parseSuite(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8')));
    const specCount =
      suite.kind === 'calibration' ? Object.keys(resolveCalibration(suite)).length : suite.kind === 'interleaved' ? 1 : resolveVariants(variantsOf(suite)).length;
    expect(specCount).toBeGreaterThan(0);
  });

  it('the TTFB labs are of kind lab, judged against their cold default', () => {
    for (const file of ['ttfb-lab.json', 'ttfb-lab-transformer.json']) {
      const suite = parseSuite(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8')));
      expect(suite.kind, file).toBe('lab');
      expect(suite.kind === 'lab' && suite.baseline, file).toBe('cold');
    }
  });

  it('calibration.json compares an mlp 320 wide with one 352 wide, packed matmul, on webgpu', () => {
    const suite = parseSuite(JSON.parse(readFileSync(new URL('calibration.json', suitesDir), 'utf8')));
    if (suite.kind !== 'calibration') throw new Error(`calibration.json is of kind ${suite.kind}`);
    const { a, b } = resolveCalibration(suite);
    expect([a.workload, a.backend, a.width, a.batchSize, a.steps, a.servingQueries, a.profileSteps, a.flags]).toEqual(['mlp', 'webgpu', 320, 64, 20, 0, 0, { WEBGPU_MATMUL_PROGRAM_TYPE: 3 }]);
    expect({ ...b, width: 320 }).toEqual(a);
    expect(b.width).toBe(352);
    expect([suite.aa, suite.ab, suite.metric, suite.threshold, suite.budgetSeconds, suite.repetitions]).toEqual([20, 10, 'steps.medianMs', '10%', 300, 3]);
  });

  it('every shipped serving suite parses as a suite too (one parser for every kind)', () => {
    const serving = runnerFiles.filter((f) => !files.includes(f));
    expect(serving.length).toBeGreaterThan(0);
    for (const file of serving) expect(SERVING_SUITE_KINDS, file).toContain(parseSuite(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8'))).kind);
  });

  it.each(runnerFiles)('bench/suites/%s matches the published schema', (file) => {
    const parsed = suiteFileSchema.safeParse(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8')));
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it.each(interleavedFiles)('bench/suites/%s is a valid interleaved suite', (file) => {
    const suite = parseInterleavedSuite(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8')));
    expect(suite.spec.job).toMatch(/^\.\/examples\/interleaved\//);
  });

  it('ships the step-scale calibration: A/A and real 2, 5 and 10% slowdowns, each a valid interleaved suite', () => {
    expect(calibrationFiles).toEqual(['calibration-interleaved.json']);
    const calibration = parseInterleavedCalibration(JSON.parse(readFileSync(new URL('calibration-interleaved.json', suitesDir), 'utf8')));
    expect(calibration.arms.map((arm) => [arm.expect, arm.suite.spec.job])).toEqual([
      ['same', './examples/interleaved/aa.js'],
      ['slower', './examples/interleaved/wider-2pct.js'],
      ['slower', './examples/interleaved/wider-5pct.js'],
      ['slower', './examples/interleaved/wider-10pct.js'],
    ]);
    expect(calibration.trials).toBeGreaterThanOrEqual(20);
    for (const arm of calibration.arms) expect(existsSync(new URL(`../../${arm.suite.spec.job}`, import.meta.url)), arm.suite.spec.job).toBe(true);
  });

  it('an interleaved suite names a bad field and its allowed values, read alone or as a suite of the runner', () => {
    const bad = { kind: 'interleaved', name: 'x', spec: { job: './examples/interleaved/aa.js', warmupSteps: 3, steps: 10 }, budgetSeconds: 60 };
    expect(() => parseInterleavedSuite(bad)).toThrow(/spec.warmupSteps: must be 7 \(mod 8\).*got 3; spec.steps: must be a multiple of 4/);
    expect(() => parseSuite(bad)).toThrow(/spec.warmupSteps: must be 7 \(mod 8\).*got 3; spec.steps: must be a multiple of 4/);
    expect(() => parseSuite({ ...bad, spec: { job: './examples/interleaved/aa.js' }, budgetSeconds: 5 })).toThrow(/budgetSeconds.*10/);
  });

  it('default.json is mlp on webgpu, webgl, wasm and cpu, one repetition', () => {
    const suite = variantsOf(parseSuite(JSON.parse(readFileSync(new URL('default.json', suitesDir), 'utf8'))));
    expect(resolveVariants(suite).map((v) => `${v.spec.workload} ${v.spec.backend}`)).toEqual(['mlp webgpu', 'mlp webgl', 'mlp wasm', 'mlp cpu']);
    expect(suite.repetitions).toBe(1);
  });

  it('merges defaults, base and the variant, in that order', () => {
    const suite = variantsOf(parseSuite({ kind: 'comparison', name: 's', base: { steps: 10, width: 64 }, variants: [{ name: 'a' }, { name: 'b', spec: { width: 96 } }] }));
    expect(resolveVariants(suite).map((v) => [v.spec.steps, v.spec.width, v.spec.batchSize])).toEqual([
      [10, 64, 64],
      [10, 96, 64],
    ]);
  });

  it.each([
    ['a bad field value', { kind: 'comparison', name: 's', variants: [{ name: 'a', spec: { width: 5000 } }] }, 'variants.0.spec.width must be ≤ 4096 (got 5000)'],
    ['an unknown field', { kind: 'comparison', name: 's', variants: [{ name: 'a' }], repetitons: 3 }, 'unknown field repetitons'],
    ['an unknown metric', { kind: 'comparison', name: 's', variants: [{ name: 'a' }], metrics: ['ttfb.total'] }, 'metrics.0 must be one of'],
    ['a bad threshold', { kind: 'comparison', name: 's', variants: [{ name: 'a' }], threshold: '5 percent' }, 'threshold must be a percentage'],
    ['a duplicate variant', { kind: 'comparison', name: 's', variants: [{ name: 'a' }, { name: 'a' }] }, 'variants.1.name duplicate variant name "a"'],
    ['a baseline that is no variant', { kind: 'comparison', name: 's', variants: [{ name: 'a' }], baseline: 'b' }, 'baseline must name a variant'],
    ['an unknown kind', { kind: 'soak', name: 's' }, 'kind'],
    ['a merged spec that is invalid', { kind: 'comparison', name: 's', base: { steps: 10 }, variants: [{ name: 'x', spec: { syncEvery: 3 } }] }, 'variants.0 (x) with base: syncEvery must divide steps'],
    ['a lab with a misspelt field', { kind: 'lab', name: 's', variants: [{ name: 'cold' }], budget: 60 }, 'unknown field budget'],
    ['a calibration without a candidate', { kind: 'calibration', name: 's', base: {} }, 'candidate'],
    ['a calibration whose candidate changes nothing', { kind: 'calibration', name: 's', candidate: {} }, 'candidate must change at least one field'],
    ['a calibration with no comparisons', { kind: 'calibration', name: 's', candidate: { width: 96 }, aa: 0, ab: 0 }, 'aa + ab must be ≥ 1'],
    ['a calibration whose B is invalid', { kind: 'calibration', name: 's', base: { steps: 10 }, candidate: { syncEvery: 3 } }, 'candidate with base: syncEvery must divide steps'],
    ['a serving suite with a bad field', { kind: 'canary', baseline: {}, candidate: {}, qps: 10, queries: 100, share: 2 }, 'share'],
  ])('rejects %s, naming the field', (_label, input, message) => {
    expect(() => parseSuite(input)).toThrow(SpecError);
    expect(() => parseSuite(input)).toThrow(message);
  });
});

function variantsOf(suite: Suite): Extract<Suite, { kind: 'comparison' | 'lab' }> {
  if (suite.kind !== 'comparison' && suite.kind !== 'lab') throw new Error(`expected a suite of variants, got kind ${suite.kind}`);
  return suite;
}
