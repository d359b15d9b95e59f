/**
 * Does a library's past slow down its present? Checkout, renew, return and reserve latency (p50, p99) and
 * throughput against three kinds of history, on the in-memory store and on PostgreSQL, side by side in one run:
 *
 * - a member with 0 / 1,000 / 10,000 past loans (returned) and as many paid fines and payments;
 * - a title with 0 / 1,000 / 10,000 past (fulfilled) reservations;
 * - a title with 10 / 1,000 / 10,000 copies, every one but the copy used out on loan.
 *
 *   npm run bench:history              (server: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_ITERATIONS=40 npm run bench:history   (cycles per scenario and round; default 15)
 *   BENCH_ROUNDS=5 npm run bench:history        (default 3)
 *   BENCH_SIZES=0,1000 npm run bench:history    (history sizes; the copies scenario uses 10 for 0)
 *   BENCH_STORES=postgres npm run bench:history (stores: memory, postgres; default both)
 *
 * One cycle is: check the copy out, renew the loan, return the copy, reserve the title (the copy is on the shelf, so
 * it goes straight to the hold shelf), cancel the reservation (not measured). A cycle leaves the library as it found
 * it, so every cycle measures the same state. History is seeded directly through the store's repositories in one
 * transaction per scenario (aggregates rebuilt from primitives, so no use case runs ten thousand times), once per
 * run; the PostgreSQL store works in a scratch database, analysed once seeded (as autovacuum does a real library's,
 * so that the planner knows the history is there), and dropped at the end. Rounds alternate over every scenario and
 * store, and the tables report medians over the rounds: a machine whose speed drifts by the minute moves every
 * column alike. The load average is printed beside the numbers: on a shared machine they are only comparable
 * within one run. Writes bench/results/history-<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Store } from '../src/application/ports/Store.js';
import { BookItem } from '../src/domain/catalog/BookItem.js';
import { Isbn } from '../src/domain/catalog/Isbn.js';
import { FineLedger, type FinePrimitives, type PaymentPrimitives } from '../src/domain/fines/FineLedger.js';
import { Loan } from '../src/domain/lending/Loan.js';
import { ReservationQueue } from '../src/domain/reservations/ReservationQueue.js';
import type { Clock } from '../src/domain/shared/Clock.js';
import { InMemoryStore } from '../src/infrastructure/memory/InMemoryStore.js';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';
import { Library } from '../src/Library.js';
import { adminStatement } from './support/postgres.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '0,1000,10000').split(',').map(Number);
const STORES = (process.env.BENCH_STORES ?? 'memory,postgres').split(',');
if (STORES.some((s) => s !== 'memory' && s !== 'postgres') || STORES.length === 0) throw new Error(`BENCH_STORES takes memory and/or postgres, not ${STORES.join(',')}`);
const DATABASE = `shelfmark_bench_history_${(process.env.BENCH_LABEL ?? 'run').replace(/\W/g, '_')}`;
const OPERATIONS = ['checkout', 'renew', 'return', 'reserve'] as const;
type Operation = (typeof OPERATIONS)[number];
type Kind = 'member' | 'title' | 'copies';
const KINDS: readonly Kind[] = ['member', 'title', 'copies'];
const KIND_LABEL: Record<Kind, string> = {
  member: 'member: past loans and paid fines',
  title: 'title: past reservations',
  copies: 'title: copies (all but one out)',
};
/** Rows per seeding transaction: one transaction's writes leave as one statement, which has a size limit. */
const CHUNK = 250;
const START = Date.parse('2026-09-07T09:00:00Z');
const PAST = '2020-01-06T09:00:00.000Z';

/** A clock that moves one second each time it is read: loans renew past their due dates, events stay ordered. */
class TickingClock implements Clock {
  private ticks = 0;
  now(): Date {
    return new Date(START + 1000 * this.ticks++);
  }
}

const isbnOf = (n: number): string => Isbn.fromTwelveDigits(`978000${String(n).padStart(6, '0')}`).value;

interface Scenario {
  readonly kind: Kind;
  readonly size: number;
  readonly store: 'memory' | 'postgres';
  readonly library: Library;
  readonly memberId: string;
  readonly isbn: string;
  readonly barcode: string;
  readonly samples: Record<Operation, number[][]>;
  /** Why the scenario could not be measured (an operation threw), or null. */
  failure: string | null;
}

let titles = 0;

/** The title, its copy and its reader through the library; the history straight through the store's repositories. */
async function scenario(kind: Kind, size: number, storeName: Scenario['store'], store: Store): Promise<Scenario> {
  const library = Library.create({ store, policy: 'college', clock: new TickingClock() });
  const tag = `${kind}-${String(size)}`;
  const isbn = isbnOf(++titles);
  const memberId = `reader-${tag}`;
  const barcode = `${tag}-copy-0`;
  await library.catalog.addBook({ isbn, title: `History ${tag}`, authors: ['Bench'] });
  await library.catalog.addCopy({ barcode, isbn, branch: 'main', rack: '1-A' });
  await library.members.register({ id: memberId, name: `Reader ${tag}`, type: 'STUDENT' });
  const copies = kind === 'copies' ? Math.max(10, size) - 1 : 0;
  if (copies > 0) {
    await library.members.register({ id: `holder-${tag}`, name: 'Holder', type: 'FACULTY' });
    for (let from = 1; from <= copies; from += 1000) {
      const count = Math.min(1000, copies - from + 1);
      await library.catalog.addCopies(Array.from({ length: count }, (_, i) => ({ barcode: `${tag}-copy-${String(from + i).padStart(5, '0')}`, isbn, branch: 'main', rack: '1-A' })));
    }
  }
  for (let from = 0; from < size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK);
    if (kind === 'member') await store.transaction((tx) => seedMemberHistory(tx, memberId, barcode, isbn, from, to));
    if (kind === 'title') await store.transaction((tx) => seedPastReservations(tx, isbn, from, to));
  }
  for (let from = 1; from <= copies; from += CHUNK) {
    await store.transaction(async (tx) => {
      for (let i = from; i < Math.min(copies + 1, from + CHUNK); i++) {
        const copyBarcode = `${tag}-copy-${String(i).padStart(5, '0')}`;
        const loanId = `${tag}-out-${String(i)}`;
        const item = await tx.items.get(copyBarcode);
        if (!item) throw new Error(`no copy ${copyBarcode}`);
        const p = item.toPrimitives();
        await tx.items.save(BookItem.fromPrimitives({ ...p, status: 'LOANED', loan: { loanId, memberId: `holder-${tag}` } }, item.version));
        await tx.loans.save(
          Loan.fromPrimitives({ id: loanId, barcode: copyBarcode, isbn, memberId: `holder-${tag}`, status: 'OPEN', checkedOutAt: PAST, dueAt: '2027-01-01T09:00:00.000Z', returnedAt: null, renewals: 0 }, 0),
        );
      }
    });
  }
  const samples = Object.fromEntries(OPERATIONS.map((op) => [op, []])) as unknown as Record<Operation, number[][]>;
  return { kind, size, store: storeName, library, memberId, isbn, barcode, samples, failure: null };
}

type Tx = Parameters<Parameters<Store['transaction']>[0]>[0];

/** Past loans `from`…`to` of the member, each with an overdue fine paid in full, added to what the ledger holds. */
async function seedMemberHistory(tx: Tx, memberId: string, barcode: string, isbn: string, from: number, to: number): Promise<void> {
  const ledger = await tx.ledgers.statementFor(memberId, 'INR');
  const p = ledger.toPrimitives();
  const fines: FinePrimitives[] = [...p.fines];
  const payments: PaymentPrimitives[] = [...p.payments];
  for (let i = from; i < to; i++) {
    const loanId = `${memberId}-past-${String(i)}`;
    await tx.loans.save(Loan.fromPrimitives({ id: loanId, barcode, isbn, memberId, status: 'RETURNED', checkedOutAt: PAST, dueAt: PAST, returnedAt: PAST, renewals: 0 }, 0));
    fines.push({ id: `${loanId}-fine`, loanId, barcode, reason: 'OVERDUE', amount: 50, outstanding: 0, status: 'PAID', assessedAt: PAST });
    payments.push({ id: `${loanId}-pay`, amount: 50, method: 'cash', paidAt: PAST, allocations: [{ fineId: `${loanId}-fine`, amount: 50 }] });
  }
  await tx.ledgers.save(FineLedger.fromPrimitives({ ...p, fines, payments }, ledger.version));
}

/** Past reservations `from`…`to` of the title, fulfilled long ago, added to its queue. */
async function seedPastReservations(tx: Tx, isbn: string, from: number, to: number): Promise<void> {
  const queue = await tx.reservations.forTitle(isbn);
  const p = queue.toPrimitives();
  const past = Array.from({ length: to - from }, (_, k) => ({
    id: `${isbn}-past-${String(from + k)}`,
    isbn,
    memberId: `past-reader-${String(from + k)}`,
    sequence: from + k + 1,
    status: 'FULFILLED' as const,
    placedAt: PAST,
    barcode: 'gone',
    expiresAt: null,
    closedAt: PAST,
    format: 'PRINT' as const,
  }));
  await tx.reservations.save(ReservationQueue.fromPrimitives({ isbn, nextSequence: to + 1, reservations: [...p.reservations, ...past] }, queue.version));
}

async function timed<T>(into: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  into.push(performance.now() - started);
  return value;
}

/** One round of cycles on one scenario; an operation that fails marks the scenario failed, and it is measured no more. */
async function measure(s: Scenario): Promise<void> {
  if (s.failure !== null) return;
  try {
    await cycles(s);
  } catch (error) {
    s.failure = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 100) : String(error);
    console.log(`${s.kind} ${String(s.size)} on ${s.store} failed: ${s.failure}`);
  }
}

async function cycles(s: Scenario): Promise<void> {
  const round = Object.fromEntries(OPERATIONS.map((op) => [op, [] as number[]])) as Record<Operation, number[]>;
  for (let i = 0; i < ITERATIONS; i++) {
    const loan = await timed(round.checkout, () => s.library.circulation.checkOut({ memberId: s.memberId, barcode: s.barcode }));
    await timed(round.renew, () => s.library.circulation.renew({ loanId: loan.loanId }));
    await timed(round.return, () => s.library.circulation.returnCopy({ barcode: s.barcode }));
    const hold = await timed(round.reserve, () => s.library.reservations.reserve({ memberId: s.memberId, isbn: s.isbn }));
    await s.library.reservations.cancel({ reservationId: hold.reservationId });
  }
  for (const op of OPERATIONS) s.samples[op].push(round[op]);
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

const admin = (statement: string): Promise<void> => adminStatement(SERVER, statement);

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(', ');
const loadBefore = load();
await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DATABASE}`);
const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;
const postgres = SqlStore.postgres(url.toString(), { poolSize: 2 });
await postgres.ready();

const scenarios: Scenario[] = [];
for (const kind of KINDS) {
  for (const size of SIZES) {
    const shown = kind === 'copies' ? Math.max(10, size) : size;
    if (STORES.includes('memory')) scenarios.push(await scenario(kind, shown, 'memory', new InMemoryStore()));
    if (STORES.includes('postgres')) scenarios.push(await scenario(kind, shown, 'postgres', postgres));
    console.log(`seeded ${kind} ${String(shown)}`);
  }
}
if (STORES.includes('postgres')) await adminStatement(url.toString(), 'VACUUM ANALYZE');

for (let round = 1; round <= ROUNDS; round++) {
  // Alternate the order each round, so neither store always runs on a warmer (or busier) machine.
  const order = round % 2 === 1 ? scenarios : [...scenarios].reverse();
  for (const s of order) await measure(s);
  console.log(`round ${String(round)} done (load ${load()})`);
}
const loadAfter = load();
// Every library stops its search feed and notifications before the database goes: the PostgreSQL ones share one
// store, whose close is idempotent, so the first closes it and the rest find it closed.
for (const s of scenarios) await s.library.close();
await postgres.close();
await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);

/** p50 and p99 of each round, then the median over rounds; throughput from each round's mean latency. */
function summary(s: Scenario, op: Operation): { p50: number; p99: number; perSecond: number } | null {
  const rounds = s.samples[op];
  if (rounds.length === 0) return null;
  return {
    p50: median(rounds.map((r) => quantile(r, 0.5))),
    p99: median(rounds.map((r) => quantile(r, 0.99))),
    perSecond: median(rounds.map((r) => 1000 / (r.reduce((a, b) => a + b, 0) / r.length))),
  };
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const tables: string[] = [];
for (const kind of KINDS) {
  const sizes = [...new Set(scenarios.filter((s) => s.kind === kind).map((s) => s.size))];
  const header = `| operation | store | ${sizes.map((n) => `${n.toLocaleString('en')}: p50 / p99 ms, ops/s`).join(' | ')} | largest ÷ smallest (p50) |`;
  const rule = `|---|---|${sizes.map(() => '--:').join('|')}|--:|`;
  const lines: string[] = [];
  for (const op of OPERATIONS) {
    for (const store of (['memory', 'postgres'] as const).filter((name) => STORES.includes(name))) {
      const cells = sizes.map((n) => summary(scenarios.find((s) => s.kind === kind && s.size === n && s.store === store)!, op));
      const first = cells[0];
      const last = cells[cells.length - 1];
      const ratio = first && last ? `${(last.p50 / first.p50).toFixed(2)}×` : '—';
      lines.push(`| ${op} | ${store} | ${cells.map((c) => (c ? `${ms(c.p50)} / ${ms(c.p99)}, ${c.perSecond.toFixed(0)}` : 'failed')).join(' | ')} | ${ratio} |`);
    }
  }
  const failures = scenarios.filter((s) => s.kind === kind && s.failure !== null).map((s) => `${s.size.toLocaleString('en')} on ${s.store}: ${s.failure ?? ''}`);
  const notes = failures.length === 0 ? '' : `\n\nFailed (no samples after the first error): ${failures.join('; ')}.`;
  tables.push(`### ${KIND_LABEL[kind]}\n\n${header}\n${rule}\n${lines.join('\n')}${notes}`);
}

const date = new Date().toISOString().slice(0, 10);
const report = `# Latency against history, ${date}

\`npm run bench:history\` (BENCH_ITERATIONS=${String(ITERATIONS)}, BENCH_ROUNDS=${String(ROUNDS)}): one reader at a time, each cycle a
checkout, a renewal, a return and a reservation (then a cancellation, not measured) of one copy, on the in-memory
store and on \`SqlStore.postgres\` (a scratch database on the local server), against the size of the history named
in each table. Per round: p50 and p99 of the ${String(ITERATIONS)} samples and ops/s from their mean; the cells are medians over
the rounds, which alternate over every scenario and store.

Machine: ${String(os.cpus().length)} cores, Node ${process.versions.node}, shared with other work: load average ${loadBefore} before,
${loadAfter} after (\`uptime\`). With so few samples p99 is the slowest sample or next to it.

${tables.join('\n\n')}
`;
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/history-${date}${process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL}` : ''}.md`;
writeFileSync(file, report);
console.log(report);
console.log(`wrote ${file}`);
