/**
 * The results store's speed with a history behind it: N stored runs (default 10,000, seeded
 * straight into the database), then uploads and trend queries over HTTP against the running
 * server, one at a time, p50/p95 of each. On embedded PGlite and on a PostgreSQL server (--db,
 * else a throwaway cluster started like the tests'). Not a test: targets are printed beside the
 * numbers (trend query p95 ≤ 50 ms, upload p95 ≤ 100 ms).
 *
 *   npx tsx bench/store-bench.ts [--runs 10000] [--samples 200] [--store pglite|postgres|both] [--db postgres://…]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../server/main.ts';
import { insertRun } from '../server/runs.ts';
import { Store } from '../server/store.ts';
import { startTestPostgres } from '../test/server/postgres.ts';
import { quantile } from '../src/core/stats/index.ts';

const ADMIN = 'store-bench-admin';
const TEMPLATE: { results: { ttfb: { totalMs: number } | null; steps: { medianMs: number } | null }[] } = JSON.parse(
  readFileSync(new URL('../test/fixtures/store/real-run.json', import.meta.url), 'utf8'),
);
const DEVICE = 'cpu (no GPU adapter)';

/** Run `seed`: the real run's file with every TTFB and step median moved by a deterministic ±5%. */
function runBody(seed: number) {
  const record = structuredClone(TEMPLATE) as typeof TEMPLATE;
  record.results.forEach((result, i) => {
    const factor = 1 + (((seed * 7919 + i * 104_729) % 1000) / 1000 - 0.5) / 10;
    if (result.ttfb) result.ttfb.totalMs *= factor;
    if (result.steps) result.steps.medianMs *= factor;
  });
  const createdAt = new Date(Date.UTC(2026, 0, 1) + seed * 60_000).toISOString();
  return { meta: { commit: `c${seed}`, parentCommit: seed > 0 ? `c${seed - 1}` : null, branch: 'main', createdAt, ciUrl: null, device: DEVICE }, record };
}

async function seed(server: RunningServer, runs: number): Promise<number> {
  const started = performance.now();
  const batch = 100;
  for (let from = 0; from < runs; from += batch) {
    await server.database.transaction(async (tx) => {
      if (from === 0) await tx.query("INSERT INTO projects (name, write_token_hash) VALUES ('bench', 'x') ON CONFLICT DO NOTHING");
      for (let i = from; i < Math.min(runs, from + batch); i += 1) await insertRun(tx, Store.parseUpload('bench', runBody(i)));
    });
  }
  return performance.now() - started;
}

async function timed(samples: number, once: (i: number) => Promise<Response>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    const response = await once(i);
    await response.arrayBuffer();
    ms.push(performance.now() - started);
    if (!response.ok) throw new Error(`request ${i} answered ${response.status}`);
  }
  return ms;
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms (n=${ms.length})`;
};

async function benchOne(label: string, location: { data: string } | { db: string }, runs: number, samples: number): Promise<void> {
  const server = await startServer({ ...location, adminToken: ADMIN, appDir: null });
  try {
    const seedMs = await seed(server, runs);
    process.stdout.write(`${label}: seeded ${runs} runs in ${(seedMs / 1000).toFixed(1)} s (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    const uploads = await timed(samples, (i) =>
      fetch(new URL('/api/p/bench/runs', server.url), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(runBody(runs + i)) }),
    );
    const query = new URLSearchParams({ suite: 'command line', variant: 'wasm', metric: 'ttfb.totalMs', device: DEVICE });
    const trends = await timed(samples, () => fetch(new URL(`/api/p/bench/trend?${query}`, server.url)));
    process.stdout.write(`${label}: upload ${summary(uploads)} [target p95 ≤ 100 ms]\n`);
    process.stdout.write(`${label}: trend query (${runs + samples} points, newest 1,000 returned) ${summary(trends)} [target p95 ≤ 50 ms]\n`);
    process.stdout.write(`${label}: load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, samples: { type: 'string', default: '200' }, store: { type: 'string', default: 'both' }, db: { type: 'string' } } });
  const runs = Number(values.runs);
  const samples = Number(values.samples);
  if (values.store === 'pglite' || values.store === 'both') {
    const dir = mkdtempSync(join(tmpdir(), 'fb-store-bench-'));
    try {
      await benchOne('pglite', { data: dir }, runs, samples);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (values.store === 'postgres' || values.store === 'both') {
    if (values.db !== undefined) return benchOne('postgres', { db: values.db }, runs, samples);
    const pg = await startTestPostgres();
    try {
      await benchOne('postgres', { db: await pg.createDatabase('store_bench') }, runs, samples);
    } finally {
      pg.stop();
    }
  }
}

await main();
