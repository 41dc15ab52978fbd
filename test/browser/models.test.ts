/**
 * Users' models through the bench session, as the CLI runs them: a small CNN LayersModel saved
 * by tfjs-layers in Node (trained on cpu and one small webgpu job, served on wasm), a hand-written
 * GraphModel (serve-only), the shipped job module, a model served by a serving scenario, and every
 * bad input as a real run next to a job that succeeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/core/result.ts';
import { saveBadModels } from '../fixtures/models/make-models.ts';
import { openHarness, type Harness } from './harness.ts';

let harness: Harness;
let dir: string;
let models: Awaited<ReturnType<typeof saveBadModels>>;
const small = { steps: 2, warmupSteps: 0, servingQueries: 2, profileSteps: 0, batchSize: 8 } as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firstbatch-models-'));
  models = await saveBadModels(dir);
  harness = await openHarness();
});
afterAll(async () => {
  await harness?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** CNN parameters: conv 3×3×1×4 + 4, conv 3×3×4×8 + 8, dense 128×10 + 10. */
const CNN_PARAMETERS = 40 + 296 + 1290;

function expectOk(result: JobResult): void {
  expect(result.error, `${result.spec.model ?? result.spec.job} on ${result.spec.backend}`).toBeNull();
}

describe('a LayersModel saved by tfjs-layers', () => {
  let cpu: JobResult;
  let webgpu: JobResult;
  let wasmTrain: JobResult;
  let wasmServe: JobResult;
  beforeAll(async () => {
    const ran = await harness.runPlan([
      { ...small, model: models.good, backend: 'cpu' },
      { ...small, model: models.good, backend: 'webgpu', steps: 1, servingQueries: 1, timeoutMs: 600_000 },
      { ...small, model: models.good, backend: 'wasm' },
      { ...small, model: models.good, backend: 'wasm', mode: 'serve' },
    ]);
    [cpu, webgpu, wasmTrain, wasmServe] = [ran[0]!, ran[1]!, ran[2]!, ran[3]!];
  });

  it('trains with the loss from its saved training config, with a load phase in the TTFB', () => {
    for (const result of [cpu, webgpu]) {
      expectOk(result);
      expect(result.env?.backend, 'the environment is the job\'s backend, not the agreement check\'s cpu').toBe(result.spec.backend);
      expect(result.ttfb!.phases.map((p) => p.name)).toEqual(['spawn', 'import', 'backend', 'load', 'build', 'data', 'first-step']);
      const sumMs = result.ttfb!.phases.reduce((sum, p) => sum + p.ms, 0);
      expect(result.ttfb!.residualMs, 'phases add up to the TTFB').toBeLessThanOrEqual(result.env!.timerResolutionMs ?? 0.005);
      expect(Math.abs(sumMs - result.ttfb!.totalMs)).toBeLessThan(1e-6);
      expect(result.model).toMatchObject({ format: 'layers-model', mode: 'train', ttfbEndsAt: 'first-step', parameterCount: CNN_PARAMETERS, weightBytes: CNN_PARAMETERS * 4, loss: { name: 'categorical-crossentropy', source: 'model' } });
      expect(result.model!.loadBytes, 'model.json + weights.bin').toBeGreaterThan(CNN_PARAMETERS * 4);
      expect(result.model!.inputs[0]?.shape, 'batch dimension from batchSize').toEqual([8, 16, 16, 1]);
      expect(result.model!.outputs[0]?.shape, 'the serving query\'s output').toEqual([1, 10]);
      expect(result.loss!.history.every(Number.isFinite)).toBe(true);
      expect(result.memory!.tensorsAfterServing, 'no tensor leaks across steps and queries').toBe(result.memory!.tensorsAfterWarmup);
    }
    expect(cpu.steps!.samplesMs).toHaveLength(2);
    expect(webgpu.loss!.first, 'same weights, same batch: the same first loss').toBeCloseTo(cpu.loss!.first, 3);
  });

  it('reports peak memory and its agreement with cpu', () => {
    for (const result of [cpu, webgpu]) expect(result.peakMemory!.trainStepPeakBytes!, 'a step holds at least the weights').toBeGreaterThan(CNN_PARAMETERS * 4);
    expect(webgpu.peakMemory!.gpu).toMatchObject({ available: true });
    expect(cpu.peakMemory!.gpu).toMatchObject({ available: false });
    expect(webgpu.agreement).toMatchObject({ available: true, reference: 'cpu', elements: 10, nonFinite: 0, withinTolerance: true });
    expect(cpu.agreement).toMatchObject({ available: false, reason: 'the job ran on cpu, the reference itself' });
  });

  it('names the op wasm lacks to train it, and serves it on wasm', () => {
    expect(wasmTrain.error?.code).toBe('unsupported-op');
    expect(wasmTrain.error?.message).toMatch(/^the wasm backend has no kernel for op Conv2DBackpropFilter/);
    expectOk(wasmServe);
    expect(wasmServe.model).toMatchObject({ mode: 'serve', ttfbEndsAt: 'first-inference', loss: null });
    expect(wasmServe.ttfb!.phases.at(-1)?.name).toBe('first-inference');
    expect(wasmServe.agreement).toMatchObject({ available: true, withinTolerance: true });
  });
});

describe('a GraphModel and a job module', () => {
  let results: JobResult[];
  beforeAll(async () => {
    results = await harness.runPlan([
      { ...small, model: models.graph, backend: 'wasm', servingBatchSize: 3 },
      { ...small, job: join(process.cwd(), 'examples/job-module/regression.js'), backend: 'cpu', width: 16, steps: 6 },
    ]);
  });

  it('serves a GraphModel (auto mode): its TTFB ends at the first inference read back', () => {
    const [graph] = results as [JobResult];
    expectOk(graph);
    expect(graph.ttfb!.phases.map((p) => p.name)).toEqual(['spawn', 'import', 'backend', 'load', 'build', 'data', 'first-inference']);
    expect(graph.model).toMatchObject({ format: 'graph-model', mode: 'serve', parameterCount: 15, weightBytes: 60, outputs: [{ shape: [3, 3] }] });
    expect(graph.steps, 'a serve-only job has no step time').toBeNull();
    expect(graph.memory!.tensorsAfterServing, 'queries leak no tensors').toBe(graph.memory!.tensorsAfterWarmup);
    expect(graph.serving!.samplesMs).toHaveLength(2);
    expect(graph.serving!.coldMs, 'the cold query is the first inference').toBeLessThanOrEqual(graph.ttfb!.phases.at(-1)!.ms);
    expect(graph.agreement).toMatchObject({ available: true, elements: 9, withinTolerance: true });
  });

  it('trains the shipped job module: its loss falls', () => {
    const job = results[1]!;
    expectOk(job);
    expect(job.model).toMatchObject({ format: 'job-module', mode: 'train', parameterCount: 8 * 16 + 16 + 16 + 1 });
    expect(job.loss!.last).toBeLessThan(job.loss!.first);
  });

  it('serves a user\'s model in a serving scenario', async () => {
    const report = await harness.runServing({ kind: 'single-stream', model: { model: models.graph, backend: 'cpu' }, minQueries: 5, minDurationMs: 0 });
    expect(report.kind).toBe('single-stream');
    if (report.kind !== 'single-stream') return;
    expect(report.samplesMs.length).toBeGreaterThanOrEqual(5);
  });
});

describe('bad input: each a clear error naming the file, the neighbouring job runs', () => {
  let results: Record<string, JobResult>;
  beforeAll(async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const plan: Record<string, object> = {
      missingShard: { model: models.missingShard },
      truncatedShard: { model: models.truncatedShard },
      corruptJson: { model: models.corruptJson },
      escapingShard: { model: models.escapingShard },
      hugeInput: { model: models.hugeInput },
      unsupportedOp: { model: models.unsupportedOp },
      rejectedShape: { model: models.rejectedShape },
      graphTrains: { model: models.graph, mode: 'train' },
      noAnswer: { model: `http://127.0.0.1:${closedPort}/model.json` },
      noFile: { model: join(dir, 'nowhere', 'model.json') },
      good: { model: models.good, mode: 'serve' },
    };
    const names = Object.keys(plan);
    const ran = await harness.runPlan(names.map((name) => ({ ...small, backend: 'wasm', ...plan[name] })));
    results = Object.fromEntries(names.map((name, i) => [name, ran[i]!]));
  });

  it.each([
    { name: 'missingShard', code: 'bad-model', message: /missing-shard\/model\.json: weight shard "weights\.bin" is missing \(HTTP 404/ },
    { name: 'truncatedShard', code: 'bad-model', message: /truncated-shard\/model\.json: weight shards truncated: weights\.bin \(3252 bytes\) hold 3252 bytes, the weightsManifest needs 6504/ },
    { name: 'corruptJson', code: 'bad-model', message: /corrupt-json\/model\.json: is not valid JSON/ },
    { name: 'escapingShard', code: 'bad-model', message: /escaping-shard\/model\.json: weightsManifest\[0\] shard path "\.\.\/good\/weights\.bin" leaves the model's folder/ },
    { name: 'hugeInput', code: 'bad-model', message: /input "x" of model .*huge-input\/model\.json would be \[1, 65536, 32768\] = 2\.15e\+9 float32 elements \(8\.0 GiB\), more than the 1\.0 GiB/ },
    { name: 'unsupportedOp', code: 'unsupported-op', message: /^the wasm backend has no kernel for op Einsum/ },
    { name: 'rejectedShape', code: 'bad-model', message: /input "x" of model .*rejected-shape\/model\.json has an unknown dimension 1 \(\[\?, \?\]\): give it with inputShapes \(--input-shape x=1xN\)/ },
    { name: 'graphTrains', code: 'serve-only', message: /^model .*graph\/model\.json is a GraphModel \(a converted SavedModel\): tfjs runs it for inference only/ },
    { name: 'noAnswer', code: 'model-unreachable', message: /^model\.json http:\/\/127\.0\.0\.1:\d+\/model\.json did not answer: Failed to fetch/ },
    { name: 'noFile', code: 'model-unreachable', message: /nowhere\/model\.json: no such file$/ },
  ])('$name: $code', ({ name, code, message }) => {
    const result = results[name]!;
    expect(result.error?.code, result.error?.message).toBe(code);
    expect(result.error?.message).toMatch(message);
    expect(result.spec.model, 'the result names the model as the user gave it').not.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\d+\//);
  });

  it('runs the good model after all of them', () => {
    expectOk(results.good!);
    expect(results.good!.serving!.samplesMs).toHaveLength(2);
  });
});
