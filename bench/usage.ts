/** `firstbatch bench --help`: the flag table (bench/flags.ts) rendered, between the text around it. */
import { FLAG_ENTRIES, type FlagSpec } from './flags.ts';
import { kebab, SPEC_FIELDS } from './spec-flags.ts';

/** Where a section's descriptions start: options at column 28, job flags at 24. */
const HEAD_WIDTH = { options: 26, job: 22 } as const;

const OPTIONS = renderSection('options');
const JOB_FLAGS = [...SPEC_FIELDS.map((field) => `  --${kebab(field)}`), renderSection('job')].join('\n');

export const USAGE = `usage: firstbatch bench [--suite FILE | job flags | --from FILE] [options]
       (npm run bench -- … in a checkout)

${OPTIONS}

--json, --markdown and --trace take "-" for standard output (the table then goes to stderr).
Ctrl-C ends a run cleanly: the finished jobs are kept in --json and --markdown. Every file is
written whole or not at all (a temporary file renamed into place).

A flag that does not apply to the suite's kind is an error, never ignored: serving suites take only
--json, --markdown, the browser flags and --no-build; calibration and interleaved suites take no
--baseline or --save-baseline (an interleaved suite exits 1 on its own regression verdict).

Job flags (every job-spec field; a comma list runs every combination side by side):
${JOB_FLAGS}

--model and --job take a model.json or a job module (ES module, docs/models.md): a URL, or a local file
whose folder the CLI serves read-only to the page (nothing outside it).

Exit status: 0 when every job succeeded and nothing regressed; 1 when a metric is worse than the
baseline, significantly and by more than the threshold, or when a serving suite finds what it guards against
(a canary to roll back, a drift alarm, no rate meeting the latency target); 2 on any error (bad suite or
flags, browser, a failed job, an upload that failed — the local files are kept then).`;

/** "--suite FILE", "--chromium-arg=FLAG", "--headed". */
function head(name: string, flag: FlagSpec): string {
  if (flag.value === undefined) return `--${name}`;
  return flag.value.startsWith('=') ? `--${name}${flag.value}` : `--${name} ${flag.value}`;
}

/**
 * A section's flags, one entry each (a `with-previous` flag joins the line of the one before it):
 * the flag and its value, then the description beside it, or under it where the flag is too wide.
 */
function renderSection(section: keyof typeof HEAD_WIDTH): string {
  const width = HEAD_WIDTH[section];
  const indent = ' '.repeat(2 + width);
  const entries: { heads: string[]; help: readonly string[] }[] = [];
  let inSection = false;
  for (const flag of FLAG_ENTRIES) {
    const joins = flag.section === 'with-previous';
    if (joins && inSection) entries.at(-1)?.heads.push(head(flag.name, flag));
    inSection = flag.section === section || (joins && inSection);
    if (flag.section !== section) continue;
    entries.push({ heads: [head(flag.name, flag)], help: typeof flag.help === 'string' ? [flag.help] : (flag.help ?? []) });
  }
  return entries
    .map(({ heads, help }) => {
      const text = heads.join(', ');
      const [first = '', ...rest] = help;
      const lines = text.length <= width - 2 ? [`  ${text.padEnd(width)}${first}`] : [`  ${text}`, `${indent}${first}`];
      return [...lines, ...rest.map((line) => `${indent}${line}`)].join('\n');
    })
    .join('\n');
}
