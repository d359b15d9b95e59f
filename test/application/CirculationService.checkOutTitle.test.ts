import { describe, expect, it } from 'vitest';
import { CirculationService } from '../../src/application/CirculationService.js';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

describe(CirculationService, () => {
  describe('.checkOutTitle', () => {
    describe('when copies are on the shelf', () => {
      it('should lend the one with the lowest barcode', async () => {
        const { library } = aLibrary('desk');
        await shelve(library, 'cormen', 3);
        await enrol(library, 'priya');
        expect(await library.circulation.checkOutTitle({ memberId: priya.id, isbn: CORMEN })).toMatchObject({ barcode: 'cormen-1', memberId: priya.id });
      });
    });

    describe('when a copy waits on the hold shelf for the member', () => {
      it('should lend that copy and fulfil the reservation', async () => {
        const { library } = aLibrary('desk');
        const [c1] = await shelve(library, 'cormen', 1);
        await enrol(library, 'priya', 'raj');
        await library.circulation.checkOut({ memberId: raj.id, barcode: c1! });
        const reservation = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await library.circulation.returnCopy({ barcode: c1! });
        expect(await library.circulation.checkOutTitle({ memberId: priya.id, isbn: CORMEN })).toMatchObject({ barcode: c1 });
        expect(await library.reservations.get(reservation.reservationId)).toMatchObject({ status: 'FULFILLED' });
      });
    });

    describe('when the only copy is held for someone else', () => {
      it('should throw NO_COPY_ON_SHELF', async () => {
        const { library } = aLibrary('desk');
        const [c1] = await shelve(library, 'cormen', 1);
        await enrol(library, 'priya', 'raj', 'meera');
        await library.circulation.checkOut({ memberId: raj.id, barcode: c1! });
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await library.circulation.returnCopy({ barcode: c1! });
        await expect(library.circulation.checkOutTitle({ memberId: meera.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'NO_COPY_ON_SHELF' });
      });
    });

    describe('when the member already has a copy of the title', () => {
      it('should throw ALREADY_BORROWED_TITLE even with no copy left on the shelf', async () => {
        const { library } = aLibrary('desk');
        await shelve(library, 'cormen', 1);
        await enrol(library, 'priya');
        await library.circulation.checkOutTitle({ memberId: priya.id, isbn: CORMEN });
        await expect(library.circulation.checkOutTitle({ memberId: priya.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'ALREADY_BORROWED_TITLE' });
      });
    });
  });

  describe('.openLoansOf', () => {
    describe('when members have copies of the title', () => {
      it('should list their open loans only', async () => {
        const { library } = aLibrary('desk');
        const [c1, c2] = await shelve(library, 'cormen', 2);
        await enrol(library, 'priya', 'raj');
        await library.circulation.checkOut({ memberId: raj.id, barcode: c1! });
        await library.circulation.checkOut({ memberId: priya.id, barcode: c2! });
        await library.circulation.returnCopy({ barcode: c1! });
        expect((await library.circulation.openLoansOf(CORMEN)).map((l) => l.memberId)).toEqual([priya.id]);
      });
    });
  });
});
