/**
 * How fast does a MARC file go into the catalogue? Records per second through the whole import path (an ISO 2709
 * stream framed, parsed, mapped, checked and written a batch of 500 records with their copies per transaction, search
 * index included) into the in-memory store, PGlite and a PostgreSQL server, for generated records with one copy each.
 *
 *   npm run bench:import                      (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_RECORDS=100000 npm run bench:import (records per run; default 100,000)
 *   BENCH_ROUNDS=3 npm run bench:import       (default 3)
 *   BENCH_STORES=memory,postgres npm run bench:import
 *   BENCH_LABEL=quiet npm run bench:import    (results file import-<date>-quiet.md)
 *   BENCH_BATCH=1000 npm run bench:import     (records per transaction; default the importer's, 500)
 *
 * The records are generated once, as a stream (never all in memory), into a file in the temporary directory, and each
 * run imports that file as `shelfmark import` does (read as a stream, not timed apart); the heap after each run, less
 * the heap before, shows whether memory stays flat. Each run is a process of its own (so that none pays for the heap
 * an earlier one left); rounds alternate the order of the stores; the table reports medians with the load average
 * beside them. The PostgreSQL store works in a scratch database dropped at the end. Writes
 * bench/results/import-<date>.md.
 */
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Isbn } from '../../src/domain/catalog/Isbn.js';
import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { recordOf, writeIso2709 } from '../../src/infrastructure/marc/iso2709.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { importMarc } from '../../src/interfaces/cli/marcImport.js';
import { Library } from '../../src/Library.js';
import { adminStatement } from '../support/postgres.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STORES = (process.env.BENCH_STORES ?? 'memory,pglite,postgres').split(',') as ('memory' | 'pglite' | 'postgres')[];
const DATABASE = 'shelfmark_bench_import';
/** Set in the environment of a process that makes one run (see runApart). */
const CHILD = 'SHELFMARK_BENCH_IMPORT_RUN';
const WORDS = ['river', 'stone', 'garden', 'winter', 'letters', 'empire', 'island', 'silence', 'harbour', 'machine', 'orchard', 'voyage'];

const field = (tag: string, ...subfields: [string, string][]) => ({ tag, ind1: ' ', ind2: ' ', subfields: subfields.map(([code, value]) => ({ code, value })) });

/** Record `n`: an ISBN-13 numbered from n, a title and author of three words, a subject, a year, one Koha item. */
function record(n: number): Buffer {
  const isbn = Isbn.fromTwelveDigits(`978${String(n).padStart(9, '0')}`).value;
  const w = (k: number): string => WORDS[(n * 7 + k * 5) % WORDS.length] ?? 'book';
  return writeIso2709(
    recordOf('00000nam a2200000 a 4500', [
        { tag: '001', value: String(n) },
        { tag: '008', value: `850101s${1900 + (n % 120)}    xx ${' '.repeat(17)}eng d` },
        field('020', ['a', isbn]),
        field('100', ['a', `${w(1)}, ${w(2)}`]),
        field('245', ['a', `The ${w(3)} of ${w(4)} ${n} /`]),
        field('264', ['b', 'Bench Press,'], ['c', String(1900 + (n % 120))]),
        field('650', ['a', `${w(5)}.`]),
        field('952', ['a', 'main'], ['o', `${n % 1000}.${n % 97}`], ['p', `B${n}`], ['y', 'BK']),
    ]),
  );
}

function* file(count: number): Generator<Buffer> {
  const batch: Buffer[] = [];
  for (let n = 1; n <= count; n++) {
    batch.push(record(n));
    if (batch.length === 1000) yield Buffer.concat(batch.splice(0));
  }
  if (batch.length > 0) yield Buffer.concat(batch);
}

type StoreName = 'memory' | 'pglite' | 'postgres';
interface RunResult {
  readonly perSecond: number;
  readonly heapMb: number;
}

/** One import of the file into a fresh store of `kind`, in this process. */
async function run(kind: StoreName, input: string): Promise<RunResult> {
  let dir: string | null = null;
  if (kind === 'postgres') {
    await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await adminStatement(SERVER, `CREATE DATABASE ${DATABASE}`);
  }
  const url = new URL(SERVER);
  url.pathname = `/${DATABASE}`;
  if (kind === 'pglite') dir = mkdtempSync(join(os.tmpdir(), 'shelfmark-bench-import-'));
  const store = kind === 'memory' ? new InMemoryStore() : kind === 'pglite' ? SqlStore.pglite(dir ?? undefined) : SqlStore.postgres(url.toString(), { poolSize: 4 });
  if (store instanceof SqlStore) await store.ready();
  const library = Library.create({ store });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const report = await importMarc(library, createReadStream(input), { format: 'marc', ...(process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {}) });
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  if (report.catalogued.added !== RECORDS || report.skipped.length > 0) throw new Error(`imported ${report.catalogued.added} of ${RECORDS}: ${JSON.stringify(report.skipped.slice(0, 3))}`);
  await library.close();
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  if (kind === 'postgres') await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  return { perSecond: RECORDS / seconds, heapMb };
}

/** One run in a process of its own, so that no run pays for what an earlier one left in the heap (a whole catalogue, in memory). */
function runApart(kind: StoreName, input: string): RunResult {
  const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, [CHILD]: JSON.stringify({ kind, input }) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) throw new Error(`the ${kind} run printed no result`);
  return JSON.parse(line.slice('RESULT '.length)) as RunResult;
}

const child = process.env[CHILD];
if (child !== undefined) {
  const { kind, input } = JSON.parse(child) as { kind: StoreName; input: string };
  process.stdout.write(`RESULT ${JSON.stringify(await run(kind, input))}\n`);
  process.exit(0);
}

const INPUT_DIR = mkdtempSync(join(os.tmpdir(), 'shelfmark-bench-import-input-'));
const INPUT = join(INPUT_DIR, 'records.mrc');
await pipeline(Readable.from(file(RECORDS)), createWriteStream(INPUT));

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const results = new Map<string, { perSecond: number[]; heapMb: number[] }>(STORES.map((s) => [s, { perSecond: [], heapMb: [] }]));
const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(', ');
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate the order each round, so that no store always runs on a warmer (or busier) machine.
  for (const kind of round % 2 === 1 ? STORES : [...STORES].reverse()) {
    const r = runApart(kind, INPUT);
    results.get(kind)?.perSecond.push(r.perSecond);
    results.get(kind)?.heapMb.push(r.heapMb);
    console.log(`round ${round} ${kind}: ${r.perSecond.toFixed(0)} records/s, heap ${r.heapMb.toFixed(1)} MB after`);
  }
}
rmSync(INPUT_DIR, { recursive: true, force: true });
const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
const lines = [
  `# bench:import — ${new Date().toISOString().slice(0, 10)}`,
  '',
  `${RECORDS} generated MARC records (one copy each), ${ROUNDS} rounds alternating the order of the stores, each run in a process of its own, medians; load average ${loadBefore} before, ${load} after, on ${os.cpus().length} cores.`,
  '',
  '| store | records/s | heap growth after the run (MB) |',
  '|---|---|---|',
  ...[...results].map(([kind, r]) => `| ${kind} | ${median(r.perSecond).toFixed(0)} | ${median(r.heapMb).toFixed(1)} |`),
  '',
];
mkdirSync('bench/results', { recursive: true });
const out = `bench/results/import-${new Date().toISOString().slice(0, 10)}${process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL}` : ''}.md`;
writeFileSync(out, lines.join('\n'));
console.log(lines.join('\n'));
