/**
 * SIP2 load test (not part of `npm test`): `npm run bench:sip2`.
 * Starts the SIP2 server on loopback over an in-memory library, then N kiosk connections (BENCH_CONNECTIONS,
 * default 8) each sign in, prove their patron's PIN once (63) and, for BENCH_SECONDS (default 10), check out
 * (11) and check in (09) a copy of their own, one message at a time as a kiosk does.
 * Writes a Markdown report to bench/results/sip2-<date>.md and prints it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg } from 'node:os';
import { MemberPins } from '../src/application/auth/MemberPins.js';
import { SecretHasher } from '../src/application/auth/SecretHasher.js';
import { readFrame, writeFrame } from '../src/interfaces/sip2/codec/frame.js';
import { formatMessage, parseMessage, type Sip2Message } from '../src/interfaces/sip2/codec/Sip2Codec.js';
import { createSip2Server } from '../src/interfaces/sip2/createSip2Server.js';
import { DEFAULT_ALLOWED_MESSAGES, IMPLEMENTED_MESSAGES } from '../src/interfaces/sip2/handlers/index.js';
import { addSip2Account } from '../src/interfaces/sip2/Sip2Logins.js';
import { SequentialIdGenerator } from '../src/infrastructure/system/ids.js';
import { Library } from '../src/Library.js';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const DATE = '20260907    090000';

const library = Library.create({ policy: 'college', ids: new SequentialIdGenerator() });
const hasher = new SecretHasher();
await addSip2Account(library.sip2Accounts, hasher, library.clock, { user: 'bench', password: 'bench', location: 'main', allowedMessages: DEFAULT_ALLOWED_MESSAGES }, IMPLEMENTED_MESSAGES);
const pins = new MemberPins(library.credentials, hasher, library.members, library.clock);
/** A valid ISBN-13 per kiosk: each lends a title of its own, as kiosks lend different books. */
function isbn13(n: number): string {
  const body = `978${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}
for (let k = 0; k < CONNECTIONS; k++) {
  await library.catalog.addBook({ isbn: isbn13(k), title: `Title ${String(k)}`, authors: ['Bench Author'] });
  await library.catalog.addCopy({ barcode: `B${k}`, isbn: isbn13(k), branch: 'main', rack: 'R1' });
  await library.members.register({ id: `M${k}`, name: `Member ${k}` });
  await pins.setPin(`M${k}`, '1234');
}
const server = createSip2Server(library, { maxConnectionsPerAccount: CONNECTIONS });
const { port } = await server.listen({ port: 0 });

/** One kiosk: a message out, its answer back, with error detection as most kiosks use it. */
async function kiosk(): Promise<(m: Sip2Message) => Promise<Sip2Message>> {
  const socket = await new Promise<net.Socket>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.setNoDelay(true);
      resolve(s);
    });
  });
  let buffered = Buffer.alloc(0);
  let waiting: ((frame: Buffer) => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const at = buffered.indexOf(0x0d);
    if (at >= 0 && waiting) {
      const frame = buffered.subarray(0, at);
      buffered = buffered.subarray(at + 1);
      const resolve = waiting;
      waiting = null;
      resolve(frame);
    }
  });
  let sequence = 0;
  return (m) =>
    new Promise((resolve) => {
      waiting = (frame) => {
        resolve(parseMessage(readFrame(frame, 'utf8').body));
      };
      socket.write(writeFrame(formatMessage(m), { sequence: String(sequence++ % 10) }, 'utf8'));
    });
}

type Send = (m: Sip2Message) => Promise<Sip2Message>;

/** Signs the kiosk in and proves its patron's PIN: done for every kiosk before the clock starts. */
async function prepare(k: number): Promise<Send> {
  const send = await kiosk();
  await send({ command: '93', fixed: { uidAlgorithm: '0', pwdAlgorithm: '0' }, fields: [['CN', 'bench'], ['CO', 'bench']] });
  await send({ command: '63', fixed: { language: '001', transactionDate: DATE, summary: ' '.repeat(10) }, fields: [['AO', 'bench'], ['AA', `M${k}`], ['AD', '1234']] });
  return send;
}

async function drive(send: Send, k: number, until: number): Promise<{ pairs: number; refused: number; latencies: number[] }> {
  const checkout: Sip2Message = { command: '11', fixed: { scRenewalPolicy: 'N', noBlock: 'N', transactionDate: DATE, nbDueDate: ' '.repeat(18) }, fields: [['AO', 'bench'], ['AA', `M${k}`], ['AB', `B${k}`]] };
  const checkin: Sip2Message = { command: '09', fixed: { noBlock: 'N', transactionDate: DATE, returnDate: DATE }, fields: [['AP', 'main'], ['AO', 'bench'], ['AB', `B${k}`]] };
  let pairs = 0;
  let refused = 0;
  const latencies: number[] = [];
  while (performance.now() < until) {
    const started = performance.now();
    const out = await send(checkout);
    const back = await send(checkin);
    latencies.push(performance.now() - started);
    if (out.fixed.ok === '1' && back.fixed.ok === '1') pairs++;
    else refused++;
  }
  return { pairs, refused, latencies };
}

const kiosks = await Promise.all(Array.from({ length: CONNECTIONS }, (_, k) => prepare(k)));
const started = performance.now();
const results = await Promise.all(kiosks.map((send, k) => drive(send, k, started + DURATION_MS)));
const seconds = (performance.now() - started) / 1000;
await server.close();
await library.close();

const pairs = results.reduce((n, r) => n + r.pairs, 0);
const refused = results.reduce((n, r) => n + r.refused, 0);
const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2);
const date = new Date().toISOString().slice(0, 10);
const report = [
  `# SIP2 benchmark, ${date}`,
  '',
  `\`npm run bench:sip2\` on ${String(cpus().length)} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}: in-memory library,`,
  `load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (the cores are shared; a busy machine lowers every figure).`,
  `${String(CONNECTIONS)} kiosk connections with error detection, each checking out and checking in its own copy (a title of its own) for ${seconds.toFixed(1)} s.`,
  '',
  '| measure | value |',
  '|---|---|',
  `| checkout + checkin pairs per second | ${(pairs / seconds).toFixed(0)} |`,
  `| SIP2 messages per second (11 and 09) | ${((2 * pairs) / seconds).toFixed(0)} |`,
  `| pair latency p50 / p99 (ms) | ${pct(50)} / ${pct(99)} |`,
  `| pairs refused | ${String(refused)} |`,
  '',
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/sip2-${date}.md`, report);
process.stdout.write(report);
