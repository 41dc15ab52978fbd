import { readdirSync, readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../src/core/share/base64url.ts';
import { SHARE_LINK_VERSIONS } from '../../../src/core/share/link.ts';
import { SERVING_FIXTURE_FACTS, V2_COMPARISON_FACTS, V3_JUDGEMENT_FACTS } from './fixture-facts.ts';
import {
  decodeShareEntry,
  decodeShareFragment,
  encodeShareFragment,
  runAtSharePrecision,
  SHARE_LIMITS,
  ShareLinkError,
  type ShareErrorCode,
} from '../../../src/core/share/link.ts';
import { quantiseMs } from '../../../src/core/share/quantise.ts';
import { servingRunAtSharePrecision } from '../../../src/core/share/serving-run.ts';
import { summarizeAnatomy } from '../../../src/core/anatomy.ts';
import { syntheticJob } from '../trace-fixture.ts';
import { nodeCompression } from './compression.ts';
import { sampleRun } from './sample-run.ts';
import { sampleServingRun } from './sample-serving.ts';

const fragmentOf = (json: string, version = 1): string => `#r=v${version}.${encodeBase64url(new Uint8Array(deflateRawSync(Buffer.from(json))))}`;
const payloadOf = async (fragment: string): Promise<Record<string, unknown>> => JSON.parse(await nodeCompression.inflate(decodeBase64url(fragment.slice(6))!, 1e7)) as Record<string, unknown>;

async function failureOf(hash: string): Promise<ShareLinkError> {
  const error = await decodeShareFragment(hash, nodeCompression).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `decoding ${hash.slice(0, 40)}… fails`).toBeInstanceOf(ShareLinkError);
  return error as ShareLinkError;
}

describe('base64url', () => {
  it.each([0, 1, 2, 3, 4, 5, 255, 1000])('round-trips %i random bytes', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + length) % 256);
    const text = encodeBase64url(bytes);
    expect(text, 'only URL-safe characters, no padding').toMatch(/^[A-Za-z0-9_-]*$/);
    expect(Buffer.from(text, 'base64url').equals(Buffer.from(bytes)), 'agrees with Node').toBe(true);
    expect(decodeBase64url(text)).toEqual(bytes);
  });
  it.each(['ab+c', 'ab/c', 'abc=', 'a', 'abcde', 'ab c', 'é'])('rejects %j', (text) => {
    expect(decodeBase64url(text)).toBeNull();
  });
});

describe('quantisation', () => {
  it.each([
    [94.31234, 94.3],
    [5505.4, 5510],
    [1.23456, 1.23],
    [0.123456, 0.123],
    [0.0050000001, 0.005],
    [0.00001234, 0],
    [0, 0],
    [999.6, 1000],
  ])('%f ms → %f ms', (input, expected) => {
    expect(quantiseMs(input)).toBe(expected);
  });
  it('keeps every value within 0.5% (or 0.05 µs) of the original', () => {
    for (let x = 0.0001; x < 1e6; x *= 1.37) expect(Math.abs(quantiseMs(x) - x), `at ${x}`).toBeLessThanOrEqual(Math.max(x * 0.005, 0.00005));
  });
});

describe('share links', () => {
  it('round-trip a run at share precision, environments listed once', async () => {
    const run = sampleRun();
    const fragment = await encodeShareFragment(run, nodeCompression);
    expect(fragment).toMatch(/^#r=v3\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(fragment, nodeCompression)).toEqual(runAtSharePrecision(run));
    expect(await decodeShareEntry(fragment, nodeCompression)).toEqual({ kind: 'comparison', run: runAtSharePrecision(run) });
    // A link made from an opened link is the same link: precision is stable.
    expect(await encodeShareFragment(await decodeShareFragment(fragment, nodeCompression), nodeCompression)).toBe(fragment);
  });

  it('carries the efficiency of a run: each job\'s counted work, the device peaks and the clock check', async () => {
    const base = sampleRun();
    const peak = { backend: 'cpu' as const, flopsPerSec: 2.5e9, bytesPerSec: 3e9, matmul: [{ n: 512, ms: 107, flopsPerSec: 2.5e9 }], bandwidth: { elements: 4194304, ms: 22, bytes: 67108864 }, device: 'CPU (JavaScript), 1 thread of 2 cores', software: true };
    const work = { flops: 7.1e6, bytes: 2.2e6, kernelCount: 40, byKernel: [{ name: 'BatchMatMul', count: 5, flops: 6.9e6, bytes: 1.1e6 }], uncounted: [] };
    const run = { ...base, peaks: [peak], jobs: base.jobs.map((job) => ({ ...job, result: { ...job.result, work, clock: { offsetMs: 0.0123, uncertaintyMs: 0.2, pings: 5 } } })) };
    const opened = await decodeShareFragment(await encodeShareFragment(run, nodeCompression), nodeCompression);
    expect(opened.peaks).toEqual([peak]);
    expect(opened.jobs[0]?.result.work).toEqual(work);
    expect(opened.jobs[0]?.result.clock).toEqual({ offsetMs: 0.0123, uncertaintyMs: 0.2, pings: 5 });
  });

  it('carries step anatomy and the worker\'s spans, so the app\'s anatomy panel and trace have them', async () => {
    const base = sampleRun();
    const job = syntheticJob({ anatomy: true, seed: 3 });
    const run = { ...base, jobs: base.jobs.map((j, i) => (i === 0 ? { ...j, result: job } : j)) };
    const opened = await decodeShareFragment(await encodeShareFragment(run, nodeCompression), nodeCompression);
    const anatomy = opened.jobs[0]?.result.anatomy;
    expect(anatomy?.wallMs).toHaveLength(job.anatomy!.wallMs.length);
    anatomy!.waitMs.forEach((ms, i) => expect(ms).toBeCloseTo(job.anatomy!.waitMs[i]!, 1));
    expect(anatomy?.kernels.available && anatomy.kernels.list.map((k) => k.name)).toEqual(job.anatomy!.kernels.available && job.anatomy!.kernels.list.map((k) => k.name));
    expect(opened.jobs[0]?.result.spans?.map((s) => s.name)).toEqual(job.spans?.map((s) => s.name));
    expect(summarizeAnatomy(opened.jobs[0]!.result)?.parts.map((p) => p.name)).toEqual(summarizeAnatomy(job)?.parts.map((p) => p.name));
  });

  it('stays short for a default two-variant comparison (3 repetitions, 20 steps)', async () => {
    const fragment = await encodeShareFragment(sampleRun(), nodeCompression);
    expect(fragment.length).toBeLessThan(8 * 1024);
  });

  it('refuses to make a link over the cap, and says so', async () => {
    const run = sampleRun({ repetitions: 40, steps: 5000 });
    await expect(encodeShareFragment(run, nodeCompression)).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/over the 256 KB limit: export it as JSON/) });
  });

  const bomb = fragmentOf(`{"title":"${'A'.repeat(SHARE_LIMITS.maxInflatedBytes + 10)}"}`);
  const valid = fragmentOf(JSON.stringify({ hello: 1 }));
  const cases: [label: string, hash: string, code: ShareErrorCode, message: RegExp][] = [
    ['not a link', '#r=hello', 'malformed', /not a firstbatch result link/],
    ['wrong version', '#r=v4.AAAA', 'unsupported-version', /v4, made by a newer firstbatch; this one opens v1, v2, v3/],
    ['version 0', '#r=v0.AAAA', 'unsupported-version', /no firstbatch version made/],
    ['bad base64url', '#r=v1.abcde', 'malformed', /not valid base64url/],
    ['truncated data', valid.slice(0, 20), 'corrupt', /cut off/],
    ['not JSON', fragmentOf('{"title": '), 'corrupt', /not valid JSON/],
    ['wrong shape', valid, 'invalid-content', /not a valid firstbatch run: .*title/],
    ['a deflate bomb', bomb, 'too-large', /./],
    ['a fragment over 1 MB', `#r=v1.${'A'.repeat(1024 * 1024)}`, 'too-large', /over the 256 KB limit for share links/],
  ];
  it.each(cases)('%s gives one clear error', async (_label, hash, code, message) => {
    const error = await failureOf(hash);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('the deflate bomb is small on the wire and stops at the inflate cap', () => {
    expect(bomb.length, 'the bomb passes the link-length check, so the inflate cap is what stops it').toBeLessThan(SHARE_LIMITS.maxLinkChars);
  });

  it('names the field when a link carries a script payload where the schema allows none', async () => {
    const run = sampleRun();
    const fragment = await encodeShareFragment(run, nodeCompression);
    const json = (await payloadOf(fragment)) as { variants: { spec: { backend: string } }[] };
    json.variants[0]!.spec.backend = '<img src=x onerror=alert(1)>';
    const error = await failureOf(fragmentOf(JSON.stringify(json), 2));
    expect(error.code).toBe('invalid-content');
    expect(error.message).toMatch(/variants\.0\.spec\.backend must be one of/);
  });
});

describe('v2 links', () => {
  it('carry how auto-sampling ended', async () => {
    const run = { ...sampleRun(), sampling: { rounds: 5, stop: 'resolved' as const, unresolved: 0, budgetSeconds: 600, elapsedMs: 12_345, looks: 2, level: 0.97 } };
    const decoded = await decodeShareFragment(await encodeShareFragment(run, nodeCompression), nodeCompression);
    expect(decoded.sampling).toEqual(run.sampling);
  });

  it('round-trip a serving run at share precision, its suite exactly', async () => {
    const run = await sampleServingRun();
    const fragment = await encodeShareFragment({ kind: 'serving', run }, nodeCompression);
    expect(fragment).toMatch(/^#r=v3\./);
    expect(fragment.length, 'a 300-query canary fits a chat message').toBeLessThan(16 * 1024);
    const entry = await decodeShareEntry(fragment, nodeCompression);
    expect(entry).toEqual({ kind: 'serving', run: servingRunAtSharePrecision(run) });
    if (entry.kind !== 'serving' || run.report.kind !== 'canary' || entry.run.report.kind !== 'canary') throw new Error('expected a canary');
    expect(entry.run.report.suite).toEqual(run.report.suite);
    const before = run.report.runs[0]!.timeline[7]!.latencyMs;
    const after = entry.run.report.runs[0]!.timeline[7]!.latencyMs;
    expect(Math.abs(after - before), 'latencies keep 3 significant digits').toBeLessThanOrEqual(before * 0.005);
    expect(await encodeShareFragment(entry, nodeCompression), 'an opened serving link makes the same link').toBe(fragment);
  });

  it('a serving link is not a comparison: decodeShareFragment says so', async () => {
    const fragment = await encodeShareFragment({ kind: 'serving', run: await sampleServingRun() }, nodeCompression);
    const error = await failureOf(fragment);
    expect(error.code).toBe('wrong-kind');
  });

  it('name the bad field of a serving payload', async () => {
    const payload = await payloadOf(await encodeShareFragment({ kind: 'serving', run: await sampleServingRun() }, nodeCompression));
    (payload.report as { suite: { share: number } }).suite.share = 7;
    const error = await failureOf(fragmentOf(JSON.stringify(payload), 2));
    expect(error.code).toBe('invalid-content');
    expect(error.message).toMatch(/report\.suite\.share must be ≤ 1/);
  });
});

/** What each comparison fixture link holds, read when it was made from a real run in Chromium. */
const FIXTURE_FACTS: Record<string, { variants: string[]; jobs: number; firstTtfbMs: number; firstSoftware: boolean }> = {
  'v1-mlp-webgpu-vs-wasm.link.txt': { variants: ['webgpu', 'wasm'], jobs: 6, firstTtfbMs: 22_800, firstSoftware: true },
  ...V2_COMPARISON_FACTS,
};

describe('fixtures of every link version keep opening', () => {
  const dir = new URL('../../fixtures/share/', import.meta.url);
  const fixtures = readdirSync(dir).filter((name) => name.endsWith('.link.txt'));
  it.each(SHARE_LINK_VERSIONS.map((v) => [v]))('has a fixture for v%i', (version) => {
    expect(fixtures.some((name) => name.startsWith(`v${version}-`))).toBe(true);
  });
  it.each(fixtures.filter((name) => !(name in SERVING_FIXTURE_FACTS)))('%s', async (name) => {
    const hash = readFileSync(new URL(name, dir), 'utf8').trim();
    const run = await decodeShareFragment(hash, nodeCompression);
    expect(run.variants.length).toBeGreaterThanOrEqual(1);
    expect(run.jobs.length).toBeGreaterThanOrEqual(run.variants.length);
    const expected = FIXTURE_FACTS[name];
    expect(expected, `facts recorded for ${name}`).toBeDefined();
    expect(run.variants.map((v) => v.name)).toEqual(expected?.variants);
    expect(run.jobs).toHaveLength(expected?.jobs ?? -1);
    expect(run.jobs[0]?.result.ttfb?.totalMs).toBe(expected?.firstTtfbMs);
    expect(run.jobs[0]?.result.env?.softwareRenderer).toBe(expected?.firstSoftware);
    const ok = run.jobs.filter((job) => job.result.error === null);
    expect(ok.length, 'the fixture comes from a real, successful run').toBeGreaterThan(0);
    for (const job of ok) expect(job.result.ttfb?.totalMs).toBeGreaterThan(0);
  });
});

describe('a v3 link carries the verdicts its CLI run printed', () => {
  it('opens with the judgement, not a recomputation', async () => {
    const run = await decodeShareFragment(readFileSync(new URL('../../fixtures/share/v3-mlp-cpu-vs-wasm.link.txt', import.meta.url), 'utf8').trim(), nodeCompression);
    const judged = run.judgement && !('byDevice' in run.judgement) ? run.judgement : undefined;
    expect(Object.fromEntries(judged?.metrics.map((m) => [m.metric, m.differences[0]?.verdict]) ?? [])).toEqual(V3_JUDGEMENT_FACTS);
    expect(judged?.baseline).toBe('cpu');
  });
});

describe('serving fixtures keep opening', () => {
  const dir = new URL('../../fixtures/share/', import.meta.url);
  it.each(Object.entries(SERVING_FIXTURE_FACTS))('%s', async (name, facts) => {
    const entry = await decodeShareEntry(readFileSync(new URL(name, dir), 'utf8').trim(), nodeCompression);
    expect(entry.kind).toBe('serving');
    if (entry.kind !== 'serving') return;
    expect(entry.run.report.kind).toBe(facts.kind);
    expect(entry.run.title).toBe(facts.title);
    expect(facts.check(entry.run.report), 'the facts recorded from the real run').toBe(true);
  });
});
