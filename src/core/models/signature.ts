/**
 * A user model's signature → the shapes, dtypes and value ranges of its synthetic inputs.
 * Shapes and dtypes come from the model; the batch dimension (null / -1) takes the batch size;
 * any other unknown dimension must be given in the spec's inputShapes, or the job fails naming
 * the input. Pure, so it is tested without a browser.
 */
import { MODEL_DEFAULTS } from '../defaults.ts';
import type { JobSpec, LossName } from '../spec.ts';
import { elementCount } from './manifest.ts';

export const INPUT_DTYPES = ['float32', 'int32', 'bool'] as const;
export type InputDtype = (typeof INPUT_DTYPES)[number];

/** One input as the model declares it: a dimension is null when unknown (tfjs writes null or -1). */
export interface DeclaredInput {
  readonly name: string;
  readonly shape: readonly (number | null)[] | null;
  readonly dtype: string;
}

export interface ResolvedInput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: InputDtype;
  /** Values are drawn from min ≤ v < max (integers for int32; 0/1 for bool). */
  readonly range: { readonly min: number; readonly max: number };
}

export class InputShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputShapeError';
  }
}

const BYTES: Readonly<Record<InputDtype, number>> = { float32: 4, int32: 4, bool: 1 };

/** "input:0" and "input" name the same GraphModel input. */
const bare = (name: string): string => name.replace(/:0$/, '');

function lookup<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return record[name] ?? record[bare(name)] ?? record[`${bare(name)}:0`];
}

function known(dim: number | null | undefined): dim is number {
  return typeof dim === 'number' && dim >= 0;
}

/**
 * The inputs of a batch of `batchSize` examples. `what` names the model in errors
 * ("model ./cnn/model.json"). Throws InputShapeError naming the input and the spec field to set.
 */
export function resolveInputs(
  declared: readonly DeclaredInput[],
  spec: Pick<JobSpec, 'inputShapes' | 'inputRanges'>,
  batchSize: number,
  what: string,
): ResolvedInput[] {
  const names = declared.map((input) => input.name);
  for (const field of ['inputShapes', 'inputRanges'] as const) {
    for (const given of Object.keys(spec[field])) {
      if (!names.some((name) => bare(name) === bare(given))) {
        throw new InputShapeError(`${field} names input ${JSON.stringify(given)}, which ${what} does not have (its inputs: ${names.join(', ') || 'none'})`);
      }
    }
  }
  return declared.map((input) => {
    const dtype = inputDtype(input, what);
    const shape = resolveShape(input, lookup(spec.inputShapes, input.name), batchSize, what);
    const elements = elementCount(shape);
    const bytes = elements * BYTES[dtype];
    if (bytes > MODEL_DEFAULTS.maxInputBytes) {
      throw new InputShapeError(
        `input ${JSON.stringify(input.name)} of ${what} would be [${shape.join(', ')}] = ${elements.toExponential(2)} ${dtype} elements (${formatGiB(bytes)}), ` +
          `more than the ${formatGiB(MODEL_DEFAULTS.maxInputBytes)} one synthetic input may take: give smaller inputShapes or batch size`,
      );
    }
    const range = lookup(spec.inputRanges, input.name) ?? (dtype === 'float32' ? MODEL_DEFAULTS.floatRange : dtype === 'bool' ? { min: 0, max: 2 } : MODEL_DEFAULTS.intRange);
    return { name: input.name, shape, dtype, range };
  });
}

function inputDtype(input: DeclaredInput, what: string): InputDtype {
  const dtype = input.dtype.replace(/^DT_/, '').toLowerCase().replace(/^float$/, 'float32').replace(/^int$/, 'int32');
  if ((INPUT_DTYPES as readonly string[]).includes(dtype)) return dtype as InputDtype;
  throw new InputShapeError(`input ${JSON.stringify(input.name)} of ${what} has dtype ${input.dtype}; firstbatch makes synthetic float32, int32 and bool inputs only`);
}

function resolveShape(input: DeclaredInput, given: readonly number[] | undefined, batchSize: number, what: string): number[] {
  const declared = input.shape;
  const field = `inputShapes (--input-shape ${bare(input.name)}=${example(declared, batchSize)})`;
  if (declared === null) {
    if (!given) throw new InputShapeError(`input ${JSON.stringify(input.name)} of ${what} has an unknown rank: give its shape with ${field}`);
    return [batchSize, ...given.slice(1)];
  }
  if (given && given.length !== declared.length) {
    throw new InputShapeError(`input ${JSON.stringify(input.name)} of ${what} has rank ${declared.length} ([${declared.map(showDim).join(', ')}]), inputShapes gives rank ${given.length} ([${given.join(', ')}])`);
  }
  return declared.map((dim, axis) => {
    if (axis === 0) {
      if (!known(dim)) return batchSize;
      if (dim !== batchSize) {
        throw new InputShapeError(`input ${JSON.stringify(input.name)} of ${what} has a fixed batch dimension of ${dim} ([${declared.map(showDim).join(', ')}]): run it with a batch size of ${dim} (batchSize / servingBatchSize)`);
      }
      return dim;
    }
    const wanted = given?.[axis];
    if (known(dim)) {
      if (wanted !== undefined && wanted !== dim) {
        throw new InputShapeError(`input ${JSON.stringify(input.name)} of ${what} has dimension ${axis} fixed at ${dim}; inputShapes gives ${wanted}`);
      }
      return dim;
    }
    if (wanted === undefined) {
      throw new InputShapeError(`input ${JSON.stringify(input.name)} of ${what} has an unknown dimension ${axis} ([${declared.map(showDim).join(', ')}]): give it with ${field}`);
    }
    return wanted;
  });
}

const showDim = (dim: number | null): string => (known(dim) ? String(dim) : '?');

function example(declared: readonly (number | null)[] | null, batchSize: number): string {
  if (declared === null) return `${batchSize}x…`;
  return declared.map((dim, axis) => (axis === 0 ? String(batchSize) : known(dim) ? String(dim) : 'N')).join('x');
}

function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(bytes >= 2 ** 30 ? 1 : 3)} GiB`;
}

/**
 * The labels' shape for a loss: class ids [B] for sparse categorical cross-entropy, else the
 * output's shape with its batch dimension. Throws naming the output when a dimension is unknown.
 */
export function labelShape(output: DeclaredInput, loss: LossName, batchSize: number, what: string): number[] {
  if (loss === 'sparse-categorical-crossentropy') return [batchSize];
  const shape = output.shape;
  if (shape === null) throw new InputShapeError(`output ${JSON.stringify(output.name)} of ${what} has an unknown rank, so its labels cannot be shaped`);
  return shape.map((dim, axis) => {
    if (axis === 0) return batchSize;
    if (!known(dim)) throw new InputShapeError(`output ${JSON.stringify(output.name)} of ${what} has an unknown dimension ${axis}, so its labels cannot be shaped`);
    return dim;
  });
}
