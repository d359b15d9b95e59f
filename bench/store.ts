/**
 * Checkout + return throughput of the SQL store on a PostgreSQL server, next to pgbench's built-in
 * TPC-B-like script on the same server, at 1, 8 and 32 concurrent clients.
 *
 *   npm run bench:store            (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS=20 npm run bench:store
 *   BENCH_CLIENTS=8 npm run bench:store   (only some client counts)
 *   BENCH_ROUNDS=5 npm run bench:store    (rounds per client count; default 3)
 *
 * Each shelfmark client is one desk borrowing and returning its own copy in a loop; every checkout
 * and every return is one transaction. The desks run twice: all in one Node process, and spread over
 * as many processes as pgbench gets threads (`-j min(N, cores)`), each process an application instance
 * with its own pool, the way a deployment runs several instances against one database. pgbench runs on
 * a scratch database initialised with `pgbench -i -s 32` (32 branches, so 32 clients are not throttled
 * by branch-row contention). The three runs of a client count alternate, round after round, and the table
 * reports medians: a machine whose speed drifts by the minute then moves both sides of a ratio alike.
 * Writes the table to bench/results/store-<date>.md.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { Library } from '../src/Library.js';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';
import { adminStatement } from './support/postgres.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PGBENCH_SCALE = 32;
const CORES = os.cpus().length;
const CORMEN = { isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] };

const admin = (statement: string): Promise<void> => adminStatement(SERVER, statement);

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

interface ClientReport {
  readonly transactions: number;
  readonly seconds: number;
  /** User and system CPU time the process spent in the measured window. */
  readonly cpuMicros: number;
}

interface Throughput {
  readonly perSecond: number;
  /** Node CPU time per transaction, over all the processes. */
  readonly cpuMicrosPerTransaction: number;
}

let runs = 0;

/** `clients` desks over `processes` application processes (bench/store-client.ts), started together. */
async function shelfmarkTps(url: string, clients: number, processes: number): Promise<Throughput> {
  const run = ++runs;
  const children = Array.from({ length: processes }, (_, p) => {
    const desks = Math.floor(clients / processes) + (p < clients % processes ? 1 : 0);
    const child = fork(new URL('./store-client.ts', import.meta.url), [url, CORMEN.isbn, String(desks), `BENCH-${run}-${p}`], {
      execArgv: ['--import', 'tsx'],
    });
    const next = <M>(): Promise<M> =>
      new Promise((resolve, reject) => {
        child.once('message', (message) => {
          resolve(message as M);
        });
        child.once('exit', (code) => {
          reject(new Error(`bench client exited with ${String(code)}`));
        });
      });
    return { child, next };
  });
  await Promise.all(children.map((c) => c.next<{ ready: true }>()));
  const reports = children.map((c) => c.next<ClientReport>());
  const go = Date.now() + 200;
  for (const c of children) c.child.send({ go: go + SECONDS * 1000 });
  const done = await Promise.all(reports);
  const transactions = done.reduce((sum, r) => sum + r.transactions, 0);
  const cpu = done.reduce((sum, r) => sum + r.cpuMicros, 0);
  return { perSecond: transactions / Math.max(...done.map((r) => r.seconds)), cpuMicrosPerTransaction: cpu / transactions };
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

const setup = Library.create({ store: SqlStore.postgres(shelfmarkUrl, { poolSize: 1 }), policy: 'city' });
await setup.catalog.addBook(CORMEN);
await setup.close();

const serverVersion = await (async () => {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  return rows[0]?.server_version ?? 'unknown';
})();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const rows: string[] = [];
const rounds: string[] = [];
for (const clients of CLIENTS) {
  const processes = Math.min(clients, CORES);
  const measured: { one: number; spread: number; pgbench: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const oneRun = await shelfmarkTps(shelfmarkUrl, clients, 1);
    const one = oneRun.perSecond;
    const spread = processes > 1 ? (await shelfmarkTps(shelfmarkUrl, clients, processes)).perSecond : one;
    const pgbench = pgbenchTps(pgbenchUrl, clients);
    measured.push({ one, spread, pgbench });
    const line = `| ${clients} | ${round} | ${one.toFixed(0)} | ${spread.toFixed(0)} | ${pgbench.toFixed(0)} | ${(one / pgbench).toFixed(2)}× | ${(spread / pgbench).toFixed(2)}× | ${oneRun.cpuMicrosPerTransaction.toFixed(0)} µs |`;
    rounds.push(line);
    console.log(line);
  }
  const ratio = (pick: (m: (typeof measured)[number]) => number): string => `${median(measured.map((m) => pick(m) / m.pgbench)).toFixed(2)}×`;
  rows.push(
    `| ${clients} | ${median(measured.map((m) => m.one)).toFixed(0)} | ${ratio((m) => m.one)} | ${processes} | ${median(measured.map((m) => m.spread)).toFixed(0)} | ${ratio((m) => m.spread)} | ${median(measured.map((m) => m.pgbench)).toFixed(0)} |`,
  );
}

await admin('DROP DATABASE IF EXISTS shelfmark_bench WITH (FORCE)');
await admin('DROP DATABASE IF EXISTS shelfmark_pgbench WITH (FORCE)');

const date = new Date().toISOString().slice(0, 10);
const report = `# SQL store throughput, ${date}

\`npm run bench:store\` (BENCH_SECONDS=${SECONDS}, BENCH_ROUNDS=${ROUNDS}): checkout and return transactions per second through
\`Library\` on \`SqlStore.postgres\` (a pipelining \`pg\` pool with one connection per client), side by side with
\`pgbench\`'s built-in TPC-B-like script (\`pgbench -i -s ${PGBENCH_SCALE}\`, \`pgbench -n -c N -j min(N, cores) -T ${SECONDS}\`)
on the same server. The shelfmark clients run in one Node process, and spread over as many processes as pgbench
has threads (each an application instance with its own pool, as a deployment runs several instances against one
database). For each client count the three runs alternate for ${ROUNDS} rounds; the summary shows medians (of the
rates, and of each round's ratio), the rounds follow it.

Machine: ${CORES} cores, Node ${process.versions.node}, PostgreSQL ${serverVersion} on the same host (TCP on loopback).

| clients | shelfmark tx/s, 1 process | ratio | processes | shelfmark tx/s | ratio | pgbench TPS |
|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}

Each round (tx/s; ratios to that round's pgbench):

| clients | round | shelfmark, 1 process | shelfmark, spread | pgbench | ratio, 1 process | ratio, spread | Node CPU per tx, 1 process |
|--:|--:|--:|--:|--:|--:|--:|--:|
${rounds.join('\n')}

A shelfmark checkout is 2 statements in 2 round trips: one read of the member, the copy, the fee ledger and the
outstanding loans; then one statement that writes the copy, the loan, the member and the audit entry and commits
by itself. A return is 4 statements in 2 round trips: BEGIN with one read of the copy, its open loan, the borrower,
the borrower's ledger and the title's queue (locked); then the writes, with COMMIT behind them. A TPC-B transaction
is 7 statements, each its own round trip (BEGIN, 3 UPDATE, SELECT, INSERT, END). Node, pgbench and the server share
the same cores.
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/store-${date}.md`, report);
console.log(`wrote bench/results/store-${date}.md`);
