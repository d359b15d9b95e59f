/**
 * Does the desk's dashboard stay fast at a million loans? Times `GET /api/statistics/circulation`'s work
 * (`library.reports.statistics()`), the overdue list and the hold shelf on PostgreSQL with 1,000,000 loans spread over
 * two years (about 1,400 a day, today's and this month's among them), first with migration 024's indexes and then with
 * them dropped, so the table shows what the indexes buy.
 *
 *   npm run bench:statistics            (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_LOANS=200000 npm run bench:statistics
 *   BENCH_ITERATIONS=20 npm run bench:statistics   (timed calls per case; default 10)
 *
 * The loans are written straight into the scratch database with generate_series (no use case runs a million times);
 * the members, title and copies they name are made through the library first. The scratch database is dropped at the
 * end. The load average is printed beside the numbers: on a shared machine they are only comparable within one run.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../src/infrastructure/system/FixedClock.js';
import { Library } from '../src/Library.js';
import { adminStatement } from './support/postgres.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOANS = Number(process.env.BENCH_LOANS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10);
const DATABASE = 'shelfmark_bench_counter_statistics';
const NOW = '2026-09-22T15:00:00.000Z';
const COPIES = 200;
const MEMBERS = 50;
const ISBN = '9780262033848';
// The indexes the reports read (024's, and 023's pickup-shelf index, which serves the hold shelf since 026).
const INDEXES_OF_024 = ['loans_checked_out_at', 'loans_returned_at', 'payments_paid_at', 'reservations_ready', 'book_items_pickup_shelf'];

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function seed(library: Library, store: SqlStore): Promise<void> {
  await library.catalog.addBook({ isbn: ISBN, title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] });
  for (let i = 1; i <= COPIES; i++) await library.catalog.addCopy({ barcode: `copy-${String(i)}`, isbn: ISBN, branch: 'main', rack: '4-B' });
  for (let i = 1; i <= MEMBERS; i++) await library.members.register({ id: `M-${String(i)}`, name: `Reader ${String(i)}` });
  const sql = await store.driver.acquire();
  try {
    // Loan i was made i × (two years / LOANS) before now, lent for ten days; all returned but the newest COPIES.
    await sql.query(
      `INSERT INTO loans (id, version, barcode, isbn, member_id, status, checked_out_at, due_at, returned_at, renewals)
       SELECT 'L' || i, 1, 'copy-' || (1 + i % $3), $4, 'M-' || (1 + i % $5),
              CASE WHEN i <= $3 THEN 'OPEN' ELSE 'RETURNED' END,
              t, t + interval '10 days', CASE WHEN i <= $3 THEN NULL ELSE t + interval '1 day' * (1 + i % 14) END, 0
       FROM (SELECT i, $2::timestamptz - (interval '730 days' * i / $1) AS t FROM generate_series(1, $1) AS i) AS s
`,
      [LOANS, NOW, COPIES, ISBN, MEMBERS],
    );
    // As autovacuum leaves a table that has settled: statistics gathered, pages marked all-visible.
    await sql.query('VACUUM ANALYZE');
  } finally {
    sql.release();
  }
}

const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;
await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await adminStatement(SERVER, `CREATE DATABASE ${DATABASE}`);
const store = SqlStore.postgres(url.toString(), { poolSize: 4 });
try {
  const library = Library.create({ store, policy: 'college', clock: new FixedClock(NOW) });
  const seeding = performance.now();
  await seed(library, store);
  console.log(`seeded ${LOANS.toLocaleString('en')} loans in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const cases = {
    'statistics (the dashboard)': () => library.reports.statistics(),
    'overdue list (100 rows and the count)': () => library.reports.overdue({ limit: 100 }),
    'hold shelf of a branch': () => library.reports.holdShelf({ branch: 'main' }),
  };
  const rows: string[] = [];
  const withIndexes: Record<string, number> = {};
  for (const [name, work] of Object.entries(cases)) withIndexes[name] = await median(work);
  if (process.env.BENCH_EXPLAIN === '1') {
    const explain = await store.driver.acquire();
    try {
      const month = ['2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'];
      const plan = await explain.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT date_trunc('day', checked_out_at AT TIME ZONE 'UTC'), count(*) FROM loans WHERE checked_out_at >= $1 AND checked_out_at < $2 GROUP BY 1`, month);
      console.log(plan.rows.map((r) => String(r['QUERY PLAN'])).join('\n'));
    } finally {
      explain.release();
    }
  }
  const sql = await store.driver.acquire();
  try {
    for (const index of INDEXES_OF_024) await sql.query(`DROP INDEX ${index}`);
  } finally {
    sql.release();
  }
  for (const [name, work] of Object.entries(cases)) {
    const without = await median(work);
    rows.push(`| ${name} | ${(withIndexes[name] ?? Number.NaN).toFixed(1)} ms | ${without.toFixed(1)} ms |`);
  }
  console.log(`\n${LOANS.toLocaleString('en')} loans on PostgreSQL, median of ${String(ITERATIONS)} calls; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| query | with migration 024 | without its indexes |\n|---|---|---|');
  console.log(rows.join('\n'));
} finally {
  await store.close();
  await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
}
