import { describe, expect, it } from 'vitest';
import { expandCombinations } from '../../src/core/combinations.ts';
import { jobSpecObject, textKindOf } from '../../src/core/spec.ts';
import { valueOfText, type TextKind } from '../../src/core/spec-text.ts';

describe('valueOfText: a field value given as text', () => {
  it.each<[string, TextKind, unknown]>([
    ['64', 'number', 64],
    ['.5', 'number', 0.5],
    ['5.', 'number', 5],
    ['-1', 'number', -1],
    ['+2', 'number', 2],
    ['1e-3', 'number', 0.001],
    ['1E+3', 'number', 1000],
    [' 128 ', 'number', 128],
    ['wide', 'number', 'wide'],
    ['0x10', 'number', '0x10'],
    ['1..2', 'number', '1..2'],
    ['', 'number', ''],
    ['true', 'boolean', true],
    [' false', 'boolean', false],
    ['yes', 'boolean', 'yes'],
    ['64', 'text', '64'],
    ['true', 'text', 'true'],
    [' wasm ', 'text', 'wasm'],
    ['.5', 'any', 0.5],
    ['8', 'any', 8],
    ['true', 'any', true],
    ['false', 'any', false],
    ['webgpu', 'any', 'webgpu'],
    ['', 'any', ''],
  ])('%j read as %s is %j', (text, kind, value) => {
    expect(valueOfText(text, kind)).toEqual(value);
  });
});

describe('textKindOf: how a spec field reads its text, from its schema type', () => {
  it.each<[keyof typeof jobSpecObject.shape, TextKind]>([
    ['width', 'number'],
    ['learningRate', 'number'],
    ['dataSeed', 'number'],
    ['agreement', 'boolean'],
    ['backend', 'text'],
    ['loss', 'text'],
    ['model', 'text'],
    ['flags', 'any'],
  ])('%s: %s', (field, kind) => {
    expect(textKindOf(field)).toBe(kind);
  });
});

describe('expandCombinations', () => {
  it('gives every combination, the first axis varying slowest', () => {
    expect(expandCombinations<string | number>([['backend', ['webgpu', 'wasm']], ['width', [64, 128]]])).toEqual([
      { backend: 'webgpu', width: 64 },
      { backend: 'webgpu', width: 128 },
      { backend: 'wasm', width: 64 },
      { backend: 'wasm', width: 128 },
    ]);
  });
  it('is one empty combination without axes, and none where an axis has no values', () => {
    expect(expandCombinations([])).toEqual([{}]);
    expect(expandCombinations([['backend', ['cpu']], ['width', []]])).toEqual([]);
  });
});
