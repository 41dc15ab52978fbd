import { z } from 'zod';
import { recordJudgementSchema } from '../compare/judgement.ts';
import { samplingSchema } from '../compare/results-file.ts';
import { envSchema, jobResultSchema, type Env, type JobResult } from '../result.ts';
import { devicePeakSchema } from '../efficiency/peak.ts';
import { truncate } from '../format.ts';
import { servingReportSchema } from '../serving/index.ts';
import { describeIssues, jobSpecSchema } from '../spec.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import type { RunEntry } from './entry.ts';
import { isShareFragment } from './fragment.ts';
import { quantiseResult, runAtSharePrecision } from './quantise.ts';
import { parseRun, runSchema, type Run } from './run.ts';
import { parseServingRun, servingRunAtSharePrecision } from './serving-run.ts';

export { isShareFragment, runAtSharePrecision };

/**
 * Share links: `#r=v2.<base64url(deflate-raw(JSON))>` in the URL fragment, so
 * the run never reaches a server. A link is attacker-controlled input: its
 * length is capped before anything else, inflating stops at a cap (a deflate
 * bomb cannot freeze the tab), and the JSON is parsed by a schema.
 */
export const SHARE_LIMITS = {
  /** Longest fragment accepted or produced: pastes into any chat, and far under Chromium's 2 MB URL limit. */
  maxLinkChars: 256 * 1024,
  /** Most JSON bytes inflated from a link: a 10,000-job run fits, a deflate bomb stops here. */
  maxInflatedBytes: 4 * 1024 * 1024,
} as const;

/**
 * The link versions this build opens, each with a fixture (test/fixtures/share): v1 holds a
 * comparison run; v2 holds a comparison run (with how its sampling ended) or a serving run,
 * told apart by `kind`; v3 adds the comparison's judgement as the runner made it.
 */
export const SHARE_LINK_VERSIONS = [1, 2, 3] as const;
export const CURRENT_SHARE_VERSION = 3;

export const SHARE_ERROR_CODES = ['malformed', 'unsupported-version', 'too-large', 'corrupt', 'invalid-content', 'wrong-kind'] as const;
export type ShareErrorCode = (typeof SHARE_ERROR_CODES)[number];

/** A link that cannot be opened, with a sentence for the user. */
export class ShareLinkError extends Error {
  readonly code: ShareErrorCode;
  constructor(code: ShareErrorCode, message: string) {
    super(message);
    this.name = 'ShareLinkError';
    this.code = code;
  }
}

/** Compression is injected: src/core has no streams. The page uses CompressionStream('deflate-raw'); tests use node:zlib. */
export interface ShareCompression {
  deflate(text: string): Promise<Uint8Array>;
  /** Inflates UTF-8 text; rejects with ShareLinkError('too-large') once the output would pass maxBytes, without inflating further. */
  inflate(bytes: Uint8Array, maxBytes: number): Promise<string>;
}

// ---- v1 payload: an explicit mapper from Run; each result's spec is its variant's, and envs are listed once. ----

const resultV1Schema = jobResultSchema.omit({ spec: true, env: true, rejectedSpec: true }).extend({
  env: z.number().int().min(0).nullable(),
});

const payloadV1Schema = z
  .object({
    title: z.string(),
    createdAt: z.string(),
    threshold: z.string(),
    repetitions: z.number(),
    variants: z.array(z.object({ name: z.string(), spec: jobSpecSchema }).strict()),
    envs: z.array(envSchema).max(1000),
    /** Device peaks of the run (efficiency); absent in links made before they were measured. */
    peaks: z.array(devicePeakSchema).max(8).optional(),
    jobs: z.array(z.object({ variant: z.number().int().min(0), repetition: z.number().int().min(0), result: resultV1Schema }).strict()),
  })
  .strict();
type PayloadV1 = z.infer<typeof payloadV1Schema>;

function toPayloadV1(run: Run): PayloadV1 {
  const envs: Env[] = [];
  const envIndex = new Map<string, number>();
  const jobs = run.jobs.map((job) => {
    const { spec: _spec, env, rejectedSpec: _rejected, ...rest } = quantiseResult(job.result);
    let index: number | null = null;
    if (env) {
      const key = JSON.stringify(env);
      index = envIndex.get(key) ?? envs.push(env) - 1;
      envIndex.set(key, index);
    }
    return { variant: job.variant, repetition: job.repetition, result: { ...rest, env: index } };
  });
  return {
    title: run.title, createdAt: run.createdAt, threshold: run.threshold, repetitions: run.repetitions, variants: run.variants, envs,
    ...(run.peaks && run.peaks.length > 0 ? { peaks: run.peaks } : {}),
    jobs,
  };
}

function fromPayloadV1(payload: PayloadV1): Run {
  const jobs = payload.jobs.map((job, index) => {
    const variant = payload.variants[job.variant];
    if (!variant) throw new ShareLinkError('invalid-content', `job ${index} names variant ${job.variant}, but the link has ${payload.variants.length}`);
    const env = job.result.env === null ? null : payload.envs[job.result.env];
    if (env === undefined) throw new ShareLinkError('invalid-content', `job ${index} names environment ${String(job.result.env)}, but the link has ${payload.envs.length}`);
    const result: JobResult = { ...job.result, spec: variant.spec, env };
    return { variant: job.variant, repetition: job.repetition, result };
  });
  const { envs: _envs, ...rest } = payload;
  return parseRun({ ...rest, jobs });
}

// ---- v2 payload: a kind, then the v1 payload (plus sampling) for a comparison, or the serving run. ----

const comparisonPayloadV2Schema = payloadV1Schema.extend({ kind: z.literal('comparison'), sampling: samplingSchema.optional() }).strict();
const servingPayloadSchema = z.object({ kind: z.literal('serving'), title: z.string(), createdAt: z.string(), report: servingReportSchema }).strict();
const payloadV2Schema = z.discriminatedUnion('kind', [comparisonPayloadV2Schema, servingPayloadSchema]);

// ---- v3 payload: v2, and a comparison carries its judgement (the verdicts its runner reached). ----

const payloadV3Schema = z.discriminatedUnion('kind', [comparisonPayloadV2Schema.extend({ judgement: recordJudgementSchema.optional() }).strict(), servingPayloadSchema]);
type PayloadV3 = z.input<typeof payloadV3Schema>;

function toPayloadV3(entry: RunEntry): PayloadV3 {
  if (entry.kind === 'serving') return { kind: 'serving', ...servingRunAtSharePrecision(entry.run) };
  const { sampling, judgement } = entry.run;
  return { kind: 'comparison', ...toPayloadV1(entry.run), ...(sampling ? { sampling } : {}), ...(judgement ? { judgement } : {}) };
}

/** A v2 or v3 payload as a run entry (a v2 comparison has no judgement: the app compares it where it shows it). */
function fromPayloadV3(payload: z.output<typeof payloadV3Schema>): RunEntry {
  if (payload.kind === 'serving') {
    const { kind: _kind, ...run } = payload;
    return { kind: 'serving', run: parseServingRun(run) };
  }
  const { kind: _kind, sampling, judgement, ...v1 } = payload;
  const run = fromPayloadV1(v1);
  return { kind: 'comparison', run: sampling || judgement ? parseRun({ ...run, ...(sampling ? { sampling } : {}), ...(judgement ? { judgement } : {}) }) : run };
}

// ---- encode / decode ----

/** `#r=v3.…` for a run (a comparison run, or any entry); throws ShareLinkError('too-large') past SHARE_LIMITS.maxLinkChars. */
export async function encodeShareFragment(run: Run | RunEntry, compression: ShareCompression): Promise<string> {
  const entry: RunEntry = 'kind' in run ? run : { kind: 'comparison', run };
  const checked: RunEntry = entry.kind === 'comparison' ? { kind: 'comparison', run: runSchema.parse(entry.run) } : { kind: 'serving', run: parseServingRun(entry.run) };
  const json = JSON.stringify(toPayloadV3(checked));
  const fragment = `#r=v${CURRENT_SHARE_VERSION}.${encodeBase64url(await compression.deflate(json))}`;
  if (fragment.length > SHARE_LIMITS.maxLinkChars) {
    throw new ShareLinkError('too-large', `this run makes a ${kib(fragment.length)} link, over the ${kib(SHARE_LIMITS.maxLinkChars)} limit: export it as JSON instead`);
  }
  return fragment;
}

/** Opens a share fragment holding a comparison run; a serving run's link is ShareLinkError('wrong-kind'). */
export async function decodeShareFragment(hash: string, compression: ShareCompression): Promise<Run> {
  const entry = await decodeShareEntry(hash, compression);
  if (entry.kind !== 'comparison') throw new ShareLinkError('wrong-kind', 'this link holds a serving run, not a comparison: open it in the web app');
  return entry.run;
}

/** Opens a share fragment (`#r=v1.…` to `#r=v3.…`, leading '#' optional). Every failure is a ShareLinkError with a sentence for the user. */
export async function decodeShareEntry(hash: string, compression: ShareCompression): Promise<RunEntry> {
  if (hash.length > SHARE_LIMITS.maxLinkChars) {
    throw new ShareLinkError('too-large', `this link is ${kib(hash.length)}, over the ${kib(SHARE_LIMITS.maxLinkChars)} limit for share links; it was not opened`);
  }
  const match = /^#?r=v(\d{1,6})\.([A-Za-z0-9_-]*)$/.exec(hash);
  if (!match) throw new ShareLinkError('malformed', 'this link is not a firstbatch result link (expected #r=v3.… followed by base64url text); it may have been cut off or edited');
  const version = Number(match[1]);
  if (!(SHARE_LINK_VERSIONS as readonly number[]).includes(version)) {
    throw new ShareLinkError(
      'unsupported-version',
      version > CURRENT_SHARE_VERSION
        ? `this link is format v${version}, made by a newer firstbatch; this one opens v${SHARE_LINK_VERSIONS.join(', v')}`
        : `this link is format v${version}, which no firstbatch version made; this one opens v${SHARE_LINK_VERSIONS.join(', v')}`,
    );
  }
  const bytes = decodeBase64url(match[2] ?? '');
  if (!bytes || bytes.length === 0) throw new ShareLinkError('malformed', 'this link\'s data is not valid base64url; it may have been cut off when it was copied');
  let json: string;
  try {
    json = await compression.inflate(bytes, SHARE_LIMITS.maxInflatedBytes);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('corrupt', 'this link\'s data does not decompress; it was probably cut off when it was copied');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ShareLinkError('corrupt', 'this link\'s data is not valid JSON; it was probably cut off or edited');
  }
  const invalid = (problem: string): ShareLinkError => new ShareLinkError('invalid-content', `this link's content is not a valid firstbatch run: ${problem}`);
  try {
    if (version === 1) {
      const parsed = payloadV1Schema.safeParse(data);
      if (!parsed.success) throw invalid(summarize(describeIssues(parsed.error, data)));
      return { kind: 'comparison', run: fromPayloadV1(parsed.data) };
    }
    const parsed = (version === 2 ? payloadV2Schema : payloadV3Schema).safeParse(data);
    if (!parsed.success) throw invalid(summarize(describeIssues(parsed.error, data)));
    return fromPayloadV3(parsed.data);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw invalid(error instanceof Error ? clip(error.message) : 'unknown problem');
  }
}

function summarize(issues: readonly string[]): string {
  const shown = issues.slice(0, 3).map(clip).join('; ');
  return issues.length > 3 ? `${shown}; and ${issues.length - 3} more` : shown;
}

const clip = (text: string): string => truncate(text, 160);

function kib(chars: number): string {
  return `${Math.ceil(chars / 1024).toLocaleString('en')} KB`;
}
