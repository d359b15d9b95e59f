import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/application/ports/Store.js';
import { Book } from '../../src/domain/catalog/Book.js';
import { BookItem } from '../../src/domain/catalog/BookItem.js';
import { Branch } from '../../src/domain/catalog/Branch.js';
import { Member } from '../../src/domain/members/Member.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { MemberFixtures } from '../fixtures/members.js';
import type { StoreHarness } from './storeContract.js';

const NOW = new Date(MONDAY_MORNING);
const DAY = 86_400_000;
const later = (days: number): Date => new Date(NOW.getTime() + days * DAY);
const CORMEN = BookFixtures.cormen;
const { priya, raj, meera } = MemberFixtures;

const copyAt = (barcode: string, branch: string): BookItem => BookItem.shelve({ barcode, isbn: CORMEN.isbn, branch, rack: '4-B' }, NOW);

/**
 * What the hold lifecycle persists, on every Store adapter: branches, a copy's transit and hold shelf, a hold's pickup
 * branch, "not needed after" and suspension, and the scans the jobs and the hold shelf read them back by.
 */
export function holdsContract(adapter: string, harness: StoreHarness): void {
  describe(`Store contract (branches, transit, hold lifecycle): ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.fresh();
      await store.transaction(async (tx) => {
        await tx.branches.save(Branch.register({ id: 'main', name: 'Main Library', holdShelf: 'Front desk, shelf H' }, NOW));
        await tx.branches.save(Branch.register({ id: 'east', name: 'East Branch' }, NOW));
        await tx.books.save(Book.catalogue(CORMEN, NOW));
        for (const m of [priya, raj, meera]) await tx.members.save(Member.register(m, NOW));
      });
    });

    describe('branches', () => {
      describe('when two branches were registered', () => {
        it('should read each back by id, list them by id, and bump the version on save', async () => {
          const { value } = await store.transaction(async (tx) => ({ main: await tx.branches.get('main'), all: await tx.branches.list(), none: await tx.branches.get('west') }));
          expect(value.main?.toPrimitives()).toEqual({ id: 'main', name: 'Main Library', holdShelf: 'Front desk, shelf H' });
          expect(value.main?.version).toBe(1);
          expect(value.all.map((b) => b.toPrimitives())).toEqual([
            { id: 'east', name: 'East Branch', holdShelf: 'Hold shelf' },
            { id: 'main', name: 'Main Library', holdShelf: 'Front desk, shelf H' },
          ]);
          expect(value.none).toBeNull();
        });
      });
    });

    describe('copies in transit and on hold shelves', () => {
      describe('when one copy travels to east, one waits on east\'s hold shelf and one on its own (main)', () => {
        beforeEach(async () => {
          const travelling = copyAt('cormen-1', 'main');
          travelling.sendInTransit('east', { memberId: priya.id, reservationId: 'R1' }, NOW);
          const heldAtEast = copyAt('cormen-2', 'main');
          heldAtEast.holdFor(raj.id, 'R2', later(3), NOW, 'east');
          const heldAtMain = copyAt('cormen-3', 'main');
          heldAtMain.holdFor(meera.id, 'R3', later(3), NOW);
          await store.transaction(async (tx) => {
            for (const item of [travelling, heldAtEast, heldAtMain]) await tx.items.save(item);
          });
        });

        it('should round-trip the transit and the hold shelf of each', async () => {
          const { value } = await store.transaction(async (tx) => Promise.all(['cormen-1', 'cormen-2', 'cormen-3'].map((b) => tx.items.get(b))));
          const [travelling, heldAtEast, heldAtMain] = value;
          expect(travelling?.status).toBe('IN_TRANSIT');
          expect(travelling?.transit).toEqual({ to: 'east', sentAt: NOW.toISOString(), memberId: priya.id, reservationId: 'R1' });
          expect(travelling?.holdShelfBranch).toBeNull();
          expect(heldAtEast?.holdShelfBranch).toBe('east');
          expect(heldAtMain?.holdShelfBranch).toBe('main');
        });

        it("should list each branch's hold shelf and what travels to it, and never a copy on two shelves", async () => {
          const { value } = await store.transaction(async (tx) => ({
            eastShelf: await tx.items.onHoldShelf('east'),
            mainShelf: await tx.items.onHoldShelf('main'),
            toEast: await tx.items.inTransitTo('east'),
            toMain: await tx.items.inTransitTo('main'),
          }));
          expect(value.eastShelf.map((i) => i.barcode)).toEqual(['cormen-2']);
          expect(value.mainShelf.map((i) => i.barcode)).toEqual(['cormen-3']);
          expect(value.toEast.map((i) => i.barcode)).toEqual(['cormen-1']);
          expect(value.toMain).toEqual([]);
        });

        it('should forget the transit once the copy is received', async () => {
          await store.transaction(async (tx) => {
            const item = await tx.items.get('cormen-1');
            item?.receive('east', later(1));
            if (item) await tx.items.save(item);
          });
          const { value } = await store.transaction(async (tx) => ({ item: await tx.items.get('cormen-1'), toEast: await tx.items.inTransitTo('east') }));
          expect(value.item?.status).toBe('AVAILABLE');
          expect(value.item?.transit).toBeNull();
          expect(value.toEast).toEqual([]);
        });
      });
    });

    describe('reservations over time', () => {
      describe('when Priya waits with a "not needed after", Raj is suspended until day 5 and Meera waits for east', () => {
        beforeEach(async () => {
          await store.transaction(async (tx) => {
            const queue = await tx.reservations.forTitle(CORMEN.isbn);
            queue.place('R1', priya.id, NOW, { notNeededAfter: later(10) });
            queue.place('R2', raj.id, NOW);
            queue.place('R3', meera.id, NOW, { pickupBranch: 'east' });
            queue.suspend('R2', later(5), NOW);
            await tx.reservations.save(queue);
          });
        });

        it('should round-trip the pickup branch, the "not needed after" and the suspension', async () => {
          const { value: queue } = await store.transaction((tx) => tx.reservations.forTitle(CORMEN.isbn));
          expect(queue.get('R1').notNeededAfter?.toISOString()).toBe(later(10).toISOString());
          expect(queue.get('R2').status).toBe('SUSPENDED');
          expect(queue.get('R2').suspendedUntil?.toISOString()).toBe(later(5).toISOString());
          expect(queue.get('R3').pickupBranch).toBe('east');
          expect(queue.nextWaiting('PRINT')?.id).toBe('R1');
        });

        it('should count the suspended hold among the member\'s active ones', async () => {
          const { value } = await store.transaction((tx) => tx.reservations.activeForMember(raj.id));
          expect(value.map((r) => [r.id, r.status])).toEqual([['R2', 'SUSPENDED']]);
        });

        it('should list what the jobs must wake and lapse, each only once its instant came', async () => {
          const scan = (at: Date) =>
            store.transaction(async (tx) => ({
              resume: (await tx.reservations.listDueToResume(at)).map((r) => r.id),
              lapse: (await tx.reservations.listLapsing(at)).map((r) => r.id),
            }));
          expect((await scan(later(4))).value).toEqual({ resume: [], lapse: [] });
          expect((await scan(later(5))).value).toEqual({ resume: ['R2'], lapse: [] });
          expect((await scan(later(10))).value).toEqual({ resume: ['R2'], lapse: ['R1'] });
        });

        it('should keep a lapsed reservation readable by id but out of the queue and the scans', async () => {
          await store.transaction(async (tx) => {
            const queue = await tx.reservations.forTitle(CORMEN.isbn);
            queue.lapse('R1', later(10));
            await tx.reservations.save(queue);
          });
          const { value } = await store.transaction(async (tx) => ({
            active: (await tx.reservations.forTitle(CORMEN.isbn)).active().map((r) => r.id),
            lapsed: (await tx.reservations.forTitle(CORMEN.isbn, 'R1')).get('R1').status,
            lapsing: await tx.reservations.listLapsing(later(11)),
          }));
          expect(value).toEqual({ active: ['R2', 'R3'], lapsed: 'LAPSED', lapsing: [] });
        });
      });
    });
  });
}
