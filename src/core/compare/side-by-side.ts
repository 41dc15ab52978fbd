/**
 * Side by side: the base branch's suite and the change's, run as one interleaved comparison in
 * the same job (tachometer's two-URL mode is the precedent), so a gate never compares numbers
 * from two machines. Each variant of the change is paired with the same-named variant of the
 * base; both run in every round, back to back, so the machine's drift falls on both alike.
 */
import { judgeAgainstBaseline, type BaselineJudgement } from './baseline.ts';
import type { MetricId } from './metrics.ts';
import type { SuiteJobResult } from './results-file.ts';
import { resolveVariants, type ComparisonSuite } from './suite.ts';
import type { Threshold } from './threshold.ts';

/** A base variant's name in a side-by-side run: "mlp (base)" next to the change's "mlp". */
const BASE_SUFFIX = ' (base)';

export interface SideBySide {
  /** One comparison suite: each paired variant as "name (base)" then "name", interleaved in rounds. */
  readonly suite: ComparisonSuite;
  /** [base variant, change variant] names. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Change variants the base does not have (run, shown, not gated). */
  readonly newVariants: readonly string[];
}

/**
 * The side-by-side suite of two comparison suites. Metrics, threshold, rounds and budget are the
 * change's (the change decides how it is judged); each side's specs are resolved from its own
 * file, so a base with other defaults or another model file still runs as the base had it.
 */
export function sideBySideSuite(base: ComparisonSuite, change: ComparisonSuite): SideBySide {
  const baseVariants = new Map(resolveVariants(base).map((variant) => [variant.name, variant.spec]));
  const variants: ComparisonSuite['variants'] = [];
  const pairs: [string, string][] = [];
  const newVariants: string[] = [];
  for (const variant of resolveVariants(change)) {
    const baseSpec = baseVariants.get(variant.name);
    if (baseSpec) {
      const baseName = `${variant.name}${BASE_SUFFIX}`;
      variants.push({ name: baseName, spec: { ...baseSpec } });
      pairs.push([baseName, variant.name]);
    } else {
      newVariants.push(variant.name);
    }
    variants.push({ name: variant.name, spec: { ...variant.spec } });
  }
  if (pairs.length === 0) {
    throw new Error(`the base suite ${JSON.stringify(base.name)} has none of the change's variants (${change.variants.map((v) => v.name).join(', ')}): nothing to compare side by side`);
  }
  const { baseline: _baseline, variants: _variants, base: _base, ...settings } = change;
  return { suite: { ...settings, name: `${change.name} (side by side with the base)`, base: {}, variants, baseline: pairs[0]![0] }, pairs, newVariants };
}

/**
 * The gate of a side-by-side run: each change variant against its base, paired within rounds,
 * with the family-wise level of a baseline gate (every pair × metric is a judgement).
 */
export function judgeSideBySide(
  results: readonly SuiteJobResult[],
  pairs: readonly (readonly [string, string])[],
  options: { metrics: readonly MetricId[]; threshold: Threshold },
): BaselineJudgement {
  const side = (name: string): SuiteJobResult[] => results.filter((result) => result.variant === name);
  const change = pairs.map(([, name]) => ({ name, results: side(name) }));
  const base = pairs.map(([baseName, name]) => ({ name, results: side(baseName) }));
  return judgeAgainstBaseline(change, base, { ...options, paired: true, against: 'the base, side by side' });
}
