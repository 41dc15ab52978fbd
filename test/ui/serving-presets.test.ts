import { describe, expect, it } from 'vitest';
import { parseServingSuite } from '../../src/core/serving/index.ts';
import { SERVING_PRESETS } from '../../src/ui/serving-presets.ts';

describe('the serving view\'s presets', () => {
  it.each(Object.entries(SERVING_PRESETS))('%s is a valid serving suite', (_name, suite) => {
    expect(() => parseServingSuite(suite)).not.toThrow();
  });
});
