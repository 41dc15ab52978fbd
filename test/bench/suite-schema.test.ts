import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSuiteSchema, SUITE_SCHEMA_PATH } from '../../bench/suite-schema.ts';
import { SpecError } from '../../src/core/spec.ts';
import { parseSuite, resolveVariants, SUITE_KIND_SCHEMAS, suiteFileSchema } from '../../src/core/suite.ts';

const suitesDir = new URL('../../bench/suites/', import.meta.url);

describe('suite files', () => {
  it('the committed bench/suite.schema.json is the one the schema generates (else run `npm run suite-schema`)', () => {
    expect(readFileSync(SUITE_SCHEMA_PATH, 'utf8'), 'bench/suite.schema.json is stale: run `npm run suite-schema`').toBe(renderSuiteSchema());
  });

  // Files of kinds this union does not know yet (other tools' suites) are theirs to check.
  const known = new Set<string>(SUITE_KIND_SCHEMAS.map((schema) => schema.shape.kind.value));
  const files = readdirSync(suitesDir).filter((f) => {
    if (!f.endsWith('.json')) return false;
    const kind: unknown = (JSON.parse(readFileSync(new URL(f, suitesDir), 'utf8')) as { kind?: unknown }).kind;
    return typeof kind === 'string' && known.has(kind);
  });
  it('default.json and ci.json are among the suites checked', () => {
    expect(files).toEqual(expect.arrayContaining(['default.json', 'ci.json']));
  });
  it.each(files)('bench/suites/%s is a valid suite', (file) => {
    const suite = parseSuite(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8')));
    expect(resolveVariants(suite).length).toBeGreaterThan(0);
  });

  it.each(readdirSync(suitesDir).filter((f) => f.endsWith('.json')))('bench/suites/%s matches the published schema', (file) => {
    const parsed = suiteFileSchema.safeParse(JSON.parse(readFileSync(new URL(file, suitesDir), 'utf8')));
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it('default.json is mlp on webgpu, webgl, wasm and cpu, one repetition', () => {
    const suite = parseSuite(JSON.parse(readFileSync(new URL('default.json', suitesDir), 'utf8')));
    expect(resolveVariants(suite).map((v) => `${v.spec.workload} ${v.spec.backend}`)).toEqual(['mlp webgpu', 'mlp webgl', 'mlp wasm', 'mlp cpu']);
    expect(suite.repetitions).toBe(1);
  });

  it('merges defaults, base and the variant, in that order', () => {
    const suite = parseSuite({ kind: 'comparison', name: 's', base: { steps: 10, width: 64 }, variants: [{ name: 'a' }, { name: 'b', spec: { width: 96 } }] });
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
  ])('rejects %s, naming the field', (_label, input, message) => {
    expect(() => parseSuite(input)).toThrow(SpecError);
    expect(() => parseSuite(input)).toThrow(message);
  });
});
