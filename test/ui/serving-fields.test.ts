import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { objectOf } from '../zod-object.ts';
import { parseServingSuite, SERVING_SUITE_SCHEMAS } from '../../src/core/serving/index.ts';
import { draftFromSuite, fieldsOf, MODEL_ROLES, servingInput, SERVING_KINDS, type ServingKind } from '../../src/ui/serving-fields.ts';
import { SERVING_PRESETS } from '../../src/ui/serving-presets.ts';
import { validateServing } from '../../src/ui/serving-validate.ts';

describe('the serving forms', () => {
  it('offer every serving kind, and a preset of each', () => {
    expect(SERVING_KINDS.map((k) => k.kind).sort()).toEqual(SERVING_SUITE_SCHEMAS.map((s) => s.shape.kind.value).sort());
    const presetKinds = new Set(Object.values(SERVING_PRESETS).map((p) => p.kind));
    for (const { kind } of SERVING_KINDS) expect(presetKinds.has(kind), `a preset for ${kind}`).toBe(true);
  });

  it.each(SERVING_SUITE_SCHEMAS.map((schema) => [schema.shape.kind.value, schema] as const))('%s: every field of its schema has a control', (kind, schema) => {
    const paths = new Set(fieldsOf(kind as ServingKind).map((f) => f.name.split('.')[0]));
    const models = new Set(MODEL_ROLES[kind as ServingKind].map((m) => m.role));
    for (const key of Object.keys(schema.shape)) {
      if (key === 'kind') continue;
      expect(paths.has(key) || models.has(key), `${kind}.${key}`).toBe(true);
      const nested = models.has(key) ? null : objectOf(schema.shape[key as keyof typeof schema.shape] as z.ZodType);
      for (const inner of Object.keys(nested?.shape ?? {})) {
        expect(fieldsOf(kind as ServingKind).some((f) => f.name === `${key}.${inner}`), `${kind}.${key}.${inner}`).toBe(true);
      }
    }
  });

  it.each(Object.entries(SERVING_PRESETS))('%s survives form and back: the same suite', (_name, preset) => {
    const draft = draftFromSuite({ ...preset });
    expect(parseServingSuite(servingInput(draft))).toEqual(parseServingSuite(preset));
  });

  it('shows a parsed suite again (a run\'s suite, models resolved) as the same suite', () => {
    for (const preset of Object.values(SERVING_PRESETS)) {
      const parsed = parseServingSuite(preset);
      expect(parseServingSuite(servingInput(draftFromSuite({ ...parsed }))), String(preset.kind)).toEqual(parsed);
    }
  });

  it('names the bad field under its path, in the CLI\'s words', () => {
    const draft = { ...draftFromSuite({ ...SERVING_PRESETS['Canary (5%, 20% costlier, wasm)']! }), share: '1.5', 'candidate.width': '5000', qps: 'fast' };
    const { suite, problems } = validateServing(servingInput(draft));
    expect(suite).toBeNull();
    expect(problems.get('share')).toEqual(['share must be ≤ 1 (got 1.5)']);
    expect(problems.get('candidate.width')).toEqual(['candidate.width must be ≤ 4096 (got 5000, allowed 8…4096)']);
    expect(problems.get('qps')?.[0]).toMatch(/^qps must be a number \(got "fast"\)/);
  });

  it('leaves out fields that do not apply (search off, another drift injection)', () => {
    const server = { ...draftFromSuite({ ...SERVING_PRESETS['Server (ranker, cpu)']! }), search: 'false' };
    expect(servingInput(server)).not.toHaveProperty('search');
    const drift = { ...draftFromSuite({ ...SERVING_PRESETS['Drift (0.5 SD mean shift)']! }), 'injection.kind': 'label-prior', 'injection.positiveRate': '0.4' };
    expect(servingInput(drift).injection).toEqual({ kind: 'label-prior', positiveRate: 0.4, atQuery: 1000 });
  });
});
