import { describe, expect, it } from 'vitest';
import { checkShardBytes, lossFromKeras, ModelFileError, parseModelJson } from '../../../src/core/models/manifest.ts';

const layers = {
  format: 'layers-model',
  modelTopology: { class_name: 'Sequential', config: { layers: [] } },
  trainingConfig: { loss: 'categorical_crossentropy' },
  weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [{ name: 'k', shape: [3, 4], dtype: 'float32' }, { name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } }] }],
};

describe('parseModelJson', () => {
  it('reads the format, the weight groups, their bytes, the parameter count and the saved loss', () => {
    const json = parseModelJson(JSON.stringify(layers), 'cnn/model.json');
    expect(json.format).toBe('layers-model');
    expect(json.groupBytes, '3×4 float32 + 10 uint8-quantized').toEqual([12 * 4 + 10]);
    expect(json.parameterCount).toBe(22);
    expect(json.savedLoss).toEqual({ name: 'categorical-crossentropy' });
  });

  it.each([
    { label: 'a graph (node list)', topology: { node: [] }, format: 'graph-model' },
    { label: 'a Keras model (class_name)', topology: { class_name: 'Functional', config: {} }, format: 'layers-model' },
    { label: 'a Keras export (model_config)', topology: { model_config: {} }, format: 'layers-model' },
  ])('detects $label without a format field', ({ topology, format }) => {
    expect(parseModelJson(JSON.stringify({ modelTopology: topology }), 'm.json').format).toBe(format);
  });

  it.each([
    { label: 'corrupt JSON', text: '{"format": "layers-model", "modelTopology": {', error: /^m\.json: is not valid JSON/ },
    { label: 'no topology', text: '{"format": "graph-model"}', error: /^m\.json: is not a TensorFlow.js model.json: modelTopology/ },
    { label: 'an unknown format', text: '{"format": "onnx", "modelTopology": {}}', error: /format "onnx"; firstbatch loads "layers-model" and "graph-model"/ },
    { label: 'a topology of neither kind', text: '{"modelTopology": {"x": 1}}', error: /neither a Keras model/ },
  ])('names the file when it reads $label', ({ text, error }) => {
    expect(() => parseModelJson(text, 'm.json')).toThrow(ModelFileError);
    expect(() => parseModelJson(text, 'm.json')).toThrow(error);
  });

  it.each([
    { path: '../other/weights.bin', why: 'leaves the model\'s folder' },
    { path: 'a/../../weights.bin', why: 'leaves the model\'s folder' },
    { path: '/etc/passwd', why: 'is absolute' },
    { path: 'https://elsewhere.example/w.bin', why: 'is a URL' },
    { path: 'a\\..\\w.bin', why: 'contains a backslash' },
    { path: 'a//w.bin', why: 'has an empty or "." segment' },
  ])('refuses shard path $path ($why)', ({ path, why }) => {
    const json = { ...layers, weightsManifest: [{ paths: [path], weights: [] }] };
    expect(() => parseModelJson(JSON.stringify(json), 'cnn/model.json')).toThrow(`cnn/model.json: weightsManifest[0] shard path ${JSON.stringify(path)} ${why}`);
  });

  it('accepts shards in a subfolder', () => {
    const json = { ...layers, weightsManifest: [{ paths: ['weights/a.bin'], weights: [] }] };
    expect(parseModelJson(JSON.stringify(json), 'm.json').groups[0]?.paths).toEqual(['weights/a.bin']);
  });
});

describe('checkShardBytes', () => {
  const group = layers.weightsManifest[0]! as Parameters<typeof checkShardBytes>[1];
  it('passes shards that hold exactly the manifest\'s bytes', () => {
    expect(() => checkShardBytes('m.json', group, 58, [29, 29])).not.toThrow();
  });
  it('names each shard and both byte counts when they are short', () => {
    expect(() => checkShardBytes('m.json', group, 58, [29, 3])).toThrow('m.json: weight shards truncated: group1-shard1of2.bin (29 bytes), group1-shard2of2.bin (3 bytes) hold 32 bytes, the weightsManifest needs 58 for 2 weights');
  });
  it('says when they are longer than the manifest', () => {
    expect(() => checkShardBytes('m.json', group, 58, [29, 30])).toThrow(/longer than the manifest says/);
  });
});

describe('lossFromKeras', () => {
  it.each([
    ['mean_squared_error', 'mse'], ['meanSquaredError', 'mse'], ['sparse_categorical_crossentropy', 'sparse-categorical-crossentropy'],
    ['BinaryCrossentropy', 'binary-crossentropy'], ['categorical-crossentropy', 'categorical-crossentropy'], ['hinge', null],
  ])('%s → %s', (keras, ours) => expect(lossFromKeras(keras)).toBe(ours));
});
