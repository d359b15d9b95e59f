import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

async function libraryWithCormen(copies = 1, preset: 'college' | 'city' = 'college') {
  const t = aLibrary(preset);
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun');
  const barcodes = await shelve(t.library, 'cormen', copies);
  return { ...t, barcodes };
}

describe('CirculationService', () => {
  describe('.checkOut', () => {
    describe('when the member is blocked', () => {
      it('should refuse with MEMBER_BLOCKED and lend nothing', async () => {
        const { library, barcodes } = await libraryWithCormen();
        await library.members.block({ memberId: priya.id, reason: 'damaged books' });
        await expect(library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! })).rejects.toMatchObject({ code: 'MEMBER_BLOCKED' });
        expect((await library.catalog.getCopy(barcodes[0]!)).status).toBe('AVAILABLE');
      });
    });

    describe('when the member already has a copy of the title', () => {
      it('should refuse a second copy with ALREADY_BORROWED_TITLE', async () => {
        const { library, barcodes } = await libraryWithCormen(2);
        await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        await expect(library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[1]! })).rejects.toMatchObject({
          code: 'ALREADY_BORROWED_TITLE',
        });
      });
    });

    describe('when the copy is already on loan', () => {
      it('should refuse with COPY_NOT_AVAILABLE', async () => {
        const { library, barcodes } = await libraryWithCormen();
        await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        await expect(library.circulation.checkOut({ memberId: raj.id, barcode: barcodes[0]! })).rejects.toMatchObject({
          code: 'COPY_NOT_AVAILABLE',
          details: { status: 'LOANED' },
        });
      });
    });

    describe('when the copy is reference-only', () => {
      it('should refuse with REFERENCE_ONLY', async () => {
        const { library } = aLibrary();
        await enrol(library, 'priya');
        const [barcode] = await shelve(library, 'cormen', 1, { referenceOnly: true });
        await expect(library.circulation.checkOut({ memberId: priya.id, barcode: barcode! })).rejects.toMatchObject({ code: 'REFERENCE_ONLY' });
      });
    });

    describe('when the member waits for the title and a copy is on the shelf', () => {
      it('should fulfil their reservation', async () => {
        const { library, barcodes } = await libraryWithCormen(1);
        await library.circulation.checkOut({ memberId: raj.id, barcode: barcodes[0]! });
        const r = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        const [second] = await shelve(library, 'cormen', 1);
        // the new copy went to the hold shelf for Priya
        expect((await library.catalog.getCopy(second!)).heldFor).toBe(priya.id);
        await library.circulation.checkOut({ memberId: priya.id, barcode: second! });
        expect(await library.reservations.get(r.reservationId)).toMatchObject({ status: 'FULFILLED', barcode: second });
        expect((await library.members.get(priya.id)).activeReservationCount).toBe(0);
      });
    });
  });

  describe('.returnCopy', () => {
    describe('when nobody waits for the title', () => {
      it('should put the copy back on the shelf', async () => {
        const { library, barcodes } = await libraryWithCormen();
        await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        const receipt = await library.circulation.returnCopy({ barcode: barcodes[0]! });
        expect(receipt.heldFor).toBeNull();
        expect(receipt.loan.status).toBe('RETURNED');
        expect((await library.catalog.getCopy(barcodes[0]!)).status).toBe('AVAILABLE');
        expect((await library.members.get(priya.id)).activeLoanCount).toBe(0);
      });
    });

    describe('when members wait for the title', () => {
      it('should hold the copy for the first in line, not the later ones', async () => {
        const { library, barcodes, clock } = await libraryWithCormen();
        await library.circulation.checkOut({ memberId: arjun.id, barcode: barcodes[0]! });
        await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN });
        clock.advanceHours(1);
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        const receipt = await library.circulation.returnCopy({ barcode: barcodes[0]! });
        expect(receipt.heldFor?.memberId).toBe(raj.id);
        expect((await library.reservations.queueFor(CORMEN)).map((r) => [r.memberId, r.status, r.position])).toEqual([
          [raj.id, 'READY_FOR_PICKUP', null],
          [priya.id, 'WAITING', 1],
        ]);
      });
    });

    describe('when the copy is not on loan', () => {
      it('should throw ILLEGAL_TRANSITION', async () => {
        const { library, barcodes } = await libraryWithCormen();
        await expect(library.circulation.returnCopy({ barcode: barcodes[0]! })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      });
    });
  });

  describe('.renew', () => {
    describe('when nothing stands in the way', () => {
      it('should extend the due date by the renewal period from the current due date', async () => {
        const { library, barcodes, clock } = await libraryWithCormen();
        const loan = await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        clock.advanceDays(3);
        const renewed = await library.circulation.renew({ loanId: loan.loanId });
        expect(renewed.dueAt).toBe('2026-09-27T09:00:00.000Z');
        expect(renewed.renewals).toBe(1);
      });
    });

    describe('when the renewal limit is reached', () => {
      it('should refuse with RENEWAL_LIMIT_REACHED and keep the due date', async () => {
        const { library, barcodes } = await libraryWithCormen();
        const loan = await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        await library.circulation.renew({ loanId: loan.loanId });
        const second = await library.circulation.renew({ barcode: barcodes[0]! });
        await expect(library.circulation.renew({ loanId: loan.loanId })).rejects.toMatchObject({ code: 'RENEWAL_LIMIT_REACHED' });
        expect((await library.members.loans(priya.id))[0]?.dueAt).toBe(second.dueAt);
      });
    });

    describe('when the loan is overdue', () => {
      it('should refuse with RENEWAL_TOO_OVERDUE', async () => {
        const { library, barcodes, clock } = await libraryWithCormen();
        const loan = await library.circulation.checkOut({ memberId: priya.id, barcode: barcodes[0]! });
        clock.advanceDays(11);
        await expect(library.circulation.renew({ loanId: loan.loanId })).rejects.toMatchObject({ code: 'RENEWAL_TOO_OVERDUE' });
      });
    });

    describe('when the member owes more than the blocking threshold', () => {
      it('should refuse with FINES_OVER_THRESHOLD', async () => {
        const { library, clock } = aLibrary('city');
        await enrol(library, 'arjun');
        const [first] = await shelve(library, 'cormen', 1);
        const [second] = await shelve(library, 'sedgewick', 1);
        await library.circulation.checkOut({ memberId: arjun.id, barcode: first! }); // due in 14 days
        clock.advanceDays(21);
        const current = await library.circulation.checkOut({ memberId: arjun.id, barcode: second! }); // due in 14 more days
        clock.advanceDays(14);
        await library.circulation.returnCopy({ barcode: first! }); // 21 days late × $0.25 = $5.25 > $5.00
        await expect(library.circulation.renew({ loanId: current.loanId })).rejects.toMatchObject({ code: 'FINES_OVER_THRESHOLD' });
        expect((await library.members.loans(arjun.id))[0]).toMatchObject({ loanId: current.loanId, renewals: 0, dueAt: current.dueAt });
      });
    });
  });

  describe('.markLost', () => {
    describe('when the lost copy was on the hold shelf', () => {
      it('should put the waiting member back in line', async () => {
        const { library, barcodes } = await libraryWithCormen();
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        expect((await library.catalog.getCopy(barcodes[0]!)).heldFor).toBe(priya.id);
        await library.circulation.markLost({ barcode: barcodes[0]! });
        expect((await library.reservations.queueFor(CORMEN)).map((r) => [r.memberId, r.status, r.position])).toEqual([[priya.id, 'WAITING', 1]]);
      });
    });
  });

  describe('.markFound', () => {
    it('should give a found copy to the first member waiting', async () => {
      const { library, barcodes } = await libraryWithCormen(2);
      await library.circulation.markLost({ barcode: barcodes[0]! });
      await library.circulation.checkOut({ memberId: raj.id, barcode: barcodes[1]! });
      await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
      const found = await library.circulation.markFound({ barcode: barcodes[0]! });
      expect(found.heldFor?.memberId).toBe(priya.id);
      expect((await library.catalog.getCopy(barcodes[0]!)).status).toBe('RESERVED');
    });

    describe('when nobody waits', () => {
      it('should put the copy back on the shelf', async () => {
        const { library, barcodes } = await libraryWithCormen();
        await library.circulation.markLost({ barcode: barcodes[0]! });
        expect((await library.circulation.markFound({ barcode: barcodes[0]! })).heldFor).toBeNull();
        expect((await library.catalog.getCopy(barcodes[0]!)).status).toBe('AVAILABLE');
      });
    });
  });
});
