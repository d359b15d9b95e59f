import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** One copy of Cormen, lent to Arjun, so everyone else has to queue. */
async function cormenOutWithArjun() {
  const t = aLibrary('college');
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun');
  const [barcode] = await shelve(t.library, 'cormen', 1);
  await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
  return { ...t, barcode: barcode! };
}

describe('ReservationService', () => {
  describe('.reserve', () => {
    describe('when every copy is out', () => {
      it('should return the member’s place in line', async () => {
        const { library } = await cormenOutWithArjun();
        expect(await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN })).toMatchObject({ status: 'WAITING', position: 1 });
        expect(await library.reservations.reserve({ memberId: raj.id, isbn: '0-262-03384-4' })).toMatchObject({ status: 'WAITING', position: 2 });
      });
    });

    describe('when a copy is on the shelf', () => {
      it('should put it on the hold shelf for the member at once', async () => {
        const { library } = aLibrary('college');
        await enrol(library, 'priya');
        const [barcode] = await shelve(library, 'cormen', 1);
        const r = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        expect(r).toMatchObject({ status: 'READY_FOR_PICKUP', barcode, expiresAt: '2026-09-08T09:00:00.000Z', position: null });
      });
    });

    describe('when the member already reserved the title', () => {
      it('should refuse with ALREADY_RESERVED', async () => {
        const { library } = await cormenOutWithArjun();
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await expect(library.reservations.reserve({ memberId: priya.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'ALREADY_RESERVED' });
        expect(await library.reservations.queueFor(CORMEN)).toHaveLength(1);
      });
    });

    describe('when the member has the title on loan', () => {
      it('should refuse with ALREADY_BORROWED_TITLE', async () => {
        const { library } = await cormenOutWithArjun();
        await expect(library.reservations.reserve({ memberId: arjun.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'ALREADY_BORROWED_TITLE' });
      });
    });

    describe('when the member reached the reservation cap', () => {
      it('should refuse with RESERVATION_LIMIT_REACHED', async () => {
        const { library } = aLibrary('city'); // seed 001: at most 3 active reservations
        await enrol(library, 'priya');
        for (const book of ['cormen', 'sedgewick', 'cleanCode', 'designPatterns'] as const) await shelve(library, book, 1);
        for (const book of ['cormen', 'sedgewick', 'cleanCode'] as const) {
          await library.reservations.reserve({ memberId: priya.id, isbn: BookFixtures[book].isbn });
        }
        await expect(library.reservations.reserve({ memberId: priya.id, isbn: BookFixtures.designPatterns.isbn })).rejects.toMatchObject({
          code: 'RESERVATION_LIMIT_REACHED',
        });
      });
    });

    describe('when the title has only reference copies', () => {
      it('should refuse with NOTHING_TO_RESERVE', async () => {
        const { library } = aLibrary('college');
        await enrol(library, 'priya');
        await shelve(library, 'cormen', 1, { referenceOnly: true });
        await expect(library.reservations.reserve({ memberId: priya.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'NOTHING_TO_RESERVE' });
      });
    });
  });

  describe('.cancel', () => {
    describe('when the reservation is ready for pickup', () => {
      it('should pass the held copy to the next member in line', async () => {
        const { library, barcode } = await cormenOutWithArjun();
        const first = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN });
        await library.circulation.returnCopy({ barcode });
        const cancelled = await library.reservations.cancel({ reservationId: first.reservationId, memberId: priya.id });
        expect(cancelled.status).toBe('CANCELLED');
        expect((await library.catalog.getCopy(barcode)).heldFor).toBe(raj.id);
      });
    });

    describe('when another member tries to cancel it', () => {
      it('should refuse with NOT_YOUR_RESERVATION', async () => {
        const { library } = await cormenOutWithArjun();
        const r = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await expect(library.reservations.cancel({ reservationId: r.reservationId, memberId: raj.id })).rejects.toMatchObject({
          code: 'NOT_YOUR_RESERVATION',
        });
      });
    });
  });

  describe('.expirePickups', () => {
    describe('when a hold is not collected within the pickup window', () => {
      it('should expire it and offer the copy to the next in line, once', async () => {
        const { library, barcode, clock, notifier } = await cormenOutWithArjun();
        const first = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN });
        await library.circulation.returnCopy({ barcode });

        clock.advanceHours(23);
        expect(await library.reservations.expirePickups()).toEqual([]);

        clock.advanceHours(1);
        const expired = await library.reservations.expirePickups();
        expect(expired.map((r) => [r.reservationId, r.status])).toEqual([[first.reservationId, 'EXPIRED']]);
        expect((await library.catalog.getCopy(barcode)).heldFor).toBe(meera.id);
        expect((await library.members.get(priya.id)).activeReservationCount).toBe(0);

        expect(await library.reservations.expirePickups()).toEqual([]); // safe to run twice
        await library.idle();
        expect(notifier.notices({ kind: 'reservation-ready', memberId: meera.id })).toHaveLength(1);
      });
    });

    describe('when nobody else waits', () => {
      it('should put the copy back on the shelf', async () => {
        const { library, barcode, clock } = await cormenOutWithArjun();
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await library.circulation.returnCopy({ barcode });
        clock.advanceDays(2);
        await library.reservations.expirePickups();
        expect((await library.catalog.getCopy(barcode)).status).toBe('AVAILABLE');
      });
    });
  });
});
