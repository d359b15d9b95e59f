/**
 * Requests per second through 1, 2 and 3 `shelfmark serve` processes on one PostgreSQL database, and the
 * connections they hold on it: the figures behind docs/operations.md "Scaling out".
 *
 *   npm run bench:scale                 (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS=20 BENCH_CLIENTS=16 npm run bench:scale
 *
 * Each client is one desk lending and taking back its own copy in a loop over HTTP (two requests, two
 * transactions per loop), its requests sent to the processes round-robin. Every process has the same
 * pool size (BENCH_POOL, default 4); the connections on the database are sampled mid-run from
 * pg_stat_activity. The processes run on this machine beside the database and the clients, so the
 * figures say how the pieces share the cores, not what a fleet of hosts would do.
 * Writes the table to bench/results/scale-<date>.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { adminStatement } from './support/postgres.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const POOL = Number(process.env.BENCH_POOL ?? 4);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2,3').split(',').map(Number);
const ADMIN = 'smk_0be0_Hq2xW7cN5vLp9ZkT3mRb6JsF8yGd4UeA';
const ISBN = '9780262033848';
const DATABASE = 'shelfmark_bench_scale';

const admin = (statement: string): Promise<void> => adminStatement(SERVER, statement);

function serve(config: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/interfaces/cli/main.ts', 'serve', '--config', config], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SHELFMARK_ADMIN_TOKEN: ADMIN, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /shelfmark serving (http:\/\/\S+) /.exec(stderr);
      if (match?.[1] !== undefined) resolve({ child, base: match[1] });
    });
    child.once('exit', (code) => {
      reject(new Error(`serve exited with ${String(code)}:\n${stderr}`));
    });
  });
}

async function post(base: string, path: string, token: string, body: unknown): Promise<number> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

interface Row {
  readonly processes: number;
  readonly requestsPerSecond: number;
  readonly p50ms: number;
  readonly p99ms: number;
  readonly connections: number;
  readonly failed: number;
}

async function run(processes: number, config: string, url: string, staff: { token: string | null }): Promise<Row> {
  const nodes = await Promise.all(Array.from({ length: processes }, () => serve(config)));
  const bases = nodes.map((n) => n.base);
  try {
    if (staff.token === null) {
      const response = await fetch(`${bases[0]!}/api/staff-tokens`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ label: 'bench', scope: 'librarian' }) });
      staff.token = ((await response.json()) as { token: string }).token;
      const token = staff.token;
      await post(bases[0]!, '/api/catalog/books', token, { isbn: ISBN, title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] });
      for (let c = 0; c < CLIENTS; c++) {
        await post(bases[0]!, '/api/items', token, { barcode: `BENCH-${c}`, isbn: ISBN, branch: 'main', rack: '1-A' });
        await post(bases[0]!, '/api/members', token, { id: `BENCH-M-${c}`, name: `Desk ${c}`, type: 'FACULTY' });
      }
    }
    const token = staff.token;
    // Warm-up, not measured: every process answers a few loops first (route compilation, pool connections).
    for (let round = 0; round < 3; round++)
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          await post(bases[(c + round) % bases.length]!, '/api/checkouts', token, { memberId: `BENCH-M-${c}`, barcode: `BENCH-${c}` });
          await post(bases[(c + round + 1) % bases.length]!, '/api/returns', token, { barcode: `BENCH-${c}` });
        }),
      );
    const latencies: number[] = [];
    let failed = 0;
    let turn = 0;
    const deadline = Date.now() + SECONDS * 1_000;
    const timed = async (path: string, body: unknown): Promise<void> => {
      const started = performance.now();
      const status = await post(bases[turn++ % bases.length]!, path, token, body);
      latencies.push(performance.now() - started);
      if (status >= 300) failed++;
    };
    let connections = 0;
    const sampler = setTimeout(() => {
      void (async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        connections = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [DATABASE])).rows[0]?.n ?? 0;
        await client.end();
      })();
    }, (SECONDS * 1_000) / 2);
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        while (Date.now() < deadline) {
          await timed('/api/checkouts', { memberId: `BENCH-M-${c}`, barcode: `BENCH-${c}` });
          await timed('/api/returns', { barcode: `BENCH-${c}` });
        }
      }),
    );
    clearTimeout(sampler);
    latencies.sort((a, b) => a - b);
    const at = (q: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    // The sampled count includes the sampler's own connection.
    return { processes, requestsPerSecond: Math.round(latencies.length / SECONDS), p50ms: at(0.5), p99ms: at(0.99), connections: Math.max(0, connections - 1), failed };
  } finally {
    await Promise.all(nodes.map(({ child }) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))));
  }
}

await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DATABASE}`);
const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;
const dir = mkdtempSync(join(os.tmpdir(), 'shelfmark-bench-scale-'));
const config = join(dir, 'shelfmark.config.json');
writeFileSync(config, JSON.stringify({ store: { postgres: url.toString(), poolSize: POOL }, policy: 'college', jobs: false, http: { port: 0 } }));
const staff = { token: null as string | null };
const rows: Row[] = [];
for (const processes of PROCESSES) {
  const row = await run(processes, config, url.toString(), staff);
  rows.push(row);
  console.log(JSON.stringify(row));
}
await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);

const pgVersion = await (async () => {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  await client.end();
  return version;
})();
const date = new Date().toISOString().slice(0, 10);
const table = [
  `# Scale-out over HTTP, ${date}`,
  '',
  `\`npm run bench:scale\` (BENCH_SECONDS=${SECONDS}, BENCH_CLIENTS=${CLIENTS}, BENCH_POOL=${POOL}): ${CLIENTS} desks, each lending and taking back its`,
  'own copy in a loop over HTTP (`POST /api/checkouts`, `POST /api/returns`), sent round-robin to N `shelfmark serve`',
  'processes (after three unmeasured warm-up loops per desk)',
  `on one PostgreSQL database, each process with a pool of ${POOL}. Connections sampled mid-run from pg_stat_activity.`,
  '',
  `Machine: ${os.cpus().length} cores, Node ${process.version.slice(1)}, PostgreSQL ${pgVersion} on the same host; the processes, the clients and the database share the cores.`,
  '',
  '| serve processes | requests/s | p50 | p99 | connections on the database | failed |',
  '|--:|--:|--:|--:|--:|--:|',
  ...rows.map((r) => `| ${r.processes} | ${r.requestsPerSecond} | ${r.p50ms} ms | ${r.p99ms} ms | ${r.connections} | ${r.failed} |`),
  '',
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/scale-${date}.md`, table);
console.log(table);
