/**
 * Core circulation throughput on the in-memory store: checkout + return pairs per second,
 * sequential and with 32 concurrent desks, plus reserve → return → pickup cycles.
 * Run: npm run bench:core  (writes bench/results/core-<date>.md)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Library } from '../../src/Library.js';
import { ShelfmarkError } from '../../src/domain/shared/ShelfmarkError.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';

const TITLES = 200;
const COPIES_PER_TITLE = 5;
const MEMBERS = 1_000;

function isbnFor(n: number): string {
  const body = `979${String(100_000_000 + n).slice(-9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

async function seeded(): Promise<Library> {
  const library = Library.create({ clock: new FixedClock('2026-09-07T09:00:00Z'), ids: new SequentialIdGenerator(), policy: 'desk' });
  for (let t = 0; t < TITLES; t++) {
    const isbn = isbnFor(t);
    await library.catalog.addBook({ isbn, title: `Title ${t}`, authors: [`Author ${t % 50}`] });
    for (let c = 0; c < COPIES_PER_TITLE; c++) await library.catalog.addCopy({ barcode: `B${t}-${c}`, isbn, branch: 'main', rack: 'R1' });
  }
  for (let m = 0; m < MEMBERS; m++) await library.members.register({ id: `M${m}`, name: `Member ${m}` });
  return library;
}

async function measure(name: string, ops: number, body: () => Promise<void>): Promise<{ name: string; ops: number; seconds: number; perSecond: number }> {
  const start = performance.now();
  await body();
  const seconds = (performance.now() - start) / 1000;
  return { name, ops, seconds, perSecond: ops / seconds };
}

const rows = [];
{
  const library = await seeded();
  const N = 5_000;
  rows.push(
    await measure('checkout + return, sequential', N, async () => {
      for (let i = 0; i < N; i++) {
        const barcode = `B${i % TITLES}-${i % COPIES_PER_TITLE}`;
        await library.circulation.checkOut({ memberId: `M${i % MEMBERS}`, barcode });
        await library.circulation.returnCopy({ barcode });
      }
    }),
  );
}
{
  const library = await seeded();
  const DESKS = 32;
  let refusals = 0;
  const PER_DESK = 200;
  rows.push(
    await measure(`checkout + return, ${DESKS} concurrent desks`, DESKS * PER_DESK, async () => {
      await Promise.all(
        Array.from({ length: DESKS }, async (_, d) => {
          for (let i = 0; i < PER_DESK; i++) {
            const barcode = `B${(d * 7 + i) % TITLES}-${d % COPIES_PER_TITLE}`;
            try {
              await library.circulation.checkOut({ memberId: `M${d * 31 + (i % 31)}`, barcode });
              await library.circulation.returnCopy({ barcode });
            } catch (error) {
              // another desk holds this copy right now: a typed refusal is a completed operation too
              if (!ShelfmarkError.isShelfmarkError(error) || error.area === 'store') throw error;
              refusals++;
            }
          }
        }),
      );
    }),
  );
  rows[rows.length - 1] = { ...rows[rows.length - 1]!, name: `checkout + return, ${DESKS} concurrent desks (${refusals} refused: copy busy)` };
}
{
  const library = await seeded();
  const N = 2_000;
  rows.push(
    await measure('reserve → return → pickup → return cycle', N, async () => {
      for (let i = 0; i < N; i++) {
        const t = i % TITLES;
        const barcodes = Array.from({ length: COPIES_PER_TITLE }, (_, c) => `B${t}-${c}`);
        const borrowers = barcodes.map((_, c) => `M${(i * 7 + c) % MEMBERS}`);
        for (const [c, b] of barcodes.entries()) await library.circulation.checkOut({ memberId: borrowers[c]!, barcode: b });
        const waiter = `M${(i * 7 + COPIES_PER_TITLE + 1) % MEMBERS}`;
        await library.reservations.reserve({ memberId: waiter, isbn: isbnFor(t) });
        await library.circulation.returnCopy({ barcode: barcodes[0]! });
        await library.circulation.checkOut({ memberId: waiter, barcode: barcodes[0]! });
        for (const b of barcodes) await library.circulation.returnCopy({ barcode: b });
      }
    }),
  );
}

const table = [
  '| scenario | operations | seconds | operations/s |',
  '|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.ops} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond)} |`),
].join('\n');
const header = `# Core circulation benchmark (in-memory store)\n\nNode ${process.version}, ${TITLES} titles × ${COPIES_PER_TITLE} copies, ${MEMBERS} members, desk policy.\nOne operation = one checkout and its return (or one full reserve cycle).\n\n`;
console.log(header + table);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`../results/core-${new Date().toISOString().slice(0, 10)}.md`, import.meta.url), header + table + '\n');
