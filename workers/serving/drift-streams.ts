/**
 * Serving streams for drift detection, from the real model on the synthetic task: each query's
 * monitored features (after the injected shift), its label (after a concept drift), the
 * queries that carried an unseen categorical value, and the model's score, plus the same for a
 * reference sample of the training distribution.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { DriftStreamRequest, DriftStreamsReply } from '../../src/core/serve-api.ts';
import { driftLabel, keepProbability, shiftCategories, shiftFeatures, type DriftInjection } from '../../src/core/serving/drift.ts';
import { servedId, type CategoricalField } from '../../src/core/serving/drift-categories.ts';
import { createRng, deriveSeed } from '../../src/core/random.ts';
import { VOCABS } from '../workloads/ranker.ts';
import { disposeBatch } from '../workloads/types.ts';
import { DATA_RANGES, type ServingSession } from './session.ts';

const CHUNK = 512;
const CHUNKS_PER_STREAM = 100;

interface Rows {
  /** Per input: its dtype, per-example shape and the examples' values, row-major. */
  inputs: { dtype: tfc.DataType; rowShape: number[]; rows: number[][] }[];
  labels: number[];
}

/** The input whose columns are monitored: the last rank-2 float32 input (dense features). */
function featureInputIndex(inputs: readonly tfc.Tensor[]): number {
  for (let i = inputs.length - 1; i >= 0; i--) if (inputs[i]!.dtype === 'float32' && inputs[i]!.rank === 2) return i;
  throw new Error('drift streams need a workload with dense float features (ranker or fraud)');
}

async function readBatch(session: ServingSession, batchIndex: number, size: number): Promise<{ rows: Rows; featureIndex: number }> {
  const batch = session.makeBatch(batchIndex, size);
  try {
    const featureIndex = featureInputIndex(batch.inputs);
    const inputs = await Promise.all(batch.inputs.map(async (t) => {
      const values = await session.readBack(t);
      const rowSize = t.size / size;
      return {
        dtype: t.dtype,
        rowShape: t.shape.slice(1),
        rows: Array.from({ length: size }, (_, r) => Array.from(values.subarray(r * rowSize, (r + 1) * rowSize))),
      };
    }));
    return { rows: { inputs, labels: Array.from(await session.readBack(batch.labels)) }, featureIndex };
  } finally {
    disposeBatch(batch);
  }
}

async function scoresOf(session: ServingSession, rows: Rows): Promise<number[]> {
  const { tf } = session;
  const scores: number[] = [];
  const count = rows.labels.length;
  for (let start = 0; start < count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK);
    const inputs = rows.inputs.map((input) =>
      tf.tensor(input.rows.slice(start, end).flat(), [end - start, ...input.rowShape], input.dtype === 'int32' ? 'int32' : 'float32'));
    try {
      const { values } = await session.predict(inputs);
      scores.push(...Array.from(values));
    } finally {
      tf.dispose(inputs);
    }
  }
  return scores;
}

/** The workload's categorical ids input and its fields: the ranker's input 0 (ids of VOCABS[f] values per field); none elsewhere. */
function categoricalInput(session: ServingSession): { input: number; fields: CategoricalField[] } | null {
  if (session.spec.workload !== 'ranker') return null;
  return { input: 0, fields: VOCABS.map((vocabulary, f) => ({ name: `field ${f}`, vocabulary })) };
}

/**
 * Query `index`'s categorical ids as served: the injection applied, every id past its field's
 * vocabulary recorded in `unseen[field]`, then clamped into the vocabulary (servedId) — the
 * ranker's one embedding table has no out-of-vocabulary row, and an id past field f's vocabulary
 * would index field f + 1's rows (or fail on cpu), so the model sees the nearest valid id while
 * the query is counted as unseen.
 */
function servedIds(injection: DriftInjection, index: number, raw: readonly number[], fields: readonly CategoricalField[], u: number, unseen: number[][]): number[] {
  const ids = [...raw];
  shiftCategories(injection, index, ids, fields.map((f) => f.vocabulary), u);
  return ids.map((id, f) => {
    const vocabulary = fields[f]!.vocabulary;
    if (servedId(id, vocabulary) === id) return id;
    unseen[f]!.push(index);
    return servedId(id, vocabulary);
  });
}

const columns = (rows: number[][]): number[][] =>
  Array.from({ length: rows[0]?.length ?? 0 }, (_, c) => rows.map((row) => row[c] ?? Number.NaN));

const stdev = (xs: readonly number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

export async function driftStreams(session: ServingSession, request: DriftStreamRequest): Promise<DriftStreamsReply> {
  const reference = await readBatch(session, DATA_RANGES.reference, request.referenceSize);
  const fi = reference.featureIndex;
  const referenceFeatures = columns(reference.rows.inputs[fi]!.rows);
  const featureSd = referenceFeatures.map(stdev);
  const basePositiveRate = reference.rows.labels.filter((y) => y >= 0.5).length / reference.rows.labels.length;
  const categorical = categoricalInput(session);
  if (request.injection.kind === 'unseen-category' && !categorical) throw new Error(`the unseen-category injection needs a workload with categorical fields (ranker), not ${session.spec.workload ?? 'this model'}`);
  const streams: DriftStreamsReply['streams'] = [];
  for (let s = 0; s < request.streams; s++) {
    const rng = createRng(deriveSeed(request.streamSeed, 7_000 + s));
    // Unseen-category draws come from their own generator, so the kept examples are those of every other injection.
    const categoryRng = createRng(deriveSeed(request.streamSeed, 9_000 + s));
    const unseen: number[][] = (categorical?.fields ?? []).map(() => []);
    const kept: Rows = { inputs: reference.rows.inputs.map((i) => ({ ...i, rows: [] })), labels: [] };
    for (let chunk = 0; kept.labels.length < request.queries; chunk++) {
      if (chunk >= CHUNKS_PER_STREAM) throw new Error('the drift injection keeps too few examples to fill the stream');
      // Stream s of stream seed k has its own batches: no two streams share data.
      const batchIndex = DATA_RANGES.drift + (request.streamSeed * 200 + s) * CHUNKS_PER_STREAM + chunk;
      const { rows } = await readBatch(session, batchIndex, CHUNK);
      for (let r = 0; r < CHUNK && kept.labels.length < request.queries; r++) {
        const index = kept.labels.length;
        const label = rows.labels[r]!;
        if (rng.next() >= keepProbability(request.injection, index, label, basePositiveRate, rows.inputs[fi]!.rows[r]!)) continue;
        const features = Float32Array.from(rows.inputs[fi]!.rows[r]!);
        shiftFeatures(request.injection, index, features, featureSd);
        const ids = categorical ? servedIds(request.injection, index, rows.inputs[categorical.input]!.rows[r]!, categorical.fields, categoryRng.next(), unseen) : null;
        rows.inputs.forEach((input, i) => kept.inputs[i]!.rows.push(i === fi ? Array.from(features) : ids !== null && i === categorical?.input ? ids : input.rows[r]!));
        kept.labels.push(driftLabel(request.injection, index, label, features));
      }
    }
    streams.push({
      features: columns(kept.inputs[fi]!.rows),
      scores: await scoresOf(session, kept),
      positiveRate: kept.labels.filter((y) => y >= 0.5).length / kept.labels.length,
      labels: kept.labels,
      ...(categorical ? { unseenCategories: unseen } : {}),
    });
  }
  return {
    featureNames: referenceFeatures.map((_, c) => `feature ${c}`),
    ...(categorical ? { categoricalFields: categorical.fields } : {}),
    reference: { features: referenceFeatures, scores: await scoresOf(session, reference.rows), labels: reference.rows.labels },
    streams,
    referencePositiveRate: basePositiveRate,
  };
}
