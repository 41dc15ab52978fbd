/**
 * model.json, parsed and checked before any weight is fetched: which format it is (LayersModel or
 * GraphModel), its weight groups, and the bytes each group's shards must hold. Every error names
 * the file and what is wrong with it.
 */
import { z } from 'zod';
import { MODEL_DEFAULTS } from '../defaults.ts';
import { messageOf } from '../errors.ts';
import { describeIssues, LOSSES, type LossName } from '../spec.ts';

export type ModelJsonFormat = 'layers-model' | 'graph-model';

/** Bytes per element of the weight dtypes tfjs stores. */
const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, int8: 1, uint16: 2, int16: 2, float16: 2, complex64: 8 };

const weightEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
  group: z.enum(['model', 'optimizer']).optional(),
  quantization: z.object({ dtype: z.enum(['uint16', 'uint8', 'float16']), scale: z.number().optional(), min: z.number().optional() }).optional(),
});
const weightGroupSchema = z.object({ paths: z.array(z.string()).min(1), weights: z.array(weightEntrySchema) }).passthrough();

const modelJsonSchema = z.object({
  format: z.string().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(weightGroupSchema).default([]),
  trainingConfig: z.record(z.string(), z.unknown()).optional(),
  signature: z.unknown().optional(),
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
  modelInitializer: z.unknown().optional(),
  initializerSignature: z.unknown().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
}).passthrough();

export type WeightGroup = z.infer<typeof weightGroupSchema>;
export type WeightEntry = z.infer<typeof weightEntrySchema>;

export interface ModelJson {
  readonly format: ModelJsonFormat;
  /** The parsed JSON as tfjs's loaders take it. */
  readonly raw: z.infer<typeof modelJsonSchema>;
  readonly groups: readonly WeightGroup[];
  /** Bytes every group's shards must hold together; null where a string weight makes it variable. */
  readonly groupBytes: readonly (number | null)[];
  readonly parameterCount: number;
  /** The loss in the saved training config, in firstbatch's names; null when none (or one firstbatch does not know). */
  readonly savedLoss: { readonly name: LossName } | { readonly unknown: string } | null;
}

export class ModelFileError extends Error {
  constructor(readonly file: string, what: string) {
    super(`${file}: ${what}`);
    this.name = 'ModelFileError';
  }
}

/** Parses model.json text; `file` names it in errors (a path or URL as the user gave it). */
export function parseModelJson(text: string, file: string): ModelJson {
  if (text.length > MODEL_DEFAULTS.maxModelJsonBytes) throw new ModelFileError(file, `is ${text.length} bytes, more than the ${MODEL_DEFAULTS.maxModelJsonBytes} a model.json may have (weights belong in the shards)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(file, `is not valid JSON (${messageOf(error)})`);
  }
  const parsed = modelJsonSchema.safeParse(json);
  if (!parsed.success) throw new ModelFileError(file, `is not a TensorFlow.js model.json: ${describeIssues(parsed.error, json).join('; ')}`);
  const raw = parsed.data;
  const format = formatOf(raw, file);
  raw.weightsManifest.forEach((group, g) => group.paths.forEach((path) => checkShardPath(path, file, g)));
  const groupBytes = raw.weightsManifest.map((group) => groupByteCount(group));
  const parameterCount = raw.weightsManifest.reduce((sum, group) => sum + group.weights.reduce((n, w) => n + elementCount(w.shape), 0), 0);
  return { format, raw, groups: raw.weightsManifest, groupBytes, parameterCount, savedLoss: savedLossOf(raw) };
}

function formatOf(raw: z.infer<typeof modelJsonSchema>, file: string): ModelJsonFormat {
  if (raw.format === 'graph-model' || raw.format === 'layers-model') return raw.format;
  if (raw.format !== undefined) throw new ModelFileError(file, `has format ${JSON.stringify(raw.format)}; firstbatch loads "layers-model" and "graph-model"`);
  const topology = raw.modelTopology;
  if (Array.isArray(topology.node)) return 'graph-model';
  if ('class_name' in topology || 'model_config' in topology || 'config' in topology) return 'layers-model';
  throw new ModelFileError(file, 'has no format field and a modelTopology that is neither a Keras model (class_name, config) nor a graph (node)');
}

/**
 * A shard path stays inside the model's folder: relative, no "..", no scheme, no backslash.
 * The loader resolves it against model.json's own location and nothing else.
 */
export function checkShardPath(path: string, file: string, group: number): void {
  const bad =
    path === '' ? 'is empty'
      : /^[a-z][a-z0-9+.-]*:/i.test(path) ? 'is a URL, not a path next to model.json'
        : path.startsWith('/') ? 'is absolute'
          : path.includes('\\') ? 'contains a backslash'
            : path.split('/').some((segment) => segment === '..') ? 'leaves the model\'s folder ("..")'
              : path.split('/').some((segment) => segment === '' || segment === '.') ? 'has an empty or "." segment'
                : null;
  if (bad !== null) throw new ModelFileError(file, `weightsManifest[${group}] shard path ${JSON.stringify(path)} ${bad}; shards must sit in model.json's folder or below it`);
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** Bytes a group's weights take in its shards (quantized weights at their stored dtype). */
export function groupByteCount(group: WeightGroup): number | null {
  let total = 0;
  for (const weight of group.weights) {
    const dtype = weight.quantization?.dtype ?? weight.dtype;
    const size = DTYPE_BYTES[dtype];
    if (size === undefined) return null;
    total += elementCount(weight.shape) * size;
  }
  return total;
}

/** Checks a group's fetched shards against the manifest; names the shard that is short or long. */
export function checkShardBytes(file: string, group: WeightGroup, expectedBytes: number | null, shardBytes: readonly number[]): void {
  if (expectedBytes === null) return;
  const total = shardBytes.reduce((a, b) => a + b, 0);
  if (total === expectedBytes) return;
  const names = group.paths.map((p, i) => `${p} (${shardBytes[i] ?? 0} bytes)`).join(', ');
  const what = total < expectedBytes ? 'truncated' : 'longer than the manifest says';
  throw new ModelFileError(file, `weight shards ${what}: ${names} hold ${total} bytes, the weightsManifest needs ${expectedBytes} for ${group.weights.length} weights`);
}

const KERAS_LOSSES: Readonly<Record<string, LossName>> = {
  mse: 'mse', mean_squared_error: 'mse', meanSquaredError: 'mse', MeanSquaredError: 'mse',
  categorical_crossentropy: 'categorical-crossentropy', categoricalCrossentropy: 'categorical-crossentropy', CategoricalCrossentropy: 'categorical-crossentropy',
  sparse_categorical_crossentropy: 'sparse-categorical-crossentropy', sparseCategoricalCrossentropy: 'sparse-categorical-crossentropy', SparseCategoricalCrossentropy: 'sparse-categorical-crossentropy',
  binary_crossentropy: 'binary-crossentropy', binaryCrossentropy: 'binary-crossentropy', BinaryCrossentropy: 'binary-crossentropy',
};

/** A Keras/tfjs loss name (or a firstbatch one) in firstbatch's names; null when unknown. */
export function lossFromKeras(name: string): LossName | null {
  if ((LOSSES as readonly string[]).includes(name)) return name as LossName;
  return KERAS_LOSSES[name] ?? null;
}

/** The loss in trainingConfig (tfjs save) or modelTopology.training_config (Keras export). */
function savedLossOf(raw: z.infer<typeof modelJsonSchema>): ModelJson['savedLoss'] {
  const config = raw.trainingConfig ?? raw.modelTopology.training_config;
  if (config === null || typeof config !== 'object' || !('loss' in config)) return null;
  const loss: unknown = config.loss;
  const name = typeof loss === 'string' ? loss : loss !== null && typeof loss === 'object' && 'class_name' in loss && typeof loss.class_name === 'string' ? loss.class_name : null;
  if (name === null) return { unknown: JSON.stringify(loss) };
  const known = lossFromKeras(name);
  return known ? { name: known } : { unknown: name };
}
