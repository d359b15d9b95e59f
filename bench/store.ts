/**
 * Checkout + return throughput of the SQL store on a PostgreSQL server, next to two pgbench baselines on the same
 * server, at 1, 8 and 32 concurrent clients: pgbench's built-in TPC-B-like script, and a replay of shelfmark's own
 * statements (captured from one desk's checkout + return, bench/support/replay.ts), which costs the server what
 * shelfmark's statements cost it while pgbench's client costs nearly nothing: the ratio to the replay is what is
 * left to gain in Node.
 *
 *   npm run bench:store            (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS=20 npm run bench:store
 *   BENCH_CLIENTS=8 npm run bench:store   (only some client counts)
 *   BENCH_ROUNDS=5 npm run bench:store    (rounds per client count; default 3)
 *   BENCH_SOURCE=1 npm run bench:store   (the processes run the TypeScript sources, not the build; bench/support/built.ts)
 *
 * Each shelfmark client is one desk borrowing and returning its own copy of its own title in a loop; every checkout
 * and every return is one transaction (a replayed pair counts as two). The desks run twice: all in one Node process, and spread over
 * as many processes as pgbench gets threads (`-j min(N, cores)`), each process an application instance
 * with its own pool, the way a deployment runs several instances against one database. pgbench runs on
 * a scratch database initialised with `pgbench -i -s 32` (32 branches, so 32 clients are not throttled
 * by branch-row contention); the replay runs on a database of its own with its own desks. A fifth run, the Node replay
 * (bench/store-replay-client.ts), sends the captured statements again through PgDriver alone, splitting what is left
 * to gain into the driver's part and shelfmark's own. The five runs of a client count alternate, round after round,
 * and the table
 * reports medians: a machine whose speed drifts by the minute then moves both sides of a ratio alike.
 * Writes the table to bench/results/store-<date>.md.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { Library } from '../src/Library.js';
import { PgDriver } from '../src/infrastructure/sql/PgDriver.js';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';
import { copyOf, deskOf, isbnOf, memberOf, PGBENCH_DESK, setUpDesk } from './support/benchTitles.js';
import { CapturingDriver } from './support/capture.js';
import { adminStatement } from './support/postgres.js';
import { shelfmarkOrigin } from './support/built.js';
import { pairsOf, type ReplayPlan, replayPlan, replayScript } from './support/replay.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PGBENCH_SCALE = 32;
const CORES = os.cpus().length;
const DATE = new Date().toISOString().slice(0, 10);
const REPLAY_SCRIPT = `bench/results/store-replay-${DATE}.sql`;

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

/** Desks used so far: every run's desks are new ones, each with its own member, title and copy. */
let desksUsed = 0;

/**
 * `clients` desks over `processes` application processes (bench/store-client.ts), started together; or, given a replay
 * plan, `clients` desks of the Node replay in one process (bench/store-replay-client.ts).
 */
async function shelfmarkTps(url: string, clients: number, processes: number, plan?: ReplayPlan): Promise<Throughput> {
  const children = Array.from({ length: processes }, (_, p) => {
    const desks = Math.floor(clients / processes) + (p < clients % processes ? 1 : 0);
    const first = desksUsed;
    desksUsed += desks;
    const child = fork(new URL(plan === undefined ? './store-client.ts' : './store-replay-client.ts', import.meta.url), [url, String(first), String(desks)], {
      execArgv: ['--import', 'tsx'],
    });
    if (plan !== undefined) child.send({ plan });
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

function pgbenchTps(url: string, clients: number, extra: readonly string[] = []): number {
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, CORES)), '-T', String(SECONDS), ...extra, ...pgbenchArgs(url)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  if (!match?.[1]) throw new Error(`cannot read pgbench output:\n${out}`);
  if (/number of failed transactions: [1-9]/.test(out) || /aborted/.test(out)) throw new Error(`pgbench transactions failed:\n${out}`);
  return Number(match[1]);
}

/** Captures desk 0's next three checkout + return pairs and writes them as a pgbench script (bench/support/replay.ts). */
async function captureReplay(url: string): Promise<{ statements: number; flights: number; plan: ReplayPlan }> {
  const driver = new CapturingDriver(PgDriver.fromUrl(url, 1));
  const library = Library.create({ store: new SqlStore(driver), policy: 'city' });
  await setUpDesk(library, deskOf(0, 0));
  driver.recording = true;
  for (let pair = 0; pair < 3; pair++) {
    await library.circulation.checkOut({ memberId: memberOf(0), barcode: copyOf(0) });
    await library.circulation.returnCopy({ barcode: copyOf(0) });
  }
  driver.recording = false;
  await library.close();
  const keys = new Map([
    [memberOf(0), 'member'],
    [copyOf(0), 'copy'],
    [isbnOf(0), 'isbn'],
  ]);
  const pairs = pairsOf(driver.statements, 3);
  const replay = replayScript(pairs, { values: keys, setup: PGBENCH_DESK });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(REPLAY_SCRIPT, replay.script);
  return { ...replay, plan: replayPlan(pairs, keys) };
}

let replayRuns = 0;

/** The replay at `clients` clients, on desks of its own (set up first, as the shelfmark desks are), in shelfmark transactions per second. */
async function replayTps(library: Library, url: string, clients: number): Promise<number> {
  const run = ++replayRuns;
  for (let client = 0; client < clients; client++) await setUpDesk(library, deskOf(run, client));
  return 2 * pgbenchTps(url, clients, ['-M', 'prepared', '-D', `run=${run}`, '-D', 'n=0', '-f', REPLAY_SCRIPT]);
}

const shelfmarkUrl = await scratch('shelfmark_bench');
const pgbenchUrl = await scratch('shelfmark_pgbench');
const replayUrl = await scratch('shelfmark_replay');
execFileSync('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), ...pgbenchArgs(pgbenchUrl)], { stdio: ['ignore', 'ignore', 'pipe'] });

const migrated = SqlStore.postgres(shelfmarkUrl, { poolSize: 1 });
await migrated.ready();
await migrated.close();
const replayShape = await captureReplay(replayUrl);
const replayDesks = Library.create({ store: SqlStore.postgres(replayUrl, { poolSize: 1 }), policy: 'city' });

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
const x = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
for (const clients of CLIENTS) {
  const processes = Math.min(clients, CORES);
  const measured: { one: number; spread: number; node: number; pgbench: number; replay: number; cpu: number; nodeCpu: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const oneRun = await shelfmarkTps(shelfmarkUrl, clients, 1);
    const one = oneRun.perSecond;
    const replay = await replayTps(replayDesks, replayUrl, clients);
    const spread = processes > 1 ? (await shelfmarkTps(shelfmarkUrl, clients, processes)).perSecond : one;
    const nodeRun = await shelfmarkTps(shelfmarkUrl, clients, 1, replayShape.plan);
    const pgbench = pgbenchTps(pgbenchUrl, clients);
    const cpu = 2 * oneRun.cpuMicrosPerTransaction;
    const nodeCpu = 2 * nodeRun.cpuMicrosPerTransaction;
    const node = nodeRun.perSecond;
    measured.push({ one, spread, node, pgbench, replay, cpu, nodeCpu });
    const line = `| ${clients} | ${round} | ${one.toFixed(0)} | ${spread.toFixed(0)} | ${node.toFixed(0)} | ${replay.toFixed(0)} | ${pgbench.toFixed(0)} | ${x(one, replay)} | ${x(spread, replay)} | ${x(one, node)} | ${x(node, replay)} | ${x(one, pgbench)} | ${x(spread, pgbench)} | ${cpu.toFixed(0)} µs | ${nodeCpu.toFixed(0)} µs | ${os.loadavg()[0]!.toFixed(2)} |`;
    rounds.push(line);
    console.log(line);
  }
  const m = (pick: (r: (typeof measured)[number]) => number): number => median(measured.map(pick));
  const r = (pick: (r: (typeof measured)[number]) => number, base: 'replay' | 'pgbench' | 'node'): string => `${m((v) => pick(v) / v[base]).toFixed(2)}×`;
  rows.push(
    `| ${clients} | ${m((v) => v.one).toFixed(0)} | ${r((v) => v.one, 'replay')} | ${r((v) => v.one, 'pgbench')} | ${processes} | ${m((v) => v.spread).toFixed(0)} | ${r((v) => v.spread, 'replay')} | ${r((v) => v.spread, 'pgbench')} | ${m((v) => v.node).toFixed(0)} | ${r((v) => v.node, 'replay')} | ${r((v) => v.one, 'node')} | ${m((v) => v.replay).toFixed(0)} | ${m((v) => v.pgbench).toFixed(0)} | ${m((v) => v.cpu).toFixed(0)} µs | ${m((v) => v.nodeCpu).toFixed(0)} µs |`,
  );
}
const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();

await replayDesks.close();
for (const name of ['shelfmark_bench', 'shelfmark_pgbench', 'shelfmark_replay']) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

const report = `# SQL store throughput, ${DATE}

\`npm run bench:store\` (BENCH_SECONDS=${SECONDS}, BENCH_ROUNDS=${ROUNDS}): checkout and return transactions per second through
\`Library\` on \`SqlStore.postgres\` (a pipelining \`pg\` pool with one connection per client; each client a desk lending its
own copy of its own title), side by side with two pgbench baselines on the same server:

- **replay**: shelfmark's own statements for a checkout + return, captured from one desk and replayed by pgbench
  (\`${REPLAY_SCRIPT}\`, \`pgbench -n -M prepared -f … -c N -j min(N, cores) -T ${SECONDS}\`, each client on desks of its
  own): ${replayShape.statements} statements in ${replayShape.flights} round trips per checkout + return, each round trip a pgbench
  pipeline. The server does what it does for shelfmark, pgbench's client almost nothing, so shelfmark's ratio to the
  replay is what is left to gain in Node. A replayed pair counts as two transactions.
- **Node replay**: the same statements sent again by \`PgDriver\` alone, in one process (bench/store-replay-client.ts): a
  session per transaction, each round trip's statements in one turn, as the store sends them, with nothing of
  shelfmark's above the driver. Its ratio to pgbench's replay is what the driver and \`pg\` cost; shelfmark's ratio to
  it is what shelfmark's own code costs.
- **TPC-B**: pgbench's built-in TPC-B-like script (\`pgbench -i -s ${PGBENCH_SCALE}\`, \`pgbench -n -c N -j min(N, cores) -T ${SECONDS}\`).

The shelfmark clients run in one Node process, and spread over as many processes as pgbench has threads (each an
application instance with its own pool, as a deployment runs several instances against one database). For each
client count the five runs alternate for ${ROUNDS} rounds; the summary shows medians (of the rates, and of each round's
ratios), the rounds follow it. Node CPU is user + system time per checkout + return, of the one-process run and of the
Node replay.

The Node processes run the library from ${shelfmarkOrigin()}, as a deployment does.

Machine: ${CORES} cores, Node ${process.versions.node}, PostgreSQL ${serverVersion} on the same host (TCP on loopback); Node,
pgbench and the server share the cores. Load at the end: \`${uptime}\`.

| clients | shelfmark tx/s, 1 process | ÷ replay | ÷ TPC-B | processes | shelfmark tx/s | ÷ replay | ÷ TPC-B | Node replay tx/s | ÷ replay | shelfmark, 1 process ÷ Node replay | replay tx/s | TPC-B TPS | Node CPU per checkout + return: shelfmark | Node replay |
|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${rows.join('\n')}

Each round (tx/s; ratios to that round's baselines; the 1-minute load average after the round):

| clients | round | shelfmark, 1 process | shelfmark, spread | Node replay | replay | TPC-B | 1 process ÷ replay | spread ÷ replay | 1 process ÷ Node replay | Node replay ÷ replay | 1 process ÷ TPC-B | spread ÷ TPC-B | Node CPU per pair | Node replay CPU per pair | load |
|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${rounds.join('\n')}

A TPC-B transaction is 7 statements, each its own round trip (BEGIN, 3 UPDATE, SELECT, INSERT, END).
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/store-${DATE}.md`, report);
console.log(`wrote bench/results/store-${DATE}.md`);
