import { describe, expect, it } from 'vitest';
import { parseCli, USAGE } from '../../bench/args.ts';
import { FLAG_ENTRIES, OPTION_FLAGS, RUNNING_FLAGS, UPLOAD_FLAGS } from '../../bench/flags.ts';
import { RUN_OPTIONS } from '../../src/core/runner/index.ts';

/** Values where any text will not do. */
const SAMPLES: Readonly<Record<string, string>> = { threshold: '5%', budget: '5m', 'app-url': 'https://example.test/' };
/** The flag given once with a placeholder value. */
const given = (name: string): string => (FLAG_ENTRIES.find((flag) => flag.name === name)?.type === 'boolean' ? `--${name}` : `--${name}=${SAMPLES[name] ?? 'x'}`);

describe('the flag table (bench/flags.ts)', () => {
  it('lists each flag in the usage text, at the start of its line (or beside the flag it shares a line with)', () => {
    for (const flag of FLAG_ENTRIES) {
      const head = flag.value === undefined ? `--${flag.name}` : `--${flag.name}${flag.value.startsWith('=') ? '' : ' '}${flag.value}`;
      if (flag.section === 'options' || flag.section === 'job') expect(USAGE.split('\n').some((line) => line === `  ${head}` || line.startsWith(`  ${head} `) || line.startsWith(`  ${head},`)), flag.name).toBe(true);
      if (flag.section === 'with-previous') expect(USAGE, flag.name).toContain(`, ${head}`);
    }
    expect(USAGE, 'a job-spec field').toMatch(/^ {2}--warmup-steps$/m);
  });

  it.each(RUNNING_FLAGS.map((name) => [name]))('--from refuses --%s, which would run something', (name) => {
    expect(() => parseCli(['--from', 'saved.json', given(name)])).toThrow(`--${name} does not apply to --from`);
  });

  it('--from takes the flags that only print or store', () => {
    const printing = FLAG_ENTRIES.filter((flag) => !flag.runs && flag.section !== 'job' && !flag.needsUpload && !['from', 'upload', 'help'].includes(flag.name));
    expect(printing.map((flag) => flag.name)).toContain('markdown');
    for (const flag of printing) expect(() => parseCli(['--from', 'saved.json', given(flag.name)]), flag.name).not.toThrow();
  });

  it.each(UPLOAD_FLAGS.map((name) => [name]))('--%s needs --upload', (name) => {
    expect(() => parseCli([given(name)])).toThrow(`--${name} describes an upload and needs --upload URL/p/PROJECT`);
  });

  it('names the flag of every run option', () => {
    expect(Object.keys(OPTION_FLAGS).sort()).toEqual([...RUN_OPTIONS].sort());
    expect(OPTION_FLAGS.saveBaseline).toBe('--save-baseline');
  });
});
