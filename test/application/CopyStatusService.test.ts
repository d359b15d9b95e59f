import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** On the network rules (seed 002: a $10 DAMAGED surcharge): one Cormen copy lent to Arjun, and Priya waiting for it. */
async function arjunHasItPriyaWaits() {
  const t = aLibrary('network');
  await enrol(t.library, 'priya', 'raj', 'arjun');
  const [barcode] = await shelve(t.library, 'cormen', 1);
  await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
  const hold = await t.library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
  return { ...t, barcode: barcode!, reservationId: hold.reservationId };
}

describe('ReturnService', () => {
  describe('.returnCopy', () => {
    describe('when the copy comes back damaged', () => {
      it('should charge the DAMAGED surcharge and keep the copy out of circulation instead of offering it to the queue', async () => {
        const { library, barcode, reservationId } = await arjunHasItPriyaWaits();
        const receipt = await library.circulation.returnCopy({ barcode, condition: 'DAMAGED' });
        expect(receipt.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['DAMAGED', 1_000]]);
        expect(receipt.heldFor).toBeNull();
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'DAMAGED', borrowerId: null });
        expect(await library.reservations.get(reservationId)).toMatchObject({ status: 'WAITING', position: 1 });
      });
    });
  });
});

describe('CopyStatusService', () => {
  describe('.sendToRepair and .returnFromRepair', () => {
    describe('when a damaged copy is repaired while a member waits', () => {
      it('should go IN_REPAIR, then straight to the hold shelf for the first member waiting', async () => {
        const { library, barcode } = await arjunHasItPriyaWaits();
        await library.circulation.returnCopy({ barcode, condition: 'DAMAGED' });
        expect(await library.copies.sendToRepair({ barcode })).toMatchObject({ status: 'IN_REPAIR' });
        await expect(library.circulation.checkOut({ memberId: raj.id, barcode })).rejects.toMatchObject({ code: 'COPY_NOT_AVAILABLE' });
        const moved = await library.copies.returnFromRepair({ barcode });
        expect(moved).toMatchObject({ copy: { status: 'RESERVED', heldFor: priya.id }, heldFor: { memberId: priya.id } });
      });
    });

    describe('when a copy on loan is sent to repair', () => {
      it('should refuse with ILLEGAL_TRANSITION and leave the loan alone', async () => {
        const { library, barcode } = await arjunHasItPriyaWaits();
        await expect(library.copies.sendToRepair({ barcode })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'LOANED', borrowerId: arjun.id });
      });
    });
  });

  describe('.markDamaged', () => {
    describe('when a copy on the shelf is found damaged', () => {
      it('should take it off the shelf', async () => {
        const { library } = aLibrary('network');
        const [barcode] = await shelve(library, 'cormen', 1);
        expect(await library.copies.markDamaged({ barcode: barcode! })).toMatchObject({ status: 'DAMAGED' });
        expect((await library.catalog.availability(CORMEN)).byStatus).toMatchObject({ AVAILABLE: 0, DAMAGED: 1 });
      });
    });
  });

  describe('.markMissing', () => {
    describe('when the copy held for a member is not on the hold shelf', () => {
      it('should put the member back at their place in line, and bring the copy back with markFound', async () => {
        const { library, barcode, reservationId } = await arjunHasItPriyaWaits();
        await library.circulation.returnCopy({ barcode });
        expect((await library.reservations.get(reservationId)).status).toBe('READY_FOR_PICKUP');
        expect(await library.copies.markMissing({ barcode })).toMatchObject({ status: 'MISSING', heldFor: null });
        expect(await library.reservations.get(reservationId)).toMatchObject({ status: 'WAITING', position: 1, barcode: null });
        const found = await library.circulation.markFound({ barcode });
        expect(found.heldFor).toMatchObject({ memberId: priya.id });
      });
    });

    describe('when the title has no other copy', () => {
      it('should refuse new holds on it, as for a lost copy', async () => {
        const { library } = aLibrary('network');
        await enrol(library, 'raj');
        const [barcode] = await shelve(library, 'cormen', 1);
        await library.copies.markMissing({ barcode: barcode! });
        await expect(library.reservations.reserve({ memberId: raj.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'NOTHING_TO_RESERVE' });
      });
    });

    describe('when a copy travelling to a pickup branch goes missing', () => {
      it('should end the transit and put the member back in line', async () => {
        const { library, barcode, reservationId } = await arjunHasItPriyaWaits();
        await library.branches.register({ id: 'east' });
        await library.reservations.cancel({ reservationId });
        const hold = await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN, pickupBranch: 'east' });
        await library.circulation.returnCopy({ barcode });
        expect((await library.reservations.get(hold.reservationId)).status).toBe('IN_TRANSIT');
        expect(await library.copies.markMissing({ barcode })).toMatchObject({ status: 'MISSING', inTransitTo: null });
        expect(await library.reservations.get(hold.reservationId)).toMatchObject({ status: 'WAITING', barcode: null });
      });
    });
  });
});

describe('CatalogService', () => {
  describe('.removeCopy', () => {
    describe('when the copy is in transit', () => {
      it('should refuse with COPY_IN_USE', async () => {
        const { library, barcode, reservationId } = await arjunHasItPriyaWaits();
        await library.branches.register({ id: 'east' });
        await library.reservations.cancel({ reservationId });
        await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN, pickupBranch: 'east' });
        await library.circulation.returnCopy({ barcode });
        await expect(library.catalog.removeCopy({ barcode })).rejects.toMatchObject({ code: 'COPY_IN_USE' });
      });
    });
  });
});
