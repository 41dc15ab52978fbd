import { describe, expect, it } from 'vitest';
import { parseSuiteResultFile } from '../../../src/core/compare/index.ts';
import { decodeShareFragment, encodeShareFragment } from '../../../src/core/share/link.ts';
import { entryOfResultsJson, ResultsFileError, runOfResultsJson } from '../../../src/core/share/from-results.ts';
import { parseImportFile } from '../../../src/core/share/history-record.ts';
import { fakeResult } from '../compare/fixtures.ts';
import { nodeCompression } from './compression.ts';

const file = (extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  tool: { name: 'firstbatch', version: '0.1.0' },
  suite: { name: 'ci', kind: 'comparison', threshold: '10%', metrics: ['steps.medianMs'] },
  results: [
    { ...fakeResult({ ttfbMs: 900, stepMs: 40, spec: { width: 64 } }), variant: 'a', repetition: 0, device: 'node-1' },
    { ...fakeResult({ ttfbMs: 950, stepMs: 60, spec: { width: 96 } }), variant: 'b', repetition: 0, device: 'node-1' },
    { ...fakeResult({ ttfbMs: 910, stepMs: 41, spec: { width: 64 } }), variant: 'a', repetition: 1, device: 'node-1' },
  ],
  ...extra,
});

describe('a results file as a run (the CLI share link, the app opening a file)', () => {
  it('keeps variants (with their device), rounds and every job, and survives a share link', async () => {
    const run = runOfResultsJson(file());
    expect(run.title).toBe('ci');
    expect(run.threshold).toBe('10%');
    expect(run.variants.map((v) => v.name)).toEqual(['a @ node-1', 'b @ node-1']);
    expect(run.jobs.map((j) => [j.variant, j.repetition])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(run.repetitions).toBe(2);
    const fragment = await encodeShareFragment(run, nodeCompression);
    const opened = await decodeShareFragment(fragment, nodeCompression);
    expect(opened.jobs.map((j) => j.result.steps?.medianMs)).toEqual([40, 60, 41]);
    expect(fragment.startsWith('#r=v3.')).toBe(true);
  });

  it('keeps the device peaks the run measured, so an opened file draws its roofline', async () => {
    const peak = {
      backend: 'wasm', flopsPerSec: 3.16e10, matmul: [{ n: 1024, ms: 68, flopsPerSec: 3.16e10 }], bytesPerSec: 1.12e10,
      bandwidth: { elements: 4194304, ms: 6, bytes: 67108864 }, device: 'WebAssembly, 1 thread of 2 cores', software: true,
    };
    const run = runOfResultsJson(file({ peaks: [peak] }));
    expect(run.peaks).toEqual([peak]);
    const opened = await decodeShareFragment(await encodeShareFragment(run, nodeCompression), nodeCompression);
    expect(opened.peaks?.[0]?.flopsPerSec).toBeCloseTo(3.16e10, -8);
    expect(runOfResultsJson(file()).peaks).toBeUndefined();
  });

  it('opens as a comparison entry, and History imports it too', () => {
    const entry = entryOfResultsJson(file(), '2026-11-28T00:00:00.000Z');
    expect(entry.kind).toBe('comparison');
    const imported = parseImportFile(file(), '2026-11-28T00:00:00.000Z');
    expect(imported.runs[0]?.entry.kind).toBe('comparison');
    expect(imported.runs[0]?.entry.run.title).toBe('ci');
  });

  it('a calibration or interleaved report says the app does not show it and how to print it, instead of listing fields', () => {
    for (const kind of ['calibration', 'interleaved']) {
      expect(() => entryOfResultsJson({ schemaVersion: 1, tool: { name: 'firstbatch', version: '1' }, kind, report: {}, results: [] }, '2026-11-28T00:00:00.000Z')).toThrow(
        new ResultsFileError(`this is a ${kind} report: the app shows comparison, lab and serving results; print it with \`firstbatch bench --from FILE\``),
      );
    }
  });

  it('a file with no job results says there is nothing to share', () => {
    expect(() => runOfResultsJson(file({ results: [] }))).toThrow(ResultsFileError);
  });

  it('a file from a newer firstbatch names its version instead of listing fields', () => {
    expect(() => parseSuiteResultFile(file({ schemaVersion: 2, tool: { name: 'firstbatch', version: '3.0.0' } }))).toThrow(
      'results file: schemaVersion 2 was written by a newer firstbatch (firstbatch 3.0.0); this one reads schemaVersion 1: upgrade firstbatch to open it',
    );
  });
});
