/**
 * The shipped comparison suites (bench/suites) the Configure view offers, by id and name, read
 * without the suite schema so the first screen can list them; choosing one loads and parses it
 * (presets.ts).
 */
const kinds = import.meta.glob<string>('../../bench/suites/*.json', { eager: true, import: 'kind' });
/** Suite names, from the suites that have one (serving suites may not). */
const names = import.meta.glob<{ name?: unknown }>('../../bench/suites/*.json', { eager: true, import: 'default' });

interface PresetChoice {
  readonly id: string;
  readonly name: string;
}

/** The id of a suite file: its name without folder and extension. */
export const presetId = (path: string): string => path.replace(/^.*\/|\.json$/g, '');

/** Comparison and lab suites (the kinds the comparison builder takes), by name. */
export const PRESET_CHOICES: readonly PresetChoice[] = Object.entries(names)
  .filter(([path]) => kinds[path] === 'comparison' || kinds[path] === 'lab')
  .map(([path, suite]) => ({ id: presetId(path), name: typeof suite.name === 'string' ? suite.name : presetId(path) }))
  .sort((a, b) => a.name.localeCompare(b.name));
