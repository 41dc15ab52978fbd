import { describe, expect, it } from 'vitest';
import { objectOf } from '../../zod-object.ts';
import { SCENARIOS, scenarioForm, servingSuiteSchema } from '../../../src/core/serving/index.ts';

describe('each scenario\'s form, against its suite schema', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.kind, scenario] as const))('%s: every field is a path of its suite, every condition names a field of its form', (kind, scenario) => {
    const shape = scenario.suiteSchema.shape as Record<string, unknown>;
    const { fields, models } = scenario.form;
    for (const field of fields) {
      const [top = '', inner] = field.name.split('.');
      expect(top in shape, `${kind}: ${field.name}`).toBe(true);
      // A discriminated choice (drift's injection) has its fields under one option each; the schema checks them.
      const nested = objectOf(shape[top]);
      if (inner !== undefined && nested !== null) expect(inner in nested.shape, `${kind}: ${field.name}`).toBe(true);
      if (field.shownWhen) expect(fields.map((f) => f.name), `${kind}: ${field.name} shown when`).toContain(field.shownWhen.field);
    }
    for (const { role } of models) expect(role in shape, `${kind}: model ${role}`).toBe(true);
    expect(scenarioForm(kind), 'the form its kind finds').toBe(scenario.form);
  });

  it.each(SCENARIOS.map((scenario) => [scenario.kind, scenario] as const))('%s: has a preset, and every preset is a suite of its kind', (kind, scenario) => {
    const presets = Object.values(scenario.form.presets);
    expect(presets.length).toBeGreaterThan(0);
    for (const preset of presets) expect(servingSuiteSchema.parse({ kind, ...preset }).kind).toBe(kind);
  });
});
