import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera, arjun, dana } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** Cormen has one print copy (lent to Arjun) and a one-license PDF (lent to Dana). */
async function everythingOut() {
  const t = await aDigitalLibrary();
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun', 'dana');
  const [barcode] = await shelve(t.library, 'cormen', 1);
  const copyId = await license(t, 'cormenPdf');
  await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
  const lent = await t.library.digital.borrow({ memberId: dana.id, copyId });
  if (lent.outcome !== 'LENT') throw new Error('Dana should get the license');
  return { ...t, barcode: barcode!, copyId, danaLoan: lent.loan.loanId };
}

describe('One hold queue for print and digital', () => {
  describe('when a print copy comes back', () => {
    it('should skip DIGITAL-only holds and go to the first PRINT or ANY hold', async () => {
      const { library, barcode } = await everythingOut();
      await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'DIGITAL' });
      await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN, format: 'ANY' });
      await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN });

      const receipt = await library.circulation.returnCopy({ barcode });

      expect(receipt.heldFor?.memberId).toBe(raj.id);
      expect(await library.reservations.queueFor(CORMEN)).toMatchObject([
        { memberId: priya.id, status: 'WAITING', position: 1, format: 'DIGITAL' },
        { memberId: raj.id, status: 'READY_FOR_PICKUP', barcode, format: 'ANY' },
        { memberId: meera.id, status: 'WAITING', position: 2, format: 'PRINT' },
      ]);
    });
  });

  describe('when a license comes back', () => {
    it('should skip PRINT-only holds and go to the first DIGITAL or ANY hold', async () => {
      const { library, danaLoan, copyId } = await everythingOut();
      await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN });
      await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN, format: 'ANY' });

      await library.digital.returnEarly({ loanId: danaLoan });

      expect(await library.reservations.queueFor(CORMEN)).toMatchObject([
        { memberId: meera.id, status: 'WAITING', position: 1 },
        { memberId: raj.id, status: 'READY_FOR_PICKUP', copyId, barcode: null },
      ]);
    });
  });

  describe('when an ANY hold was offered a license and the member cancels', () => {
    it('should pass the license to the next DIGITAL or ANY hold', async () => {
      const { library, danaLoan, copyId } = await everythingOut();
      const rajHold = await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN, format: 'ANY' });
      await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'DIGITAL' });
      await library.digital.returnEarly({ loanId: danaLoan });

      await library.reservations.cancel({ reservationId: rajHold.reservationId, memberId: raj.id });

      expect(await library.reservations.queueFor(CORMEN)).toMatchObject([{ memberId: priya.id, status: 'READY_FOR_PICKUP', copyId }]);
      expect(await library.digitalCatalog.getCopy(copyId)).toMatchObject({ offered: 1, availableLicenses: 0 });
    });
  });

  describe('when a DIGITAL hold is placed while a license is free', () => {
    it('should offer the license at once', async () => {
      const t = await aDigitalLibrary();
      await enrol(t.library, 'priya');
      const copyId = await license(t, 'cormenPdf');
      expect(await t.library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'DIGITAL' })).toMatchObject({
        status: 'READY_FOR_PICKUP',
        copyId,
        expiresAt: '2026-09-08T09:00:00.000Z',
      });
    });
  });

  describe('when the title has no print copies and the hold is PRINT', () => {
    it('should refuse with NOTHING_TO_RESERVE', async () => {
      const t = await aDigitalLibrary();
      await enrol(t.library, 'priya');
      await license(t, 'cormenPdf');
      await expect(t.library.reservations.reserve({ memberId: priya.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'NOTHING_TO_RESERVE' });
    });
  });

  describe('when the format is not one of PRINT, DIGITAL, ANY', () => {
    it('should refuse with INVALID_INPUT and change nothing', async () => {
      const { library } = await everythingOut();
      await expect(library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'VINYL' as 'ANY' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(await library.reservations.queueFor(CORMEN)).toEqual([]);
    });
  });

  describe('.estimateWait', () => {
    describe('when members wait for each world', () => {
      it('should count the holds ahead, the copies or licenses and the loan length', async () => {
        const { library } = await everythingOut(); // print due 14 days out (college), license due in 14 days
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'DIGITAL' });
        await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN, format: 'DIGITAL' });
        await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN, format: 'ANY' });

        expect(await library.waits.estimateWait(CORMEN, priya.id)).toBe(14);
        expect(await library.waits.estimateWait(CORMEN, raj.id)).toBe(28);
        // Third for a license (42 days) but first for the print copy.
        const printFirst = await library.waits.estimateWait(CORMEN, meera.id);
        expect(printFirst).toBeLessThan(42);
        await expect(library.waits.estimateWait(CORMEN, arjun.id)).rejects.toMatchObject({ code: 'RESERVATION_NOT_FOUND' });
      });
    });
  });
});
