import { parseArgs } from 'node:util';
import { jobSpecSchema, parseJobSpec, type JobSpec } from '../src/core/spec.ts';

export class UsageError extends Error {}

const SPEC_FIELDS = Object.keys(jobSpecSchema.shape).filter((key) => key !== 'flags') as (keyof JobSpec)[];

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export interface CliOptions {
  readonly specs: JobSpec[];
  readonly jsonPath: string | undefined;
  readonly skipBuild: boolean;
  readonly browserEndpoint: string | undefined;
  readonly help: boolean;
}

/** The default set `npm run bench` runs with no job flags: mlp on the four backends. */
export const DEFAULT_SET: readonly Record<string, unknown>[] = ['webgpu', 'webgl', 'wasm', 'cpu'].map((backend) => ({ workload: 'mlp', backend }));

export const USAGE = `usage: npm run bench -- [job flags] [--json out.json] [--no-build] [--browser-endpoint ws://…]

Job flags (every job-spec field; a comma list runs every combination side by side):
${SPEC_FIELDS.map((field) => `  --${kebab(field)}`).join('\n')}
  --flag NAME=VALUE     a tfjs flag, repeatable (e.g. --flag WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=8)

With no job flags it runs mlp on webgpu, webgl, wasm and cpu.
Exit status: 0 when every job succeeded, 2 on any error (bad flags, browser, a failed job).`;

export function parseCli(argv: readonly string[]): CliOptions {
  const specOptions = Object.fromEntries(SPEC_FIELDS.flatMap((field) => [[field, { type: 'string' as const }], [kebab(field), { type: 'string' as const }]]));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        ...specOptions,
        flag: { type: 'string', multiple: true },
        json: { type: 'string' },
        'no-build': { type: 'boolean' },
        'browser-endpoint': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const axes: [string, unknown[]][] = [];
  for (const field of SPEC_FIELDS) {
    const raw = values[field] ?? values[kebab(field)];
    if (typeof raw === 'string') axes.push([field, raw.split(',').map(coerce)]);
  }
  const flags = Object.fromEntries(((values.flag as string[] | undefined) ?? []).map(parseFlag));
  const inputs = axes.length === 0 && Object.keys(flags).length === 0 ? DEFAULT_SET : cartesian(axes);
  const specs = inputs.map((input) => parseJobSpec({ ...input, ...(Object.keys(flags).length > 0 ? { flags } : {}) }));
  return {
    specs,
    jsonPath: typeof values.json === 'string' ? values.json : undefined,
    skipBuild: values['no-build'] === true,
    browserEndpoint: typeof values['browser-endpoint'] === 'string' ? values['browser-endpoint'] : undefined,
    help: values.help === true,
  };
}

function coerce(value: string): unknown {
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function parseFlag(entry: string): [string, unknown] {
  const at = entry.indexOf('=');
  if (at <= 0) throw new UsageError(`--flag takes NAME=VALUE, got ${JSON.stringify(entry)}`);
  return [entry.slice(0, at), coerce(entry.slice(at + 1))];
}

function cartesian(axes: readonly [string, unknown[]][]): Record<string, unknown>[] {
  return axes.reduce<Record<string, unknown>[]>(
    (combos, [field, choices]) => combos.flatMap((combo) => choices.map((choice) => ({ ...combo, [field]: choice }))),
    [{}],
  );
}
