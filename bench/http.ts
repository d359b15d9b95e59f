/**
 * HTTP load test (not part of `npm test`): `npm run bench:http`.
 * Starts the server on loopback over an in-memory library, then drives it with autocannon:
 *   1. full-text catalog search (anonymous), the read path seed 002 sizes at 230 requests/s at peak;
 *   2. lookup by exact title, and by ISBN;
 *   3. check-out then return of distinct copies with a counter token (the write path).
 * Writes a Markdown report to bench/results/http-<date>.md and prints it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon, { type Result } from 'autocannon';
import { Library } from '../src/Library.js';
import { createServer } from '../src/interfaces/http/createServer.js';
import { SequentialIdGenerator } from '../src/infrastructure/system/ids.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TITLES = 2_000;
const COPIES = 20_000;
const MEMBERS = 5_000;

function isbn13(n: number): string {
  const body = `978${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

const library = Library.create({ policy: 'network', ids: new SequentialIdGenerator() });
for (let t = 0; t < TITLES; t++) {
  await library.catalog.addBook({ isbn: isbn13(t), title: `Title ${t % 500}`, authors: [`Author ${t % 300}`], subjects: ['Bench'] });
}
for (let c = 0; c < COPIES; c++) await library.catalog.addCopy({ barcode: `B${c}`, isbn: isbn13(c % TITLES), branch: 'main', rack: 'R1' });
for (let m = 0; m < MEMBERS; m++) await library.members.register({ id: `M${m}`, name: `Member ${m}`, plan: 'PREMIUM' });

const server = await createServer(library);
const { token } = await server.staffTokens.issue('bench counter', 'counter');
const address = await server.listen({ port: 0 });

async function run(title: string, options: Partial<autocannon.Options>): Promise<Result> {
  const result = await autocannon({ url: address, connections: CONNECTIONS, duration: DURATION, ...options });
  process.stderr.write(`${title}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}\n`);
  return result;
}

const WORDS = ['title', 'author', 'bench', 'title 42', 'author 7', 'titl', 'athor'];
let q = 0;
const search = await run('search', {
  requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/catalog/search?q=${encodeURIComponent(WORDS[q++ % WORDS.length] ?? 'title')}&facets=true` }) }],
});
let t = 0;
const byTitle = await run('lookup by title', {
  requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/catalog/books?title=${encodeURIComponent(`Title ${t++ % 500}`)}` }) }],
});
let i = 0;
const byIsbn = await run('lookup by ISBN', {
  requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/catalog/books/${isbn13(i++ % TITLES)}` }) }],
});

// Each connection alternates check-out and return of its own copies: copy k goes to member k.
let k = 0;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const circulation = await run('check-out + return', {
  requests: [
    {
      method: 'POST',
      path: '/api/checkouts',
      headers,
      setupRequest: (r, context) => {
        const n = k++ % MEMBERS;
        (context as { n?: number }).n = n;
        return { ...r, body: JSON.stringify({ memberId: `M${n}`, barcode: `B${n}` }) };
      },
    },
    {
      method: 'POST',
      path: '/api/returns',
      headers,
      setupRequest: (r, context) => ({ ...r, body: JSON.stringify({ barcode: `B${(context as { n?: number }).n ?? 0}` }) }),
    },
  ],
});

await server.close();
await library.close();

const row = (name: string, r: Result): string =>
  `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${r.non2xx} | ${r.errors} |`;
const date = new Date().toISOString().slice(0, 10);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = `# HTTP load test, ${date}

Command: \`npm run bench:http\` (bench/http.ts). autocannon on loopback, ${CONNECTIONS} connections, ${DURATION} s per scenario,
one server process over an in-memory library of ${TITLES} titles, ${COPIES} copies, ${MEMBERS} members (policy \`network\`).
Machine: ${cpus().length} × ${cpu}, Node ${process.version}. autocannon runs in the same Node process as the server, so the two share the cores.
The write path includes the staff-token check (scrypt once, then the in-memory verification cache) and the in-memory store's optimistic commits.

| scenario | requests/s | p50 ms | p99 ms | max ms | non-2xx | errors |
|---|---:|---:|---:|---:|---:|---:|
${row('GET /api/catalog/search?q=…&facets=true (anonymous; terms, prefixes, typos)', search)}
${row('GET /api/catalog/books?title= (anonymous)', byTitle)}
${row('GET /api/catalog/books/:isbn (anonymous)', byIsbn)}
${row('POST /api/checkouts then POST /api/returns (counter token)', circulation)}

Target from seed 002: 230 search requests/s at peak with p99 < 50 ms.
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/http-${date}.md`, report);
process.stdout.write(report);
