/**
 * Search behind a SQL store, as `serve --database-url` runs it: how long a Library on PostgreSQL takes until it can
 * answer (the in-process index streamed from the database), p50/p99 per query kind through `catalog.search()` for
 * the in-process engine and for PostgreSQL full text, and how long a book added through one library takes to show
 * in another's search. The engines alternate within each round; figures are medians over the rounds.
 *
 *   npm run bench:search-sql -- --size 100000 --queries 100 --rounds 3 [--engines in-process,postgres] [--label after]
 * `--label` names the results files (`search-sql-<date>-<label>.md`), so a run before a change and one after it both stay.
 * `--keep` seeds a database named after the size once and leaves it for the next run with `--keep` (runs of two
 * versions of the code can then alternate without seeding each time; drop it by hand afterwards).
 * `--window <file>` writes the first round's start-up (monotonic microseconds) for `bench/support/topFrames.ts`, when
 * run under `node --cpu-prof`.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { SearchEngine } from '../../src/composition/stores.js';
import { PostgresSearchIndex } from '../../src/infrastructure/sql/PostgresSearchIndex.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { Library } from '../../src/Library.js';
import { adminStatement } from '../support/postgres.js';
import { BRANCHES, generateCorpus, isbn13, type Corpus } from './generator.js';
import { searchQueryOf, type BenchQuery, type QueryKind } from './peers.js';
import { KINDS, makeQueries } from './queries.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 5000;
const LAG_SAMPLES = 5;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)]!;
};
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const uptime = (): string => execSync('uptime').toString().trim();

/** Writes the corpus straight into the tables (the benchmark measures search, not cataloguing): titles, and their copies. */
async function load(store: SqlStore, corpus: Corpus): Promise<number> {
  const sql = await store.driver.acquire();
  let copies = 0;
  try {
    // Copies belong to a branch row (migration 022).
    await sql.query(
      `INSERT INTO branches (id, version, name, hold_shelf) SELECT id, 1, id, 'Hold shelf' FROM unnest($1::text[]) AS b(id) ON CONFLICT (id) DO NOTHING`,
      [BRANCHES],
    );
    for (let from = 0; from < corpus.books.length; from += BATCH) {
      const books = corpus.books.slice(from, from + BATCH).map((b) => ({ ...b, publisher: null }));
      await sql.query(
        `INSERT INTO books (record_id, isbn, identifiers, version, title, authors, subjects, publisher, year, language, description)
         SELECT isbn, isbn, ARRAY['ISBN:' || isbn], 1, title, authors, subjects, publisher, year, language, description
         FROM jsonb_to_recordset($1::jsonb) AS x(isbn text, title text, authors text[], subjects text[], publisher text, year int, language text, description text)`,
        [JSON.stringify(books)],
      );
      const items = [];
      for (let i = from; i < Math.min(from + BATCH, corpus.books.length); i++) {
        const isbn = corpus.books[i]!.isbn;
        const branch = BRANCHES[corpus.branch[i]!]!;
        const n = corpus.available[i]!;
        for (let c = 1; c <= n; c++) items.push({ barcode: `${isbn}-${c}`, isbn, branch, status: 'AVAILABLE', loan_id: null, loan_member_id: null });
        if (n === 0) items.push({ barcode: `${isbn}-1`, isbn, branch, status: 'LOANED', loan_id: `loan-${isbn}`, loan_member_id: 'member-1' });
      }
      copies += items.length;
      await sql.query(
        `INSERT INTO book_items (barcode, version, isbn, branch, rack, reference_only, status, loan_id, loan_member_id)
         SELECT barcode, 1, isbn, branch, 'A-1', false, status, loan_id, loan_member_id
         FROM jsonb_to_recordset($1::jsonb) AS x(barcode text, isbn text, branch text, status text, loan_id text, loan_member_id text)`,
        [JSON.stringify(items)],
      );
    }
    await sql.query('ANALYZE');
  } finally {
    sql.release();
  }
  return copies;
}

interface RoundResult {
  readonly engine: SearchEngine;
  readonly readySeconds: number;
  readonly heapMB: number;
  /** The most heap (and array buffers) seen above the start while the index was built, sampled every 50 ms. */
  readonly peakMB: number;
  /** CPU time of this process (user + system) from `Library.create` until ready: less swayed by the machine's load than `readySeconds`. */
  readonly cpuSeconds: number;
  /** Of `heapMB` and `peakMB`, what is in V8's heap (`heapUsed`, which `--max-old-space-size` bounds), not in array buffers. */
  readonly jsHeapMB: number;
  readonly jsPeakMB: number;
  readonly kinds: Record<string, { readonly p50: number; readonly p99: number }>;
  readonly lagMs: number | null;
}

async function timeQueries(library: Library, queries: ReadonlyMap<QueryKind, readonly BenchQuery[]>): Promise<RoundResult['kinds']> {
  const kinds: Record<string, { p50: number; p99: number }> = {};
  for (const kind of KINDS) {
    const qs = queries.get(kind) ?? [];
    for (const q of qs.slice(0, 5)) await library.catalog.search(searchQueryOf(q));
    const times: number[] = [];
    for (const q of qs) {
      const started = performance.now();
      await library.catalog.search(searchQueryOf(q));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    kinds[kind] = { p50: percentile(times, 50), p99: percentile(times, 99) };
  }
  return kinds;
}

/** A book added through a second library, until the first one's search finds it: the feed's lag, by notification. */
async function lag(url: string, reader: Library, round: number, size: number): Promise<number> {
  // The writer never searches, so it builds no index of its own; it notifies the reader after each commit.
  const writer = Library.create({ store: SqlStore.postgres(url, { poolSize: 2 }) });
  const samples: number[] = [];
  try {
    for (let i = 0; i < LAG_SAMPLES; i++) {
      // Unique to this run too: a kept database holds the markers of the runs before.
      const word = `lagmarker${process.pid}r${round}x${i}`;
      const started = performance.now();
      await writer.catalog.addBook({ isbn: isbn13(size + 1 + (process.pid % 100_000) * 100 + round * LAG_SAMPLES + i), title: `Marker ${word}`, authors: ['Lag Probe'], subjects: [] });
      while ((await reader.catalog.search({ text: word })).total === 0) await new Promise((resolve) => setImmediate(resolve));
      samples.push(performance.now() - started);
    }
  } finally {
    await writer.close();
  }
  return median(samples);
}

const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const jsUsed = (): number => process.memoryUsage().heapUsed;
/** V8's heap used before the first round, beside `heapBefore`. */
let jsBefore = 0;

/** `heapBefore`: what the process held before the first round (after a full collection), so no round is measured from another's leftovers. */
async function round(url: string, engine: SearchEngine, queries: ReadonlyMap<QueryKind, readonly BenchQuery[]>, n: number, size: number, heapBefore: number): Promise<RoundResult> {
  let peak = used();
  let jsPeak = jsUsed();
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
    jsPeak = Math.max(jsPeak, jsUsed());
  }, 50);
  const started = performance.now();
  const from = process.hrtime.bigint() / 1000n;
  const cpuBefore = process.cpuUsage();
  const library = Library.create({ store: SqlStore.postgres(url, { poolSize: 4 }), searchEngine: engine });
  try {
    try {
      await library.searchReady();
      await library.catalog.search({ text: 'a', limit: 1 });
    } finally {
      clearInterval(sampler);
    }
    const readySeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const windowFile = arg('window', '');
    if (windowFile !== '' && n === 0) writeFileSync(windowFile, JSON.stringify({ from: Number(from), to: Number(process.hrtime.bigint() / 1000n) }));
    const peakMB = (Math.max(peak, used()) - heapBefore) / 1e6;
    (globalThis as { gc?: () => void }).gc?.();
    const heapMB = (used() - heapBefore) / 1e6;
    const jsHeapMB = (jsUsed() - jsBefore) / 1e6;
    const jsPeakMB = (jsPeak - jsBefore) / 1e6;
    process.stderr.write(`  ${engine}: ready in ${readySeconds.toFixed(1)} s (cpu ${cpuSeconds.toFixed(1)} s), heap ${heapMB.toFixed(0)} MB (peak ${peakMB.toFixed(0)} MB; V8 heap ${jsHeapMB.toFixed(0)} MB, peak ${jsPeakMB.toFixed(0)} MB)\n`);
    const kinds = await timeQueries(library, queries);
    const lagMs = engine === 'in-process' ? await lag(url, library, n, size) : null;
    return { engine, readySeconds, heapMB, peakMB, cpuSeconds, jsHeapMB, jsPeakMB, kinds, lagMs };
  } finally {
    await library.close();
  }
}

async function main(): Promise<void> {
  const size = Number(arg('size', '100000'));
  const perKind = Number(arg('queries', '100'));
  const rounds = Number(arg('rounds', '3'));
  const engines = arg('engines', 'in-process,postgres').split(',') as SearchEngine[];
  const label = arg('label', '');
  const keep = process.argv.includes('--keep');
  const name = keep ? `shelfmark_bench_search_sql_${size}` : `shelfmark_bench_search_sql_${process.pid}`;
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const loadBefore = uptime();
  if (!keep) await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const seeded = await adminStatement(SERVER, `CREATE DATABASE ${name}`).then(
    () => false,
    (error: unknown) => {
      if (keep && (error as { code?: string }).code === '42P04') return true; // kept from an earlier run: seeded already
      throw error;
    },
  );
  try {
    const corpus = generateCorpus(size);
    const queries = makeQueries(corpus, perKind);
    const setup = SqlStore.postgres(url.toString(), { poolSize: 1 });
    await setup.ready();
    const loadStarted = performance.now();
    const copies = seeded ? await counted(setup) : await load(setup, corpus);
    const levelStarted = performance.now();
    if (engines.includes('postgres')) {
      const sql = await setup.driver.acquire();
      await PostgresSearchIndex.levelWithBooks(sql);
      sql.release();
    }
    process.stderr.write(`loaded ${size} books and ${copies} copies in ${((levelStarted - loadStarted) / 1000).toFixed(1)} s; full-text documents in ${((performance.now() - levelStarted) / 1000).toFixed(1)} s\n`);
    await setup.close();
    const results: RoundResult[] = [];
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = used();
    jsBefore = jsUsed();
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? engines : [...engines].reverse();
      for (const engine of order) results.push(await round(url.toString(), engine, queries, r, size, heapBefore));
    }
    const loadAfter = uptime();
    const md = report(size, copies, perKind, rounds, results, loadBefore, loadAfter);
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
    mkdirSync(dir, { recursive: true });
    const date = new Date().toISOString().slice(0, 10);
    const stem = `search-sql-${date}${label === '' ? '' : `-${label}`}`;
    writeFileSync(path.join(dir, `${stem}.md`), md);
    writeFileSync(path.join(dir, `${stem}.json`), `${JSON.stringify({ date, node: process.version, size, copies, perKind, rounds, loadBefore, loadAfter, results }, null, 2)}\n`);
    process.stdout.write(md);
  } finally {
    if (!keep) await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** The copies of a database seeded by an earlier run. */
async function counted(store: SqlStore): Promise<number> {
  const sql = await store.driver.acquire();
  try {
    return Number((await sql.query('SELECT count(*) AS n FROM book_items')).rows[0]?.n ?? 0);
  } finally {
    sql.release();
  }
}

function report(size: number, copies: number, perKind: number, rounds: number, results: readonly RoundResult[], before: string, after: string): string {
  const fmt = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  const header = ['engine', 'ready s', 'cpu s', 'heap MB', 'peak MB', ...KINDS.map((k) => `${k} p50/p99 ms`), 'lag ms'];
  const lines = [
    `# Search behind a SQL store (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Node ${process.version}; PostgreSQL on the same machine; ${size.toLocaleString('en-US')} synthetic books (bench/search/generator.ts), ${copies.toLocaleString('en-US')} copies; ${perKind} queries per kind through \`catalog.search()\`; ${rounds} rounds, engines alternating; medians over the rounds.`,
    'Ready: from `Library.create` until the first search answered (in-process: the catalogue streamed from the database into the index); cpu: this process\'s CPU time over the same span (the database server\'s is not in it). Heap: heap and array buffers held once ready (after a full collection), above what the process held before the first round; peak: the most seen while building (sampled every 50 ms). Lag: a book added through a second library until this one\'s search finds it.',
    '',
    `Machine load before: \`${before}\``,
    `Machine load after: \`${after}\``,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
  ];
  for (const engine of ['in-process', 'postgres'] as const) {
    const mine = results.filter((r) => r.engine === engine);
    if (mine.length === 0) continue;
    const cells = KINDS.map((k) => `${fmt(median(mine.map((r) => r.kinds[k]!.p50)))} / ${fmt(median(mine.map((r) => r.kinds[k]!.p99)))}`);
    const lagMs = mine.every((r) => r.lagMs === null) ? 'n/a' : fmt(median(mine.map((r) => r.lagMs ?? Number.NaN)));
    lines.push(`| ${engine} | ${fmt(median(mine.map((r) => r.readySeconds)))} | ${fmt(median(mine.map((r) => r.cpuSeconds)))} | ${median(mine.map((r) => r.heapMB)).toFixed(0)} | ${median(mine.map((r) => r.peakMB)).toFixed(0)} | ${cells.join(' | ')} | ${lagMs} |`);
  }
  lines.push('', 'Every round:', '', '| round | engine | ready s | cpu s | ' + KINDS.map((k) => `${k} p99`).join(' | ') + ' |', `|${['', '', '', '', ...KINDS].map(() => '---').join('|')}|`);
  const perRound = new Set(results.map((r) => r.engine)).size;
  results.forEach((r, i) => lines.push(`| ${Math.floor(i / perRound) + 1} | ${r.engine} | ${fmt(r.readySeconds)} | ${fmt(r.cpuSeconds)} | ${KINDS.map((k) => fmt(r.kinds[k]!.p99)).join(' | ')} |`));
  return `${lines.join('\n')}\n`;
}

await main();
