/**
 * How fast does a delivery of copies go onto the shelves? Copies per second through `catalog.addCopies` (one
 * transaction and one search-index update per batch) into the in-memory store, PGlite and a PostgreSQL server, beside
 * the same copies shelved one `catalog.addCopy` at a time. In memory the time includes the search index taking the
 * copies (a search at the end waits for it); with a SQL store each serving process's index reads them from the
 * database's change log, which is not part of shelving.
 *
 *   npm run bench:copies                         (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_COPIES=1000000 npm run bench:copies    (copies per batched run; default 200,000)
 *   BENCH_SINGLE=5000 npm run bench:copies       (copies per one-at-a-time run; default 10,000)
 *   BENCH_BATCH=10000 npm run bench:copies       (copies per addCopies call; default 10,000)
 *   BENCH_ROUNDS=3 BENCH_STORES=memory,postgres npm run bench:copies
 *
 * The copies are spread over 1,000 titles catalogued first (not timed). Rounds alternate the order of the runs (each
 * store batched and one at a time), so a machine whose speed drifts moves every row alike; the table reports medians
 * over the rounds with the load average beside them. The heap after a run, less the heap before it, shows what the
 * store keeps (the in-memory store keeps every copy: that growth is the data). PostgreSQL runs in a scratch
 * database dropped at the end. Writes bench/results/copies-<date>.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Store } from '../src/application/ports/Store.js';
import { Isbn } from '../src/domain/catalog/Isbn.js';
import { InMemoryStore } from '../src/infrastructure/memory/InMemoryStore.js';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';
import { Library } from '../src/Library.js';
import { adminStatement } from './support/postgres.js';

type StoreName = 'memory' | 'pglite' | 'postgres';
type Mode = 'batched' | 'one at a time';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COPIES = Number(process.env.BENCH_COPIES ?? 200_000);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STORES = (process.env.BENCH_STORES ?? 'memory,pglite,postgres').split(',') as StoreName[];
const TITLES = 1000;
const DATABASE = 'shelfmark_bench_copies';
for (const [name, value] of Object.entries({ BENCH_COPIES: COPIES, BENCH_SINGLE: SINGLE, BENCH_BATCH: BATCH, BENCH_ROUNDS: ROUNDS })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
}
if (STORES.some((s) => !['memory', 'pglite', 'postgres'].includes(s))) throw new Error(`BENCH_STORES takes memory, pglite and postgres, not ${STORES.join(',')}`);

const isbnOf = (title: number): string => Isbn.fromTwelveDigits(`978${String(title).padStart(9, '0')}`).value;
const copy = (n: number): { barcode: string; isbn: string; branch: string; rack: string } => ({
  barcode: `C${String(n).padStart(8, '0')}`,
  isbn: isbnOf(n % TITLES),
  branch: 'main',
  rack: `${String(n % 40)}-A`,
});

async function openStore(kind: StoreName): Promise<{ store: Store; cleanUp: () => Promise<void> }> {
  if (kind === 'memory') return { store: new InMemoryStore(), cleanUp: () => Promise.resolve() };
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(os.tmpdir(), 'shelfmark-bench-copies-'));
    const store = SqlStore.pglite(dir);
    await store.ready();
    return {
      store,
      cleanUp: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await adminStatement(SERVER, `CREATE DATABASE ${DATABASE}`);
  const url = new URL(SERVER);
  url.pathname = `/${DATABASE}`;
  const store = SqlStore.postgres(url.toString(), { poolSize: 4 });
  await store.ready();
  return { store, cleanUp: () => adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`) };
}

async function run(kind: StoreName, mode: Mode): Promise<{ perSecond: number; heapMb: number }> {
  const { store, cleanUp } = await openStore(kind);
  const library = Library.create({ store });
  await library.catalog.addBooks(Array.from({ length: TITLES }, (_, t) => ({ isbn: isbnOf(t), title: `Delivery title ${String(t)}`, authors: ['Bench'] })));
  const count = mode === 'batched' ? COPIES : SINGLE;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  if (mode === 'batched') {
    for (let from = 0; from < count; from += BATCH) {
      const outcome = await library.catalog.addCopies(Array.from({ length: Math.min(BATCH, count - from) }, (_, i) => copy(from + i)));
      if (outcome.added !== Math.min(BATCH, count - from)) throw new Error(`addCopies added ${String(outcome.added)} of a batch of ${String(Math.min(BATCH, count - from))}`);
    }
  } else {
    for (let n = 0; n < count; n++) await library.catalog.addCopy(copy(n));
  }
  await library.idle();
  // In memory the search index takes each batch's copies after its commit: a search waits for that, so it is timed.
  // A SQL store's index is each serving process's own, read from the database: not part of shelving.
  if (kind === 'memory') await library.catalog.search({ text: 'delivery', availableOnly: true });
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const shelved = (await library.catalog.availability(isbnOf(1))).total;
  if (shelved !== Math.floor(count / TITLES) + (count % TITLES > 1 ? 1 : 0)) throw new Error(`title 1 has ${String(shelved)} copies after shelving ${String(count)}`);
  await library.close();
  await cleanUp();
  return { perSecond: count / seconds, heapMb };
}

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(', ');
const loadBefore = load();
const runs = STORES.flatMap((kind) => (['batched', 'one at a time'] as const).map((mode) => ({ kind, mode, perSecond: [] as number[], heapMb: [] as number[] })));
for (let round = 1; round <= ROUNDS; round++) {
  for (const r of round % 2 === 1 ? runs : [...runs].reverse()) {
    const result = await run(r.kind, r.mode);
    r.perSecond.push(result.perSecond);
    r.heapMb.push(result.heapMb);
    console.log(`round ${String(round)} ${r.kind} ${r.mode}: ${result.perSecond.toFixed(0)} copies/s, heap ${result.heapMb.toFixed(1)} MB after (load ${load()})`);
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const date = new Date().toISOString().slice(0, 10);
const report = [
  `# bench:copies — ${date}`,
  '',
  `\`npm run bench:copies\`: ${COPIES.toLocaleString('en')} copies batched (\`catalog.addCopies\`, ${BATCH.toLocaleString('en')} a call) and`,
  `${SINGLE.toLocaleString('en')} one at a time (\`catalog.addCopy\`), over ${TITLES.toLocaleString('en')} titles; ${String(ROUNDS)} rounds alternating the order, medians.`,
  `Machine: ${String(os.cpus().length)} cores, Node ${process.versions.node}; load average ${loadBefore} before, ${load()} after (\`uptime\`).`,
  '',
  '| store | how | copies | copies/s | heap growth after the run (MB) |',
  '|---|---|--:|--:|--:|',
  ...runs.map((r) => `| ${r.kind} | ${r.mode} | ${(r.mode === 'batched' ? COPIES : SINGLE).toLocaleString('en')} | ${median(r.perSecond).toFixed(0)} | ${median(r.heapMb).toFixed(1)} |`),
  '',
].join('\n');
mkdirSync('bench/results', { recursive: true });
const out = `bench/results/copies-${date}${process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL}` : ''}.md`;
writeFileSync(out, report);
console.log(report);
console.log(`wrote ${out}`);
