import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/**
 * One Cormen copy of the main branch, lent to Arjun; Priya waits for it with East as her pickup branch, and Raj
 * (second in line) collects wherever the copy is.
 */
async function priyaCollectsAtEast() {
  const t = aLibrary('college');
  await enrol(t.library, 'priya', 'raj', 'arjun');
  const [barcode] = await shelve(t.library, 'cormen', 1);
  await t.library.branches.register({ id: 'east', name: 'East Branch', holdShelf: 'Desk 2' });
  await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
  const hold = await t.library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, pickupBranch: 'east' });
  await t.library.reservations.reserve({ memberId: raj.id, isbn: CORMEN });
  return { ...t, barcode: barcode!, reservationId: hold.reservationId };
}

describe('HoldAllocator', () => {
  describe('.offer', () => {
    describe("when the first member waiting chose another pickup branch than the desk the copy came back to", () => {
      it('should send the copy IN_TRANSIT to that branch for them, and keep it off both hold shelves meanwhile', async () => {
        const { library, barcode, reservationId } = await priyaCollectsAtEast();
        const receipt = await library.circulation.returnCopy({ barcode, branch: 'main' });
        expect(receipt.heldFor).toEqual({ barcode, memberId: priya.id, reservationId, expiresAt: null, inTransitTo: 'east' });
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'IN_TRANSIT', inTransitTo: 'east', heldFor: null, holdShelf: null });
        expect(await library.reservations.get(reservationId)).toMatchObject({ status: 'IN_TRANSIT', barcode, pickupBranch: 'east', position: null });
        expect(await library.reservations.holdShelf('east')).toEqual([]);
        expect(await library.reservations.holdShelf('main')).toEqual([]);
      });
    });

    describe('when the copy comes back at the member’s pickup branch', () => {
      it('should hold it there at once, with no transit', async () => {
        const { library, barcode, reservationId } = await priyaCollectsAtEast();
        const receipt = await library.circulation.returnCopy({ barcode, branch: 'east' });
        expect(receipt.heldFor).toEqual({ barcode, memberId: priya.id, reservationId, expiresAt: '2026-09-08T09:00:00.000Z' });
        expect(await library.reservations.holdShelf('east')).toEqual([{ barcode, memberId: priya.id, reservationId, expiresAt: '2026-09-08T09:00:00.000Z' }]);
      });
    });

    describe('when a member reserves for another branch while a copy is on the shelf here', () => {
      it('should send that copy to their branch straight away', async () => {
        const { library } = aLibrary('college');
        await enrol(library, 'priya');
        const [barcode] = await shelve(library, 'cormen', 1);
        await library.branches.register({ id: 'east' });
        const r = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, pickupBranch: 'east' });
        expect(r).toMatchObject({ status: 'IN_TRANSIT', barcode, pickupBranch: 'east' });
      });
    });
  });
});

describe('CopyStatusService', () => {
  describe('.receive', () => {
    describe('when the copy arrives at the branch it was sent to, two days later', () => {
      it('should put it on that hold shelf for the member, the pickup window counted from the arrival', async () => {
        const { library, clock, notifier, barcode, reservationId } = await priyaCollectsAtEast();
        await library.circulation.returnCopy({ barcode, branch: 'main' });
        clock.advanceDays(2);
        const moved = await library.copies.receive({ barcode, branch: 'east' });
        expect(moved.heldFor).toEqual({ barcode, memberId: priya.id, reservationId, expiresAt: '2026-09-10T09:00:00.000Z' });
        expect(moved.copy).toMatchObject({ status: 'RESERVED', heldFor: priya.id, holdShelf: 'east', inTransitTo: null });
        expect(await library.reservations.get(reservationId)).toMatchObject({ status: 'READY_FOR_PICKUP', expiresAt: '2026-09-10T09:00:00.000Z' });
        expect(await library.reservations.holdShelf('east')).toHaveLength(1);
        await library.idle();
        expect(notifier.notices({ kind: 'reservation-ready' }).map((n) => n.memberId)).toEqual([priya.id]);
      });
    });

    describe('when it is checked in at a branch it was not sent to', () => {
      it('should refuse with WRONG_BRANCH and leave it travelling', async () => {
        const { library, barcode } = await priyaCollectsAtEast();
        await library.circulation.returnCopy({ barcode, branch: 'main' });
        await expect(library.copies.receive({ barcode, branch: 'main' })).rejects.toMatchObject({ code: 'WRONG_BRANCH' });
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'IN_TRANSIT', inTransitTo: 'east' });
      });
    });

    describe('when the branch is not registered', () => {
      it('should refuse with BRANCH_NOT_FOUND', async () => {
        const { library, barcode } = await priyaCollectsAtEast();
        await library.circulation.returnCopy({ barcode, branch: 'main' });
        await expect(library.copies.receive({ barcode, branch: 'west' })).rejects.toMatchObject({ code: 'BRANCH_NOT_FOUND' });
      });
    });

    describe('when the member cancelled while the copy travelled', () => {
      it('should offer it, on arrival, to the next member in line at that branch', async () => {
        const { library, barcode, reservationId } = await priyaCollectsAtEast();
        await library.circulation.returnCopy({ barcode, branch: 'main' });
        await library.reservations.cancel({ reservationId });
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'IN_TRANSIT', inTransitTo: 'east' });
        const moved = await library.copies.receive({ barcode, branch: 'east' });
        expect(moved.heldFor).toMatchObject({ memberId: raj.id, expiresAt: '2026-09-08T09:00:00.000Z' });
        expect(moved.copy).toMatchObject({ status: 'RESERVED', heldFor: raj.id, holdShelf: 'east' });
      });
    });

    describe('when the member borrowed another copy while theirs travelled', () => {
      it('should fulfil the hold, and let the travelling copy go back on the shelf on arrival as nobody waits', async () => {
        const { library, barcode, reservationId } = await priyaCollectsAtEast();
        await library.circulation.returnCopy({ barcode, branch: 'main' });
        const rajs = (await library.reservations.activeOf(raj.id))[0]!;
        await library.reservations.cancel({ reservationId: rajs.reservationId });
        const [other] = await shelve(library, 'cormen', 1);
        await library.circulation.checkOut({ memberId: priya.id, barcode: other! });
        expect((await library.reservations.get(reservationId)).status).toBe('FULFILLED');
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'IN_TRANSIT', inTransitTo: 'east' });
        const moved = await library.copies.receive({ barcode, branch: 'east' });
        expect(moved).toMatchObject({ copy: { status: 'AVAILABLE', heldFor: null }, heldFor: null });
      });
    });
  });
});

describe('ReservationService', () => {
  describe('.reserve', () => {
    describe('when the pickup branch is not registered', () => {
      it('should refuse with BRANCH_NOT_FOUND and join nobody to the queue', async () => {
        const { library, barcode } = await priyaCollectsAtEast();
        expect(barcode).toBe('cormen-1');
        await enrol(library, 'meera');
        await expect(library.reservations.reserve({ memberId: MemberFixtures.meera.id, isbn: CORMEN, pickupBranch: 'west' })).rejects.toMatchObject({
          code: 'BRANCH_NOT_FOUND',
        });
        expect((await library.reservations.queueFor(CORMEN)).map((r) => r.memberId)).toEqual([priya.id, raj.id]);
      });
    });
  });

  describe('.holdShelf', () => {
    describe('when the branch is not registered', () => {
      it('should refuse with BRANCH_NOT_FOUND', async () => {
        const { library } = aLibrary('college');
        await expect(library.reservations.holdShelf('west')).rejects.toMatchObject({ code: 'BRANCH_NOT_FOUND' });
      });
    });
  });
});

describe('BranchService', () => {
  describe('.register', () => {
    describe('when the id is new', () => {
      it('should list it with its hold shelf and its calendar’s time zone, beside the branches copies were shelved at', async () => {
        const { library } = aLibrary('college');
        await shelve(library, 'cormen', 1);
        expect(await library.branches.register({ id: 'east', name: 'East Branch', holdShelf: 'Desk 2' })).toEqual({
          id: 'east',
          name: 'East Branch',
          holdShelf: 'Desk 2',
          timeZone: 'UTC',
        });
        expect(await library.branches.list()).toEqual([
          { id: 'east', name: 'East Branch', holdShelf: 'Desk 2', timeZone: 'UTC' },
          { id: 'main', name: 'main', holdShelf: 'Hold shelf', timeZone: 'UTC' },
        ]);
      });
    });

    describe('when the id is taken', () => {
      it('should refuse with BRANCH_ALREADY_EXISTS and keep the first', async () => {
        const { library } = aLibrary('college');
        await library.branches.register({ id: 'east', name: 'East Branch' });
        await expect(library.branches.register({ id: 'east', name: 'Other' })).rejects.toMatchObject({ code: 'BRANCH_ALREADY_EXISTS' });
        expect((await library.branches.get('east')).name).toBe('East Branch');
      });
    });

    describe('when the id is blank', () => {
      it('should refuse with INVALID_INPUT', async () => {
        const { library } = aLibrary('college');
        await expect(library.branches.register({ id: ' ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        expect(await library.branches.list()).toEqual([]);
      });
    });
  });
});
