import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;

/** Priya borrowed cormen-1 and brings it back late (a fine); she borrows sedgewick-1 and waits for Clean Code behind Raj. */
async function aDesk(): Promise<TestServer> {
  const t = await aServer();
  await shelve(t.library, 'cormen', 1);
  await shelve(t.library, 'sedgewick', 1);
  await shelve(t.library, 'cleanCode', 1);
  await enrol(t.library, 'priya', 'raj');
  await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
  await t.library.circulation.checkOut({ memberId: raj.id, barcode: 'cleanCode-1' });
  t.clock.advanceDays(15);
  await t.library.circulation.returnCopy({ barcode: 'cormen-1' });
  await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'sedgewick-1' });
  await t.library.reservations.reserve({ memberId: priya.id, isbn: BookFixtures.cleanCode.isbn });
  return t;
}

describe('the desk routes', () => {
  describe('GET /api/members/:memberId/account', () => {
    describe('when the counter scans a card', () => {
      it("should answer the member, the open loans with days past due, the ledger, the holds and what blocks each action", async () => {
        const t = await aDesk();
        const response = await t.call({ method: 'GET', url: `/api/members/${priya.id}/account`, as: t.staff.counter });
        expect(response.statusCode).toBe(200);
        const account = response.json<Record<string, unknown>>();
        expect(account).toMatchObject({
          at: t.clock.now().toISOString(),
          member: { memberId: priya.id, name: priya.name },
          loans: [{ barcode: 'sedgewick-1', daysOverdue: 0 }],
          ledger: { balance: { amount: 900, currency: 'INR' }, fines: [{ reason: 'OVERDUE', status: 'OPEN' }] },
          holds: [{ isbn: BookFixtures.cleanCode.isbn, status: 'WAITING', position: 1 }],
        });
        expect(account.standing).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'borrow' }), expect.objectContaining({ action: 'renew' })]));
      });
    });

    describe('when the card is unknown', () => {
      it('should answer 404 MEMBER_NOT_FOUND', async () => {
        const t = await aDesk();
        const response = await t.call({ method: 'GET', url: '/api/members/M-NOBODY/account', as: t.staff.counter });
        expect({ status: response.statusCode, code: response.json<{ code: string }>().code }).toEqual({ status: 404, code: 'MEMBER_NOT_FOUND' });
      });
    });
  });

  describe('GET /api/loans/overdue', () => {
    describe('when Raj keeps Clean Code past its due date', () => {
      it('should list his loan with its days past due', async () => {
        const t = await aDesk();
        const response = await t.call({ method: 'GET', url: '/api/loans/overdue', as: t.staff.counter });
        expect(response.json()).toMatchObject({ count: 1, loans: [{ barcode: 'cleanCode-1', memberId: raj.id, daysOverdue: 5 }] });
      });
    });

    describe('when the limit is not a positive whole number', () => {
      it.each(['0', '-1', 'ten', '1.5'])('should refuse limit=%s as INVALID_INPUT', async (limit) => {
        const t = await aDesk();
        const response = await t.call({ method: 'GET', url: `/api/loans/overdue?limit=${limit}`, as: t.staff.counter });
        expect({ status: response.statusCode, code: response.json<{ code: string }>().code }).toEqual({ status: 400, code: 'INVALID_INPUT' });
      });
    });
  });

  describe('GET /api/hold-shelf', () => {
    describe('when Raj returns Clean Code and Priya is first in its queue', () => {
      it('should list the copy for her at its branch, not yet expired', async () => {
        const t = await aDesk();
        await t.library.circulation.returnCopy({ barcode: 'cleanCode-1' });
        const response = await t.call({ method: 'GET', url: '/api/hold-shelf?branch=main', as: t.staff.counter });
        expect(response.json()).toMatchObject([{ barcode: 'cleanCode-1', memberId: priya.id, branch: 'main', expired: false }]);
      });
    });
  });

  describe('GET /api/statistics/circulation', () => {
    describe("when the day's loans and returns were made", () => {
      it("should answer today's hours and the month's days with the counts, the overdue loans, the holds and the fines collected", async () => {
        const t = await aDesk();
        await t.call({ method: 'POST', url: '/api/payments', as: t.staff.counter, payload: { memberId: priya.id, amount: 400, method: 'cash' } });
        const stats = (await t.call({ method: 'GET', url: '/api/statistics/circulation', as: t.staff.counter })).json<{
          today: { hours: { checkouts: number; returns: number }[] };
          month: { days: unknown[] };
        }>();
        expect(stats).toMatchObject({ timeZone: 'UTC', overdueLoans: 1, holds: { waiting: 1, ready: 0 }, finesCollected: { today: { amount: 400, currency: 'INR' } } });
        expect(stats.today.hours.reduce((n, h) => n + h.checkouts, 0)).toBe(1);
        expect(stats.today.hours.reduce((n, h) => n + h.returns, 0)).toBe(1);
        expect(stats.month.days).toHaveLength(30);
      });
    });
  });
});
