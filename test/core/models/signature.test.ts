import { describe, expect, it } from 'vitest';
import { InputShapeError, labelShape, resolveInputs, type DeclaredInput } from '../../../src/core/models/signature.ts';
import type { JobSpec } from '../../../src/core/spec.ts';

type Given = Pick<JobSpec, 'inputShapes' | 'inputRanges'>;

const none: Given = { inputShapes: {}, inputRanges: {} };
const image: DeclaredInput = { name: 'input:0', shape: [null, 224, 224, 3], dtype: 'DT_FLOAT' };

describe('resolveInputs', () => {
  it('gives the batch dimension the batch size and keeps the model\'s other dimensions and dtype', () => {
    expect(resolveInputs([image], none, 8, 'model m')).toEqual([{ name: 'input:0', shape: [8, 224, 224, 3], dtype: 'float32', range: { min: 0, max: 1 } }]);
  });

  it('reads int inputs with the default pixel range, or the range given by name (with or without ":0")', () => {
    const ids: DeclaredInput = { name: 'ids:0', shape: [-1 as unknown as null, 16], dtype: 'int32' };
    expect(resolveInputs([ids], none, 2, 'm')[0]).toMatchObject({ shape: [2, 16], dtype: 'int32', range: { min: 0, max: 256 } });
    expect(resolveInputs([ids], { inputShapes: {}, inputRanges: { ids: { min: 0, max: 30000 } } }, 2, 'm')[0]?.range).toEqual({ min: 0, max: 30000 });
  });

  it('takes an unknown dimension from inputShapes', () => {
    const free: DeclaredInput = { name: 'x', shape: [null, null, null, 3], dtype: 'float32' };
    expect(resolveInputs([free], { inputShapes: { x: [1, 64, 48, 3] }, inputRanges: {} }, 4, 'm')[0]?.shape).toEqual([4, 64, 48, 3]);
  });

  it.each([
    { label: 'an unknown dimension not given', inputs: [{ name: 'x', shape: [null, null, 3], dtype: 'float32' }], spec: none, batch: 1, error: 'input "x" of model m has an unknown dimension 1 ([?, ?, 3]): give it with inputShapes (--input-shape x=1xNx3)' },
    { label: 'an unknown rank', inputs: [{ name: 'x', shape: null, dtype: 'float32' }], spec: none, batch: 1, error: 'input "x" of model m has an unknown rank' },
    { label: 'a given shape of another rank', inputs: [image], spec: { inputShapes: { input: [1, 224, 224] }, inputRanges: {} }, batch: 1, error: 'has rank 4' },
    { label: 'a given dimension the model fixes otherwise', inputs: [image], spec: { inputShapes: { input: [1, 224, 100, 3] }, inputRanges: {} }, batch: 1, error: 'dimension 2 fixed at 224; inputShapes gives 100' },
    { label: 'a fixed batch dimension', inputs: [{ name: 'x', shape: [1, 4], dtype: 'float32' }], spec: none, batch: 8, error: 'has a fixed batch dimension of 1 ([1, 4]): run it with a batch size of 1' },
    { label: 'an input the model lacks', inputs: [image], spec: { inputShapes: { pixels: [1, 2] }, inputRanges: {} }, batch: 1, error: 'inputShapes names input "pixels", which model m does not have (its inputs: input:0)' },
    { label: 'a dtype without synthetic data', inputs: [{ name: 's', shape: [null], dtype: 'string' }], spec: none, batch: 1, error: 'has dtype string; firstbatch makes synthetic float32, int32 and bool inputs only' },
    { label: 'a shape of 2^31 elements', inputs: [{ name: 'x', shape: [null, 65536, 32768], dtype: 'float32' }], spec: none, batch: 1, error: 'would be [1, 65536, 32768] = 2.15e+9 float32 elements (8.0 GiB), more than the 1.0 GiB' },
  ])('names the input when it meets $label', ({ inputs, spec, batch, error }) => {
    expect(() => resolveInputs(inputs as DeclaredInput[], spec as Given, batch, 'model m')).toThrow(InputShapeError);
    expect(() => resolveInputs(inputs as DeclaredInput[], spec as Given, batch, 'model m')).toThrow(error);
  });
});

describe('labelShape', () => {
  const output: DeclaredInput = { name: 'dense', shape: [null, 10], dtype: 'float32' };
  it.each([
    ['sparse-categorical-crossentropy', [32]],
    ['categorical-crossentropy', [32, 10]],
    ['mse', [32, 10]],
  ] as const)('%s labels are %j', (loss, shape) => expect(labelShape(output, loss, 32, 'm')).toEqual(shape));
  it('names an output whose labels cannot be shaped', () => {
    expect(() => labelShape({ name: 'y', shape: [null, null], dtype: 'float32' }, 'mse', 2, 'model m')).toThrow('output "y" of model m has an unknown dimension 1');
  });
});
