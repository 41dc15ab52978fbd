import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../bench/args.ts';
import { GPU_ARGS, mergeArgs, CHROMIUM_ARGS } from '../../bench/browser.ts';
import { chromiumCandidates, findChromium } from '../../bench/chromium.mjs';
import { EXIT, main } from '../../bench/main.ts';
import { captureIo } from './io.ts';

describe('browser flags: one vocabulary in bench/args.ts', () => {
  it('--gpu adds the Vulkan preset and --chromium-arg comes after it, so it wins', () => {
    const options = parseCli(['--gpu', '--chromium-arg=--use-angle=gl', '--chromium-arg=--enable-logging']);
    expect(options.gpu).toBe(true);
    expect(options.extraArgs).toEqual([...GPU_ARGS, '--use-angle=gl', '--enable-logging']);
    expect(mergeArgs(CHROMIUM_ARGS, options.extraArgs)).toContain('--use-angle=gl');
    expect(mergeArgs(CHROMIUM_ARGS, options.extraArgs)).not.toContain('--use-angle=vulkan');
    expect(() => parseCli(['--chromium-arg=use-vulkan'])).toThrow('--chromium-arg takes a Chromium switch such as --chromium-arg=--use-angle=vulkan, got "use-vulkan"');
  });

  it('--browser-endpoint is repeatable, named or named by host, and checked', () => {
    expect(parseCli(['--browser-endpoint', 'gpu=ws://box:3000/pw', '--browser-endpoint', 'selenium+http://hub:4444', '--browser-endpoint', 'selenium+http://hub:4444']).endpoints).toEqual([
      { name: 'gpu', url: 'ws://box:3000/pw' },
      { name: 'hub:4444 #1', url: 'selenium+http://hub:4444' },
      { name: 'hub:4444 #2', url: 'selenium+http://hub:4444' },
    ]);
    expect(() => parseCli(['--browser-endpoint', 'ftp://box'])).toThrow(UsageError);
    expect(() => parseCli(['--browser-endpoint', 'a=ws://x:1', '--browser-endpoint', 'a=ws://y:1'])).toThrow('the name "a" is given twice');
    expect(() => parseCli(['--browser-endpoint', 'nonsense'])).toThrow('--browser-endpoint takes [NAME=]URL');
  });

  it('--app-url and FIRSTBATCH_APP_URL set where share links point; the default says it is local', () => {
    expect(parseCli(['--app-url', 'https://acme.github.io/firstbatch']).appUrl).toEqual({ url: new URL('https://acme.github.io/firstbatch/'), configured: true });
    const saved = process.env.FIRSTBATCH_APP_URL;
    try {
      process.env.FIRSTBATCH_APP_URL = 'https://perf.acme.example/app/index.html';
      expect(parseCli([]).appUrl.url.href).toBe('https://perf.acme.example/app/');
      delete process.env.FIRSTBATCH_APP_URL;
      expect(parseCli([]).appUrl).toEqual({ url: new URL('http://127.0.0.1:4173/'), configured: false });
      expect(() => parseCli(['--app-url', 'https://acme.example/?x=1'])).toThrow('--app-url must have no query or fragment');
    } finally {
      if (saved === undefined) delete process.env.FIRSTBATCH_APP_URL;
      else process.env.FIRSTBATCH_APP_URL = saved;
    }
  });

  it('run-only browser flags do not apply to --from', () => {
    expect(() => parseCli(['--from', 'x.json', '--gpu'])).toThrow('--gpu does not apply to --from');
    expect(() => parseCli(['--from', 'x.json', '--side-by-side', 'b.json'])).toThrow(UsageError);
    expect(() => parseCli(['--side-by-side', 'b.json'])).toThrow('--side-by-side takes the base\'s suite and needs --suite');
  });
});

describe('Chromium discovery: one list in bench/chromium.mjs', () => {
  it('honours CHROME_PATH, then CHROME_BIN, then Debian\'s and Google Chrome\'s usual paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firstbatch-chrome-'));
    const chrome = join(dir, 'chrome');
    writeFileSync(chrome, '#!/bin/sh\n');
    chmodSync(chrome, 0o755);
    expect(findChromium({ CHROME_BIN: chrome })).toBe(chrome);
    expect(findChromium({ CHROME_PATH: '/nonexistent/chromium', CHROME_BIN: chrome })).toBe(chrome);
    const list = chromiumCandidates({});
    expect(list.indexOf('/usr/bin/chromium')).toBeLessThan(list.indexOf('/usr/bin/google-chrome-stable'));
    expect(list).toContain('/opt/google/chrome/chrome');
  });
});

describe('a baseline from a newer firstbatch', () => {
  it('is refused before anything runs, naming the version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firstbatch-newer-'));
    const baseline = join(dir, 'base.json');
    writeFileSync(baseline, JSON.stringify({ schemaVersion: 2, tool: { name: 'firstbatch', version: '2.0.0' }, results: [] }));
    const capture = captureIo();
    expect(await main(['--backend', 'cpu', '--baseline', baseline], capture.io)).toBe(EXIT.error);
    expect(capture.stderr()).toContain(`${baseline}: invalid results file: schemaVersion 2 was written by a newer firstbatch (firstbatch 2.0.0); this one reads schemaVersion 1: upgrade firstbatch to open it`);
  });
});
