import { parseSuite, resolveVariants } from '../core/suite.ts';
import type { JobSpec } from '../core/spec.ts';
import { messageOf } from '../core/errors.ts';
import { presetId } from './preset-choices.ts';

/** A shipped suite as a starting point for the comparison builder. */
export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly base: Partial<JobSpec>;
  readonly variants: readonly { name: string; overrides: Partial<JobSpec> }[];
  readonly repetitions: number;
  readonly threshold: string;
}

/** The suites under bench/suites, bundled at build time (vite JSON import) and parsed by the suite schema. */
const files = import.meta.glob('../../bench/suites/*.json', { eager: true, import: 'default' });

function load(): Preset[] {
  const presets: Preset[] = [];
  for (const [path, json] of Object.entries(files)) {
    // Other kinds (calibration, serving suites) belong to the CLI; the comparison builder takes suites of variants.
    const kind = typeof json === 'object' && json !== null && 'kind' in json ? json.kind : undefined;
    if (kind !== 'comparison' && kind !== 'lab') continue;
    try {
      const suite = parseSuite(json);
      if (suite.kind !== 'comparison' && suite.kind !== 'lab') continue;
      resolveVariants(suite);
      presets.push({
        id: presetId(path),
        name: suite.name,
        description: suite.description ?? '',
        base: suite.base as Partial<JobSpec>,
        variants: suite.variants.map((variant) => ({ name: variant.name, overrides: variant.spec as Partial<JobSpec> })),
        repetitions: suite.repetitions,
        threshold: suite.threshold,
      });
    } catch (error) {
      console.warn(`firstbatch: suite ${path} is not offered as a preset: ${messageOf(error)}`);
    }
  }
  return presets.sort((a, b) => a.name.localeCompare(b.name));
}

export const PRESETS: readonly Preset[] = load();
