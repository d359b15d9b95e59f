/**
 * HTTP load test (not part of `npm test`): `npm run bench:http`.
 * The server runs in a process of its own (bench/http/server.ts) over an in-memory library; this process is only the
 * load generator (autocannon). A bare Fastify app with one empty route, also in its own process, is the ceiling on
 * this machine: each scenario's throughput is reported beside it as a ratio. Scenarios:
 *   1. the empty route (ceiling);
 *   2. catalogue search over ≥ 1,000 distinct queries (words, pairs, unfinished words, typos), so the result cache
 *      answers only repeats, not nearly everything;
 *   3. lookup by ISBN;
 *   4. check-out then return of distinct copies with a counter token (the write path).
 * Every scenario is first warmed up (WARM_UP requests, not measured: the first requests of a path compile its
 * code, its response serialiser and verify the staff token, which would otherwise land in the first round), then
 * runs in each of ROUNDS rounds, the order alternating; the report gives medians, and each round with the machine's
 * load after it (`uptime`). Writes bench/results/http-<date>.md and prints it.
 *   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), BENCH_ROUNDS (default 3), BENCH_QUERIES (default 2000),
 *   BENCH_WARM_UP (requests per scenario before the rounds, default 2000)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { CATALOGUE, copyBarcode, distinctQueries, isbn13, memberId } from './catalogue.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERIES = distinctQueries(Number(process.env.BENCH_QUERIES ?? 2_000));
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2_000);

interface Running {
  readonly address: string;
  readonly token: string;
  readonly child: ChildProcess;
}

function start(kind: 'shelfmark' | 'empty'): Promise<Running> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`the ${kind} server exited (${String(code)}) before listening`));
    });
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { address, token } = JSON.parse(line) as { address: string; token: string };
      resolve({ address, token, child });
    });
  });
}

const [app, ceiling] = await Promise.all([start('shelfmark'), start('empty')]);
const headers = { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' };
let q = 0;
let i = 0;
let k = 0;
/** Copies checked out whose return has not been sent: a run that stops between the two leaves them on loan. */
const onLoan = new Set<number>();

/** Returns what a run left on loan (not measured), so that no later checkout of that copy is refused. */
async function returnLeftovers(): Promise<void> {
  for (const n of [...onLoan]) {
    await fetch(`${app.address}/api/returns`, { method: 'POST', headers, body: JSON.stringify({ barcode: copyBarcode(n) }) });
    onLoan.delete(n);
  }
}

const SCENARIOS: readonly { readonly name: string; readonly options: () => autocannon.Options }[] = [
  { name: 'GET /empty (bare Fastify, the ceiling)', options: () => ({ url: `${ceiling.address}/empty` }) },
  {
    name: `GET /api/catalog/search?q=…&facets=true (${QUERIES.length} distinct queries, anonymous)`,
    options: () => ({
      url: app.address,
      requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/catalog/search?q=${encodeURIComponent(QUERIES[q++ % QUERIES.length] ?? 'river')}&facets=true` }) }],
    }),
  },
  {
    name: 'GET /api/catalog/books/:isbn (anonymous)',
    options: () => ({ url: app.address, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/catalog/books/${isbn13(i++ % CATALOGUE.titles)}` }) }] }),
  },
  {
    // Each connection alternates check-out and return of one copy: copy n goes to member n.
    name: 'POST /api/checkouts then POST /api/returns (counter token)',
    options: () => ({
      url: app.address,
      requests: [
        {
          method: 'POST',
          path: '/api/checkouts',
          headers,
          setupRequest: (r, context) => {
            const n = k++ % CATALOGUE.members;
            (context as { n?: number }).n = n;
            onLoan.add(n);
            return { ...r, body: JSON.stringify({ memberId: memberId(n), barcode: copyBarcode(n) }) };
          },
        },
        {
          method: 'POST',
          path: '/api/returns',
          headers,
          setupRequest: (r, context) => {
            const n = (context as { n?: number }).n ?? 0;
            onLoan.delete(n);
            return { ...r, body: JSON.stringify({ barcode: copyBarcode(n) }) };
          },
        },
      ],
    }),
  },
];

const results = new Map<string, Result[]>(SCENARIOS.map((s) => [s.name, []]));
const loadBefore = loadavg()[0] ?? 0;
for (const scenario of SCENARIOS) {
  await autocannon({ connections: CONNECTIONS, amount: WARM_UP, ...scenario.options() });
  await returnLeftovers();
}
const roundLines: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const scenario of round % 2 === 0 ? SCENARIOS : [...SCENARIOS].reverse()) {
    const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...scenario.options() });
    await returnLeftovers();
    const line = `| ${round + 1} | ${scenario.name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${loadavg()[0]?.toFixed(2) ?? '?'} |`;
    process.stderr.write(`${line}\n`);
    roundLines.push(line);
    results.get(scenario.name)?.push(result);
  }
}
const loadAfter = loadavg()[0] ?? 0;
const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
for (const running of [app, ceiling]) running.child.kill('SIGTERM');

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const of = (name: string, read: (r: Result) => number): number => median((results.get(name) ?? []).map(read));
const ceilingRate = of(SCENARIOS[0]?.name ?? '', (r) => r.requests.average);
const rows = SCENARIOS.map(({ name }) => {
  const rate = of(name, (r) => r.requests.average);
  const non2xx = (results.get(name) ?? []).reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  return `| ${name} | ${Math.round(rate)} | ${(rate / ceilingRate).toFixed(2)} | ${of(name, (r) => r.latency.p50)} | ${of(name, (r) => r.latency.p99)} | ${non2xx} |`;
});
const date = new Date().toISOString().slice(0, 10);
const report = `# HTTP load test, ${date}

Command: \`npm run bench:http\` (bench/http/run.ts). autocannon in its own process, ${CONNECTIONS} connections,
${DURATION} s per scenario after ${WARM_UP} unmeasured warm-up requests each, ${ROUNDS} rounds alternating the order; medians of the rounds. The server is one process over
an in-memory library of ${CATALOGUE.titles} titles, ${CATALOGUE.copies} copies and ${CATALOGUE.members} members (policy \`network\`);
the ceiling is a bare Fastify app with one empty route, in a third process.
The search queries cycle through ${QUERIES.length} distinct texts, more than the result cache holds (256 entries, LRU), so it answers none of them.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after;
\`${uptime}\` at the end.

| scenario | requests/s | × empty route | p50 ms | p99 ms | non-2xx + errors (all rounds) |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

Each round (the 1-minute load average after it):

| round | scenario | requests/s | p50 ms | p99 ms | load |
|---:|---|---:|---:|---:|---:|
${roundLines.join('\n')}
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/http-${date}.md`, report);
process.stdout.write(report);
