import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCiArgs } from '../../../bench/ci.ts';

// The recipe is a file users copy: check that what it runs is what `firstbatch ci` accepts.
const workflow = readFileSync(new URL('../../../docs/ci/firstbatch.yml', import.meta.url), 'utf8');

/** The folded `run: >-` command of the bench step, as the shell sees it on a pull request or a push to main. */
function benchCommand(event: 'pull_request' | 'push'): string[] {
  const block = /run: >-\n((?: {10}.*\n)+)/.exec(workflow)?.[1];
  if (!block) throw new Error('no folded run: block in the workflow');
  const text = block
    .split('\n')
    .map((line) => line.trim())
    .join(' ')
    .replace(/\$\{\{ github\.event_name == 'push' && '([^']*)' \|\| '' \}\}/, event === 'push' ? '$1' : '')
    .replaceAll('"$SUITE"', 'bench/firstbatch.json')
    .replaceAll('"${{ vars.FIRSTBATCH_STORE }}"', 'https://perf.example.com/p/web')
    .replaceAll('"../base/$SUITE"', '../base/bench/firstbatch.json');
  return text.split(/\s+/).filter((word) => word !== '');
}

describe('the GitHub Actions recipe (docs/ci/firstbatch.yml)', () => {
  it('runs `firstbatch ci` with flags it accepts, uploading every run to the store (no cached file as the trend)', () => {
    for (const event of ['pull_request', 'push'] as const) {
      const [npx, bin, command, ...argv] = benchCommand(event);
      expect([npx, bin, command]).toEqual(['npx', 'firstbatch', 'ci']);
      const flags = parseCiArgs(argv);
      expect(flags).toMatchObject({ suite: 'bench/firstbatch.json', 'base-suite': '../base/bench/firstbatch.json', upload: 'https://perf.example.com/p/web' });
      expect([flags.trend, flags['save-baseline']], event).toEqual([undefined, undefined]);
    }
  });

  it('installs with apt-get update first, may comment, and checks out the base only for pull requests', () => {
    expect(workflow).toMatch(/run: apt-get update && apt-get install -y --no-install-recommends chromium/);
    expect(workflow).toMatch(/permissions:\n\s+contents: read\n\s+pull-requests: write/);
    expect(workflow).toMatch(/if: github\.event_name == 'pull_request'\n\s+uses: actions\/checkout@v4\n\s+with:\n\s+ref: \$\{\{ github\.event\.pull_request\.base\.sha \}\}\n\s+path: base/);
    expect(workflow).toMatch(/GITHUB_TOKEN: \$\{\{ github\.token \}\}/);
    expect(workflow).toMatch(/FIRSTBATCH_TOKEN: \$\{\{ secrets\.FIRSTBATCH_TOKEN \}\}/);
    expect(workflow).not.toContain('actions/cache');
  });
});
