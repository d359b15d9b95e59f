import { describe, expect, it } from 'vitest';
import { DeskReports } from '../../src/application/DeskReports.js';
import { daysLate } from '../../src/domain/shared/Clock.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aLibrary, type TestLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import type { StoreHarness } from './storeContract.js';

const { priya, raj, meera, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/**
 * Monday morning at the desk: Priya borrows cormen-1 at 09:00, Raj borrows sedgewick-1 at 10:00, Meera reserves
 * Introduction to Algorithms (cormen-2 goes onto the hold shelf for her), Arjun joins the queue behind her.
 */
async function mondayAtTheDesk(harness: StoreHarness): Promise<TestLibrary> {
  const world = aLibrary('college', { store: await harness.fresh() });
  const { library, clock } = world;
  await shelve(library, 'cormen', 2);
  await shelve(library, 'sedgewick', 1);
  await enrol(library, 'priya', 'raj', 'meera', 'arjun');
  await library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
  clock.advanceHours(1);
  await library.circulation.checkOut({ memberId: raj.id, barcode: 'sedgewick-1' });
  await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN });
  await library.reservations.reserve({ memberId: arjun.id, isbn: CORMEN });
  return world;
}

/** The same figures from every store: the desk lists and the dashboard read the store's reports. */
export function reportsContract(name: string, harness: StoreHarness): void {
  describe(`${name}: ${DeskReports.name}`, () => {
    describe('.statistics', () => {
      describe('when two loans were made this morning and two holds were placed', () => {
        it('should count each loan in its hour and its day, and the holds waiting and ready', async () => {
          const { library } = await mondayAtTheDesk(harness);
          const stats = await library.reports.statistics();
          expect(stats.today.date).toBe('2026-09-07');
          expect(stats.today.hours).toHaveLength(24);
          expect(stats.today.hours[9]).toEqual({ start: '2026-09-07T09:00:00.000Z', checkouts: 1, returns: 0 });
          expect(stats.today.hours[10]).toEqual({ start: '2026-09-07T10:00:00.000Z', checkouts: 1, returns: 0 });
          expect(stats.today.hours.reduce((n, h) => n + h.checkouts, 0)).toBe(2);
          expect(stats.month.month).toBe('2026-09');
          expect(stats.month.days).toHaveLength(30);
          expect(stats.month.days[6]).toEqual({ start: '2026-09-07T00:00:00.000Z', checkouts: 2, returns: 0 });
          expect(stats.overdueLoans).toBe(0);
          expect(stats.holds).toEqual({ waiting: 1, ready: 1 });
          expect(stats.finesCollected).toEqual({ today: { amount: 0, currency: 'INR' }, month: { amount: 0, currency: 'INR' } });
        });
      });

      describe('when a late copy comes back and its fine is partly paid, a fortnight later', () => {
        it("should count the return on that day and hour, the payment in today's and the month's takings, and the copy's new hold", async () => {
          const { library, clock } = await mondayAtTheDesk(harness);
          clock.advanceDays(15);
          await library.circulation.returnCopy({ barcode: 'cormen-1' });
          await library.fines.pay({ memberId: priya.id, amount: 300, method: 'cash' });
          const stats = await library.reports.statistics();
          expect(stats.today.hours[10]).toEqual({ start: '2026-09-22T10:00:00.000Z', checkouts: 0, returns: 1 });
          expect(stats.month.days[6]?.checkouts).toBe(2);
          expect(stats.month.days[21]).toEqual({ start: '2026-09-22T00:00:00.000Z', checkouts: 0, returns: 1 });
          expect(stats.overdueLoans).toBe(1);
          expect(stats.holds).toEqual({ waiting: 0, ready: 2 });
          expect(stats.finesCollected).toEqual({ today: { amount: 300, currency: 'INR' }, month: { amount: 300, currency: 'INR' } });
        });
      });
    });

    describe('.overdue', () => {
      describe('when both loans are past due', () => {
        it('should list them earliest due first with their days past due, as many as the limit asks, and count them all', async () => {
          const { library, clock } = await mondayAtTheDesk(harness);
          clock.advanceDays(15);
          const all = await library.reports.overdue();
          expect(all.count).toBe(2);
          expect(all.loans.map((l) => l.barcode)).toEqual(['cormen-1', 'sedgewick-1']);
          for (const loan of all.loans) expect(loan.daysOverdue).toBe(daysLate(new Date(loan.dueAt), clock.now()));
          const first = await library.reports.overdue({ limit: 1 });
          expect(first).toMatchObject({ count: 2, loans: [{ barcode: 'cormen-1', memberId: priya.id }] });
        });
      });

      describe('when no loan is past due', () => {
        it('should list none', async () => {
          const { library } = await mondayAtTheDesk(harness);
          expect(await library.reports.overdue()).toEqual({ count: 0, loans: [] });
        });
      });
    });

    describe('.holdShelf', () => {
      describe("when a copy waits for Meera and the pickup deadline passes", () => {
        it('should list the copy for her at its branch, ready first and expired once the deadline is past', async () => {
          const { library, clock } = await mondayAtTheDesk(harness);
          const [entry] = await library.reports.holdShelf({ branch: 'main' });
          expect(entry).toMatchObject({ barcode: 'cormen-2', isbn: CORMEN, branch: 'main', rack: '4-B', memberId: meera.id, expired: false });
          expect(await library.reports.holdShelf({ branch: 'annexe' })).toEqual([]);
          clock.set(new Date(Date.parse(entry?.expiresAt ?? '') + 1));
          expect(await library.reports.holdShelf()).toMatchObject([{ barcode: 'cormen-2', expired: true }]);
        });
      });
    });
  });
}
