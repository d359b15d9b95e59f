import { describe, expect, it } from 'vitest';
import { ShelfmarkError } from '../../src/domain/shared/ShelfmarkError.js';
import type { Library } from '../../src/Library.js';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj } = MemberFixtures;

/** Everything an application could observe about the library's state, for before/after comparison. */
async function snapshot(library: Library, barcodes: readonly string[]) {
  return {
    copies: await Promise.all(barcodes.map((b) => library.catalog.getCopy(b))),
    priya: await library.members.get(priya.id),
    raj: await library.members.get(raj.id),
    priyaLedger: await library.fines.ledger(priya.id),
    loans: await library.members.loans(priya.id, { includeClosed: true }),
    queue: await library.reservations.queueFor(BookFixtures.cormen.isbn),
  };
}

type Case = readonly [description: string, code: string, act: (library: Library, barcode: string) => Promise<unknown>];

const CASES: readonly Case[] = [
  ['an unknown member checks out', 'MEMBER_NOT_FOUND', (l, b) => l.circulation.checkOut({ memberId: 'M-NOBODY', barcode: b })],
  ['a member checks out an unknown barcode', 'COPY_NOT_FOUND', (l) => l.circulation.checkOut({ memberId: priya.id, barcode: 'no-such-copy' })],
  ['an empty member id is given', 'INVALID_INPUT', (l, b) => l.circulation.checkOut({ memberId: '  ', barcode: b })],
  ['a barcode is not a string', 'INVALID_INPUT', (l) => l.circulation.checkOut({ memberId: priya.id, barcode: 42 as unknown as string })],
  ['a malformed ISBN is reserved', 'INVALID_ISBN', (l) => l.reservations.reserve({ memberId: priya.id, isbn: '978-0-262-03384-7' })],
  ['an unknown title is reserved', 'BOOK_NOT_FOUND', (l) => l.reservations.reserve({ memberId: priya.id, isbn: '9780306406157' })],
  ['a negative payment is made', 'INVALID_AMOUNT', (l) => l.fines.pay({ memberId: priya.id, amount: -100, method: 'cash' })],
  ['a fractional payment is made', 'INVALID_INPUT', (l) => l.fines.pay({ memberId: priya.id, amount: 1.5, method: 'cash' })],
  ['a payment exceeds the balance', 'AMOUNT_EXCEEDS_BALANCE', (l) => l.fines.pay({ memberId: priya.id, amount: 100_000, method: 'cash' })],
  ['a member is registered with an empty name', 'INVALID_INPUT', (l) => l.members.register({ id: 'M-NEW', name: '' })],
  ['a member is registered twice', 'MEMBER_ALREADY_EXISTS', (l) => l.members.register({ id: priya.id, name: 'Priya again' })],
  ['a book has a blank author', 'INVALID_INPUT', (l) => l.catalog.addBook({ isbn: '9780306406157', title: 'Untitled', authors: ['  '] })],
  ['a book is catalogued twice', 'BOOK_ALREADY_EXISTS', (l) => l.catalog.addBook({ ...BookFixtures.cormen })],
  ['a copy reuses a barcode', 'COPY_ALREADY_EXISTS', (l, b) => l.catalog.addCopy({ barcode: b, isbn: BookFixtures.cormen.isbn, branch: 'main', rack: '1' })],
  ['a copy gets a negative price', 'INVALID_INPUT', (l) => l.catalog.addCopy({ barcode: 'x-1', isbn: BookFixtures.cormen.isbn, branch: 'main', rack: '1', replacementPrice: -1 })],
  ['an unknown reservation is cancelled', 'RESERVATION_NOT_FOUND', (l) => l.reservations.cancel({ reservationId: 'res-999999' })],
  ['a copy on loan is removed', 'COPY_IN_USE', (l, b) => l.catalog.removeCopy({ barcode: b })],
  ['a loan that does not exist is renewed', 'LOAN_NOT_FOUND', (l) => l.circulation.renew({ loanId: 'loan-999999' })],
  ['a member with books out unregisters', 'MEMBER_HAS_ACTIVE_LOANS', (l) => l.members.unregister({ memberId: priya.id })],
  ['a fine that does not exist is waived', 'FINE_NOT_FOUND', (l) => l.fines.waive({ memberId: priya.id, fineId: 'fine-999', reason: 'x' })],
];

describe('Bad input at the boundary', () => {
  for (const [description, code, act] of CASES) {
    describe(`when ${description}`, () => {
      it(`should throw ${code} and change nothing`, async () => {
        const { library, clock } = aLibrary('college');
        await enrol(library, 'priya', 'raj');
        const barcodes = await shelve(library, 'cormen', 2);
        await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        clock.advanceDays(15);
        await library.circulation.returnCopy({ barcode: barcodes[0]! }); // Priya owes a fine
        await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        await library.reservations.reserve({ memberId: raj.id, isbn: BookFixtures.cormen.isbn });
        await library.idle();
        const before = await snapshot(library, barcodes);

        let error: unknown;
        try {
          await act(library, barcodes[0]!);
        } catch (e) {
          error = e;
        }

        expect(ShelfmarkError.isShelfmarkError(error)).toBe(true);
        expect((error as ShelfmarkError).code).toBe(code);
        expect(await snapshot(library, barcodes)).toEqual(before);
      });
    });
  }
});
