import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** One Cormen copy lent to Arjun; Priya, then Raj, then Meera wait for it. */
async function threeWaitForCormen() {
  const t = aLibrary('college');
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun');
  const [barcode] = await shelve(t.library, 'cormen', 1);
  await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
  const [p, r, m] = [
    await t.library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, notNeededAfter: '2026-09-20T00:00:00.000Z' }),
    await t.library.reservations.reserve({ memberId: raj.id, isbn: CORMEN }),
    await t.library.reservations.reserve({ memberId: meera.id, isbn: CORMEN }),
  ];
  return { ...t, barcode: barcode!, ids: { priya: p.reservationId, raj: r.reservationId, meera: m.reservationId } };
}

describe('HoldLifecycleService', () => {
  describe('.suspend', () => {
    describe('when the first member in line suspends indefinitely and the copy comes back', () => {
      it('should pass her over for the next member, and give her back her place when she resumes', async () => {
        const { library, barcode, ids } = await threeWaitForCormen();
        expect(await library.holds.suspend({ reservationId: ids.priya })).toMatchObject({ status: 'SUSPENDED', suspendedUntil: null, position: null });
        expect(await library.reservations.get(ids.raj)).toMatchObject({ position: 1 });
        const receipt = await library.circulation.returnCopy({ barcode });
        expect(receipt.heldFor).toMatchObject({ memberId: raj.id });
        expect((await library.reservations.get(ids.priya)).status).toBe('SUSPENDED');
        expect(await library.holds.resume({ reservationId: ids.priya })).toMatchObject({ status: 'WAITING', position: 1 });
        expect(await library.reservations.get(ids.meera)).toMatchObject({ position: 2 });
      });
    });

    describe('when the suspension has an end and the jobs run after it', () => {
      it('should wake the hold at its old place, and give it a copy on the shelf', async () => {
        const { library, clock, ids } = await threeWaitForCormen();
        await library.reservations.cancel({ reservationId: ids.raj });
        await library.reservations.cancel({ reservationId: ids.meera });
        await library.holds.suspend({ reservationId: ids.priya, until: '2026-09-10T09:00:00.000Z' });
        await shelve(library, 'cormen', 1);
        expect(await library.catalog.getCopy('cormen-2')).toMatchObject({ status: 'AVAILABLE' });
        clock.set('2026-09-10T09:00:00.000Z');
        expect(await library.runDueJobs()).toMatchObject({ holdsResumed: 1 });
        expect(await library.reservations.get(ids.priya)).toMatchObject({ status: 'READY_FOR_PICKUP', barcode: 'cormen-2', suspendedUntil: null });
      });
    });

    describe('when the hold is ready for pickup', () => {
      it('should refuse with ILLEGAL_TRANSITION: only a waiting hold can be suspended', async () => {
        const { library, barcode, ids } = await threeWaitForCormen();
        await library.circulation.returnCopy({ barcode });
        await expect(library.holds.suspend({ reservationId: ids.priya })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
        expect((await library.reservations.get(ids.priya)).status).toBe('READY_FOR_PICKUP');
      });
    });

    describe('when a member suspends someone else’s hold', () => {
      it('should refuse with NOT_YOUR_RESERVATION', async () => {
        const { library, ids } = await threeWaitForCormen();
        await expect(library.holds.suspend({ reservationId: ids.priya, memberId: raj.id })).rejects.toMatchObject({ code: 'NOT_YOUR_RESERVATION' });
        expect((await library.reservations.get(ids.priya)).status).toBe('WAITING');
      });
    });

    describe('when the end is not in the future', () => {
      it('should refuse with INVALID_INPUT and change nothing', async () => {
        const { library, ids } = await threeWaitForCormen();
        await expect(library.holds.suspend({ reservationId: ids.priya, until: '2026-09-07T09:00:00.000Z' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        await expect(library.holds.suspend({ reservationId: ids.priya, until: 'next week' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        expect((await library.reservations.get(ids.priya)).status).toBe('WAITING');
      });
    });
  });

  describe('.lapseUnneeded', () => {
    describe('when the "not needed after" instant passes with the hold unfilled', () => {
      it('should lapse it, tell the member, and move the others up', async () => {
        const { library, clock, notifier, ids } = await threeWaitForCormen();
        clock.set('2026-09-19T23:59:59.000Z');
        expect(await library.holds.lapseUnneeded()).toEqual([]);
        clock.set('2026-09-20T00:00:00.000Z');
        expect(await library.runDueJobs()).toMatchObject({ holdsLapsed: 1 });
        expect(await library.reservations.get(ids.priya)).toMatchObject({ status: 'LAPSED', notNeededAfter: '2026-09-20T00:00:00.000Z' });
        expect(await library.reservations.get(ids.raj)).toMatchObject({ position: 1 });
        await library.idle();
        expect(notifier.notices({ kind: 'hold-lapsed' }).map((n) => n.memberId)).toEqual([priya.id]);
        expect(await library.holds.lapseUnneeded()).toEqual([]);
      });
    });

    describe('when the hold was filled before the instant', () => {
      it('should leave the copy waiting for the member', async () => {
        const { library, clock, barcode, ids } = await threeWaitForCormen();
        await library.circulation.returnCopy({ barcode });
        clock.set('2026-09-20T00:00:00.000Z');
        expect(await library.holds.lapseUnneeded()).toEqual([]);
        expect((await library.reservations.get(ids.priya)).status).toBe('READY_FOR_PICKUP');
      });
    });
  });
});

describe('ReservationService', () => {
  describe('.reserve', () => {
    describe('when "not needed after" is already past', () => {
      it('should refuse with INVALID_INPUT and join nobody to the queue', async () => {
        const { library } = aLibrary('college');
        await enrol(library, 'priya', 'arjun');
        const [barcode] = await shelve(library, 'cormen', 1);
        await library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
        await expect(library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, notNeededAfter: '2026-09-01T00:00:00.000Z' })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
        });
        expect(await library.reservations.queueFor(CORMEN)).toEqual([]);
      });
    });
  });
});
