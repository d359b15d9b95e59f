/**
 * Checkout + return throughput of the SQL store on a PostgreSQL server, next to pgbench's built-in
 * TPC-B-like script on the same server, at 1, 8 and 32 concurrent clients.
 *
 *   npm run bench:store            (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS=20 npm run bench:store
 *   BENCH_CLIENTS=8 npm run bench:store   (only some client counts)
 *
 * Each shelfmark client is one member borrowing and returning its own copy in a loop; every checkout
 * and every return is one transaction. pgbench runs on a scratch database initialised with
 * `pgbench -i -s 32` (32 branches, so 32 clients are not throttled by branch-row contention).
 * Writes the table to bench/results/store-<date>.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { Library } from '../src/Library.js';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);
const PGBENCH_SCALE = 32;
const CORMEN = { isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] };

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function scratch(name: string): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** libpq arguments for pgbench, from the same URL. */
function pgbenchArgs(url: string): string[] {
  const u = new URL(url);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), u.pathname.slice(1)];
}

async function shelfmarkTps(url: string, clients: number): Promise<number> {
  const store = SqlStore.postgres(url, { poolSize: clients });
  const library = Library.create({ store, policy: 'city' });
  const members = Array.from({ length: clients }, (_, i) => ({ id: `BENCH-${clients}-${i}`, barcode: `bench-${clients}-${i}` }));
  if (!(await library.catalog.findBook(CORMEN.isbn))) await library.catalog.addBook(CORMEN);
  for (const m of members) {
    await library.members.register({ id: m.id, name: m.id });
    await library.catalog.addCopy({ barcode: m.barcode, isbn: CORMEN.isbn, branch: 'main', rack: 'B-1' });
  }
  // Warm-up: open every connection and plan every statement once.
  await Promise.all(members.map(async (m) => {
    await library.circulation.checkOut({ memberId: m.id, barcode: m.barcode });
    await library.circulation.returnCopy({ barcode: m.barcode });
  }));
  let transactions = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    members.map(async (m) => {
      while (Date.now() < deadline) {
        await library.circulation.checkOut({ memberId: m.id, barcode: m.barcode });
        await library.circulation.returnCopy({ barcode: m.barcode });
        transactions += 2;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await library.close();
  return transactions / elapsed;
}

function pgbenchTps(url: string, clients: number): number {
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, os.cpus().length)), '-T', String(SECONDS), ...pgbenchArgs(url)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!match?.[1]) throw new Error(`cannot read pgbench output:\n${out}`);
  return Number(match[1]);
}

const shelfmarkUrl = await scratch('shelfmark_bench');
const pgbenchUrl = await scratch('shelfmark_pgbench');
execFileSync('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), ...pgbenchArgs(pgbenchUrl)], { stdio: ['ignore', 'ignore', 'pipe'] });

const serverVersion = await (async () => {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  return rows[0]?.server_version ?? 'unknown';
})();

const rows: string[] = [];
for (const clients of CLIENTS) {
  const ours = await shelfmarkTps(shelfmarkUrl, clients);
  const theirs = pgbenchTps(pgbenchUrl, clients);
  const line = `| ${clients} | ${ours.toFixed(0)} | ${theirs.toFixed(0)} | ${(ours / theirs).toFixed(2)}× |`;
  rows.push(line);
  console.log(line);
}

await admin('DROP DATABASE IF EXISTS shelfmark_bench WITH (FORCE)');
await admin('DROP DATABASE IF EXISTS shelfmark_pgbench WITH (FORCE)');

const date = new Date().toISOString().slice(0, 10);
const report = `# SQL store throughput, ${date}

\`npm run bench:store\` (BENCH_SECONDS=${SECONDS}): checkout and return transactions per second through
\`Library\` on \`SqlStore.postgres\` (a \`pg\` pool with one connection per client), side by side with
\`pgbench\`'s built-in TPC-B-like script (\`pgbench -i -s ${PGBENCH_SCALE}\`, \`pgbench -n -c N -j min(N, cores) -T ${SECONDS}\`)
on the same server, one after the other for each client count.

Machine: ${os.cpus().length} cores, Node ${process.versions.node}, PostgreSQL ${serverVersion} on the same host.

| clients | shelfmark tx/s (checkout or return) | pgbench TPS | ratio |
|--:|--:|--:|--:|
${rows.join('\n')}

A shelfmark checkout is one transaction of 9 statements (BEGIN, member, copy, ledger, open loans,
UPDATE copy, INSERT loan, UPDATE member, COMMIT); a return is 9 to 10. A TPC-B transaction is 7
(BEGIN, 3 UPDATE, SELECT, INSERT, END). Node and the server share the same cores.
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/store-${date}.md`, report);
console.log(`wrote bench/results/store-${date}.md`);
