import { describe, expect, it } from 'vitest';
import { DEFAULTS, LIMITS } from '../../src/core/defaults.ts';
import { parseJobSpec, SpecError, specDelta } from '../../src/core/spec.ts';

describe('parseJobSpec', () => {
  it('fills every missing field from DEFAULTS', () => {
    const spec = parseJobSpec({});
    for (const [key, value] of Object.entries(DEFAULTS)) expect(spec[key as keyof typeof spec], key).toEqual(value);
    expect(spec.flags).toEqual({});
    expect(spec.fault).toBe('none');
  });

  it('keeps what is given', () => {
    const spec = parseJobSpec({ workload: 'transformer', backend: 'wasm', batchSize: 8, steps: 12, syncEvery: 4, flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 8 } });
    expect(spec).toMatchObject({ workload: 'transformer', backend: 'wasm', batchSize: 8, steps: 12, syncEvery: 4 });
    expect(specDelta(spec)).toEqual({ workload: 'transformer', backend: 'wasm', batchSize: 8, steps: 12, syncEvery: 4, flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 8 } });
  });

  it.each([
    { label: 'below range', input: { batchSize: 0 }, error: `batchSize must be ≥ 1 (got 0, allowed 1…${LIMITS.batchSize.max})` },
    { label: 'above range', input: { width: 5000 }, error: 'width must be ≤ 4096 (got 5000, allowed 8…4096)' },
    { label: 'not an integer', input: { steps: 2.5 }, error: 'steps must be an integer (got 2.5, allowed 0…100000)' },
    { label: 'wrong type', input: { seed: 'one' }, error: 'seed must be a number (got "one", allowed 0…4294967295)' },
    { label: 'unknown backend', input: { backend: 'metal' }, error: 'backend must be one of "webgpu", "webgl", "wasm", "cpu" (got "metal")' },
    { label: 'unknown workload', input: { workload: 'gpt' }, error: 'workload must be one of "mlp", "cnn", "two-tower", "ranker", "fraud", "transformer" (got "gpt")' },
    { label: 'unknown field', input: { batchsize: 64 }, error: 'unknown field batchsize' },
    { label: 'syncEvery must divide steps', input: { steps: 10, syncEvery: 3 }, error: 'syncEvery must divide steps (10)' },
    { label: 'device-lost needs webgpu', input: { backend: 'cpu', fault: 'device-lost' }, error: 'fault device-lost needs backend "webgpu"' },
    { label: 'flag names are tfjs style', input: { flags: { lowercase: 1 } }, error: 'flags.lowercase' },
  ])('rejects $label with a message naming the field', ({ input, error }) => {
    expect(() => parseJobSpec(input)).toThrow(SpecError);
    expect(() => parseJobSpec(input)).toThrow(error);
  });

  it('names every bad field at once', () => {
    try {
      parseJobSpec({ batchSize: -1, steps: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).issues).toHaveLength(2);
    }
  });

  it('runs the default workload only when neither a model nor a job module is given', () => {
    expect(parseJobSpec({}).workload).toBe('mlp');
    const model = parseJobSpec({ model: './cnn/model.json', inputShapes: { x: [1, 28, 28, 1] }, inputRanges: { ids: { min: 0, max: 100 } }, loss: 'mse' });
    expect(model.workload, 'a model spec names no workload').toBeUndefined();
    expect(model).toMatchObject({ model: './cnn/model.json', mode: 'auto', agreement: true, loss: 'mse' });
    expect(parseJobSpec(model), 'a parsed spec parses again to itself (share links, results files)').toEqual(model);
    expect(parseJobSpec({ job: 'https://example.test/regression.js' }).workload).toBeUndefined();
  });

  it.each([
    { label: 'workload and model', input: { workload: 'mlp', model: 'm.json' }, error: 'model give one of workload and model, not both' },
    { label: 'model and job', input: { model: 'm.json', job: 'j.js' }, error: 'job give one of model and job, not both' },
    { label: 'precompile with a model', input: { model: 'm.json', precompile: true }, error: 'precompile works with built-in workloads only' },
    { label: 'input shapes for a workload', input: { inputShapes: { x: [1, 2] } }, error: 'inputShapes applies to a model or job' },
    { label: 'an empty range', input: { model: 'm.json', inputRanges: { x: { min: 3, max: 3 } } }, error: 'inputRanges.x needs min < max (got 3..3)' },
    { label: 'an unknown loss', input: { model: 'm.json', loss: 'hinge' }, error: 'loss must be one of "mse"' },
    { label: 'an unknown mode', input: { model: 'm.json', mode: 'fit' }, error: 'mode must be one of "auto", "train", "serve"' },
  ])('rejects $label, naming the field', ({ input, error }) => {
    expect(() => parseJobSpec(input)).toThrow(error);
  });

  it('rejects a non-object', () => {
    expect(() => parseJobSpec('mlp')).toThrow(/invalid job spec/);
  });
});
