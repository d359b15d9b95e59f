import type { Library } from '../../src/Library.js';

/**
 * The titles, members and copies of bench:store, numbered: desk `m` (a whole number below 10,000) lends copy
 * `2000000 + m` of its own title to member `1000000 + m`. The same numbering is written as pgbench meta-commands,
 * so that a replay client (bench/support/replay.ts) computes its own desk's keys from `:run` and `:client_id`.
 */
const PREFIX_SUM = 9 + 7 * 3 + 8; // 978 in the ISBN-13 weights 1, 3, 1; the zeros after it add nothing

/** ISBN-13 97800000mmmmC: the desk number in digits 9–12 (weights 1, 3, 1, 3), C its check digit. */
export function isbnOf(m: number): string {
  const digits = String(m).padStart(4, '0').split('').map(Number) as [number, number, number, number];
  const sum = PREFIX_SUM + digits[0] + 3 * digits[1] + digits[2] + 3 * digits[3];
  return `97800000${digits.join('')}${(10 - (sum % 10)) % 10}`;
}

export const memberOf = (m: number): string => String(1_000_000 + m);
export const copyOf = (m: number): string => String(2_000_000 + m);

/** Desk `m`'s member, title and copy, registered and shelved. */
export async function addDesk(library: Library, m: number): Promise<{ readonly memberId: string; readonly barcode: string }> {
  await library.members.register({ id: memberOf(m), name: memberOf(m) });
  await library.catalog.addBook({ isbn: isbnOf(m), title: `Bench title ${isbnOf(m)}`, authors: ['Bench'] });
  await library.catalog.addCopy({ barcode: copyOf(m), isbn: isbnOf(m), branch: 'main', rack: 'B-1' });
  return { memberId: memberOf(m), barcode: copyOf(m) };
}

/**
 * Desk `m` as bench:store's replays start it: registered, shelved, and one checkout + return done, the state the
 * captured desk was in when its pairs were captured.
 */
export async function setUpDesk(library: Library, m: number): Promise<void> {
  const { memberId, barcode } = await addDesk(library, m);
  await library.circulation.checkOut({ memberId, barcode });
  await library.circulation.returnCopy({ barcode });
}

/** Desk number of pgbench client `client_id` in run `run` (one hundred desks a run at most). */
export const deskOf = (run: number, client: number): number => run * 100 + client;

/** pgbench meta-commands setting `:member`, `:copy` and `:isbn` for this client, by the numbering above. */
export const PGBENCH_DESK = [
  '\\set m :run * 100 + :client_id',
  '\\set member 1000000 + :m',
  '\\set copy 2000000 + :m',
  `\\set s ${PREFIX_SUM} + :m / 1000 + 3 * ((:m / 100) % 10) + (:m / 10) % 10 + 3 * (:m % 10)`,
  '\\set isbn 9780000000000 + :m * 10 + (10 - :s % 10) % 10',
];
