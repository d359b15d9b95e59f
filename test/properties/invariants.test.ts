import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOOK_ITEM_STATUSES } from '../../src/domain/catalog/BookItem.js';
import { ShelfmarkError } from '../../src/domain/shared/ShelfmarkError.js';
import type { Library } from '../../src/Library.js';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve, type BookKey } from '../fixtures/catalog.js';
import { enrol, MemberFixtures, type MemberKey } from '../fixtures/members.js';

const MEMBERS: readonly MemberKey[] = ['priya', 'raj', 'meera', 'arjun'];
const TITLES: readonly BookKey[] = ['cormen', 'sedgewick', 'cleanCode'];
const BARCODES = TITLES.flatMap((t) => [`${t}-1`, `${t}-2`]);

type Command =
  | { kind: 'checkOut'; member: MemberKey; barcode: string }
  | { kind: 'return'; barcode: string; damaged: boolean }
  | { kind: 'renew'; barcode: string }
  | { kind: 'reserve'; member: MemberKey; title: BookKey }
  | { kind: 'cancel'; member: MemberKey; title: BookKey }
  | { kind: 'advanceHours'; hours: number }
  | { kind: 'expirePickups' }
  | { kind: 'pay'; member: MemberKey; amount: number }
  | { kind: 'markLost'; barcode: string }
  | { kind: 'markFound'; barcode: string };

const member = fc.constantFrom(...MEMBERS);
const barcode = fc.constantFrom(...BARCODES);
const title = fc.constantFrom(...TITLES);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('checkOut' as const), member, barcode }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('return' as const), barcode, damaged: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('renew' as const), barcode }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reserve' as const), member, title }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), member, title }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advanceHours' as const), hours: fc.integer({ min: 1, max: 24 * 12 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'expirePickups' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pay' as const), member, amount: fc.integer({ min: -50, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markLost' as const), barcode }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markFound' as const), barcode }) },
);

/** Runs one command; the engine may refuse it with a typed error, which is part of the contract. */
async function run(library: Library, clockAdvance: (h: number) => void, c: Command, arrivals: Map<BookKey, string[]>): Promise<void> {
  const id = (m: MemberKey): string => MemberFixtures[m].id;
  const actions: { [K in Command['kind']]: (c: Extract<Command, { kind: K }>) => Promise<unknown> } = {
    checkOut: (x) => library.circulation.checkOut({ memberId: id(x.member), barcode: x.barcode }),
    return: (x) => library.circulation.returnCopy({ barcode: x.barcode, condition: x.damaged ? 'DAMAGED' : 'GOOD' }),
    renew: (x) => library.circulation.renew({ barcode: x.barcode }),
    reserve: async (x) => {
      await library.reservations.reserve({ memberId: id(x.member), isbn: BookFixtures[x.title].isbn });
      arrivals.get(x.title)?.push(id(x.member));
    },
    cancel: async (x) => {
      const active = (await library.reservations.queueFor(BookFixtures[x.title].isbn)).find((r) => r.memberId === id(x.member));
      if (active) await library.reservations.cancel({ reservationId: active.reservationId, memberId: id(x.member) });
    },
    advanceHours: (x) => {
      clockAdvance(x.hours);
      return Promise.resolve();
    },
    expirePickups: () => library.reservations.expirePickups(),
    pay: (x) => library.fines.pay({ memberId: id(x.member), amount: x.amount, method: 'cash' }),
    markLost: (x) => library.circulation.markLost({ barcode: x.barcode }),
    markFound: (x) => library.circulation.markFound({ barcode: x.barcode }),
  };
  try {
    await (actions[c.kind] as (c: Command) => Promise<unknown>)(c);
  } catch (error) {
    if (!ShelfmarkError.isShelfmarkError(error)) throw error;
  }
}

async function assertInvariants(library: Library, arrivals: Map<BookKey, string[]>): Promise<void> {
  const copies = await Promise.all(BARCODES.map((b) => library.catalog.getCopy(b)));
  expect(copies).toHaveLength(BARCODES.length); // nothing lost from the catalogue
  const openLoans = (await Promise.all(MEMBERS.map((m) => library.members.loans(MemberFixtures[m].id)))).flat();
  const allLoans = (await Promise.all(MEMBERS.map((m) => library.members.loans(MemberFixtures[m].id, { includeClosed: true })))).flat();
  expect(new Set(allLoans.map((l) => l.loanId)).size).toBe(allLoans.length); // no loan duplicated

  for (const copy of copies) {
    const loansOfCopy = openLoans.filter((l) => l.barcode === copy.barcode);
    // a copy is in exactly one state, and the state agrees with the loans and holds
    expect(BOOK_ITEM_STATUSES).toContain(copy.status);
    expect(loansOfCopy).toHaveLength(copy.status === 'LOANED' ? 1 : 0);
    if (copy.status === 'LOANED') expect(copy.borrowerId).toBe(loansOfCopy[0]?.memberId);
    expect(copy.heldFor !== null).toBe(copy.status === 'RESERVED');
  }

  for (const t of TITLES) {
    const queue = await library.reservations.queueFor(BookFixtures[t].isbn);
    const members = queue.map((r) => r.memberId);
    expect(new Set(members).size).toBe(members.length); // one active reservation per member per title
    const waiting = queue.filter((r) => r.status === 'WAITING').map((r) => r.memberId);
    const order = arrivals.get(t) ?? [];
    const rank = (m: string): number => order.lastIndexOf(m);
    expect([...waiting].sort((a, b) => rank(a) - rank(b))).toEqual(waiting); // queue order is arrival order
    for (const ready of queue.filter((r) => r.status === 'READY_FOR_PICKUP')) {
      expect(copies.find((c) => c.barcode === ready.barcode)?.heldFor).toBe(ready.memberId);
    }
    const onShelf = copies.filter((c) => c.isbn === BookFixtures[t].isbn && c.status === 'AVAILABLE');
    if (waiting.length > 0) expect(onShelf).toEqual([]); // nobody waits while a copy sits on the shelf
  }

  for (const m of MEMBERS) {
    const view = await library.members.get(MemberFixtures[m].id);
    expect(view.activeLoanCount).toBe(openLoans.filter((l) => l.memberId === view.memberId).length);
    expect(view.fineBalance.amount).toBeGreaterThanOrEqual(0);
  }
}

describe('Circulation invariants (property)', () => {
  it('should hold after every command of any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const { library, clock } = aLibrary('college');
        await enrol(library, ...MEMBERS);
        for (const t of TITLES) await shelve(library, t, 2);
        const arrivals = new Map(TITLES.map((t) => [t, [] as string[]]));
        for (const c of commands) {
          await run(library, (h) => {
            clock.advanceHours(h);
          }, c, arrivals);
          await assertInvariants(library, arrivals);
        }
      }),
      { numRuns: 100, seed: 20260907 },
    );
  });
});
