import { describe, expect, it } from 'vitest';
import { HISTORY_RECORD_FORMAT, parseImportFile, readHistoryRecord, toHistoryFile } from '../../../src/core/share/history-record.ts';
import { runToResultFile } from '../../../src/core/share/export.ts';
import { toServingResultFile } from '../../../src/core/runner/results-file.ts';
import { sampleRun } from './sample-run.ts';
import { sampleServingRun } from './sample-serving.ts';

const NOW = '2026-11-28T12:00:00.000Z';

describe('stored history records', () => {
  it('read a format-1 record (a bare comparison run) and mark it for migration', () => {
    const run = sampleRun();
    const item = readHistoryRecord(3, { id: 3, savedAt: NOW, run });
    expect(item).toEqual({ id: 3, savedAt: NOW, entry: { kind: 'comparison', run }, migrated: true });
  });

  it('read a format-2 record of either kind', async () => {
    const serving = await sampleServingRun();
    const item = readHistoryRecord(4, { id: 4, savedAt: NOW, format: HISTORY_RECORD_FORMAT, entry: { kind: 'serving', run: serving } });
    expect(item.entry?.kind).toBe('serving');
    expect(item).toMatchObject({ migrated: false });
  });

  const broken = sampleRun();
  const cases: [label: string, record: unknown, reason: RegExp][] = [
    ['a run whose field no longer parses', { savedAt: NOW, run: { ...broken, threshold: 'five percent' } }, /no longer matches this version's schema: .*threshold/],
    ['a newer record format', { savedAt: NOW, format: 9, entry: {} }, /stored by a newer firstbatch \(record format 9/],
    ['an unknown kind', { savedAt: NOW, format: 2, entry: { kind: 'lab', run: {} } }, /no longer matches.*kind/],
    ['not an object', 'hello', /not an object/],
  ];
  it.each(cases)('say why %s cannot be opened, keeping its title', (_label, record, reason) => {
    const item = readHistoryRecord(7, record);
    expect(item.entry).toBeNull();
    if (item.entry !== null) return;
    expect(item.problem).toMatch(reason);
    expect(item.id).toBe(7);
  });

  it('keep the title of a record that cannot be opened', () => {
    const item = readHistoryRecord(1, { savedAt: NOW, run: { ...broken, threshold: '?' } });
    expect(item.entry === null && item.title).toBe(broken.title);
  });
});

describe('the history file', () => {
  it('round-trips every run, and names each one it skips', async () => {
    const comparison = { kind: 'comparison' as const, run: sampleRun() };
    const serving = { kind: 'serving' as const, run: await sampleServingRun() };
    const file = JSON.parse(JSON.stringify(toHistoryFile([{ savedAt: NOW, entry: comparison }, { savedAt: NOW, entry: serving }], NOW))) as { runs: unknown[] };
    file.runs.push({ savedAt: NOW, entry: { kind: 'comparison', run: { title: 'broken' } } });
    const imported = parseImportFile(file, NOW);
    expect(imported.runs.map((r) => r.entry.kind)).toEqual(['comparison', 'serving']);
    expect(imported.runs[0]?.entry).toEqual(comparison);
    expect(imported.skipped).toHaveLength(1);
    expect(imported.skipped[0]).toMatch(/^run 3: .*createdAt/);
  });

  it('imports a run the app exported (results file with its layout) and a serving results file', async () => {
    const run = sampleRun();
    const fromComparison = parseImportFile(JSON.parse(JSON.stringify(runToResultFile(run, '0.1.0'))), NOW);
    expect(fromComparison.runs[0]?.entry).toEqual({ kind: 'comparison', run });
    const serving = await sampleServingRun();
    const fromServing = parseImportFile(JSON.parse(JSON.stringify(toServingResultFile(serving.report, '0.1.0'))), NOW);
    expect(fromServing.runs[0]?.entry.kind).toBe('serving');
  });

  it.each([
    ['a newer history file', { format: 'firstbatch-history', version: 2, exportedAt: NOW, runs: [] }, /version 2, made by a newer firstbatch/],
    ['something else', { hello: 1 }, /neither a firstbatch history file nor a run exported by the app/],
    ['a list', [1, 2], /not a JSON object/],
  ])('refuses %s with a sentence', (_label, data, message) => {
    expect(() => parseImportFile(data, NOW)).toThrow(message);
  });
});
