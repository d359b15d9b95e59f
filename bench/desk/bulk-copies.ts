/**
 * The lending desk's bulk path: how long `addBook` takes to shelve 100,000 copies of one title at once, and how
 * long the first borrow of that title takes after it. Timings depend on the machine and its load, so they live
 * here and not in the test suite (test/desk/LendingDesk.test.ts checks what the bulk path does).
 * Run: npm run bench:desk  (writes bench/results/desk-<date>.md)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LendingDesk } from '../../src/index.js';

const COPIES = 100_000;
const ROUNDS = 3;

async function timed<T>(body: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await body();
  return { value, seconds: (performance.now() - start) / 1000 };
}

const rows: { round: number; shelve: number; borrow: number }[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const desk = new LendingDesk();
  await desk.registerUser('U1', 'Alice');
  const shelve = await timed(() => desk.addBook('The Hobbit', 'J R R Tolkien', COPIES));
  if (shelve.value !== 'BOOK_ID,TOL1000') throw new Error(`addBook answered ${shelve.value}`);
  const borrow = await timed(() => desk.requestBorrow('U1', 'TOL1000', 1));
  if (borrow.value !== 'ISSUED') throw new Error(`requestBorrow answered ${borrow.value}`);
  rows.push({ round, shelve: shelve.seconds, borrow: borrow.seconds });
}

const table = [
  '| round | addBook, 100,000 copies (s) | first requestBorrow after it (s) |',
  '|---:|---:|---:|',
  ...rows.map((r) => `| ${r.round} | ${r.shelve.toFixed(2)} | ${r.borrow.toFixed(3)} |`),
].join('\n');
const header = `# Lending desk bulk-copies benchmark (in-memory store)\n\nNode ${process.version}, ${COPIES.toLocaleString('en')} copies of one title per round, a fresh desk each round.\n\n`;
console.log(header + table);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`../results/desk-${new Date().toISOString().slice(0, 10)}.md`, import.meta.url), header + table + '\n');
