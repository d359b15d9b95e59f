import { describe, expect, it } from 'vitest';
import type { CirculationRule, PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { MemberFixtures } from '../fixtures/members.js';
import { aRulesLibrary, shelveAt } from './support.js';

const { priya } = MemberFixtures;
const MONDAY = '2026-09-07T09:00:00.000Z';
const DAY_MS = 86_400_000;
const daysAfterMonday = (days: number): string => new Date(Date.parse(MONDAY) + days * DAY_MS).toISOString();

/** 14-day loans at 10p a late day, renewable up to 7 days overdue, fines never above the replacement price. */
const lenient: CirculationRule = {
  loanDays: 14,
  renewalDays: 14,
  maxActiveLoans: 10,
  maxRenewals: 2,
  maxOverdueDaysToRenew: 7,
  pickupWindowHours: null,
  maxActiveReservations: 3,
  blockingFineThreshold: null,
  fine: { kind: 'flat', perDay: 10, cap: { replacementPrice: true } },
};

const LENIENT_LIBRARY: PolicyDefinition = {
  name: 'lenient',
  source: 'test fixture',
  currency: 'GBP',
  charges: { damaged: 0, lost: 0, defaultReplacement: 50 },
  entries: [{ id: 'everyone', match: {}, rule: lenient }],
};

const fines = async (library: Awaited<ReturnType<typeof aRulesLibrary>>['library']) =>
  (await library.fines.ledger(priya.id)).fines.map((f) => [f.reason, f.amount.amount, f.assessedAt]);

describe('Circulation rules', () => {
  describe('.renew', () => {
    describe('when the loan is overdue and the rule allows renewing it', () => {
      it('should charge the fine accrued up to the renewal, then at return only the days late after the new due date', async () => {
        const { library, clock } = await aRulesLibrary(LENIENT_LIBRARY, MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'main', { replacementPrice: 10_000 });
        await library.circulation.checkOut({ memberId: priya.id, barcode });
        clock.set(daysAfterMonday(17));
        const renewed = await library.circulation.renew({ barcode });
        expect(renewed.dueAt).toBe(daysAfterMonday(31));
        expect(await fines(library)).toEqual([['OVERDUE', 30, daysAfterMonday(17)]]);
        clock.set(daysAfterMonday(33));
        const receipt = await library.circulation.returnCopy({ barcode });
        expect(receipt.finesAssessed.map((f) => f.amount.amount)).toEqual([20]);
        expect(await fines(library)).toEqual([
          ['OVERDUE', 30, daysAfterMonday(17)],
          ['OVERDUE', 20, daysAfterMonday(33)],
        ]);
      });
    });

    describe('when the loan is not yet due', () => {
      it('should charge nothing', async () => {
        const { library, clock } = await aRulesLibrary(LENIENT_LIBRARY, MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'main');
        await library.circulation.checkOut({ memberId: priya.id, barcode });
        clock.set(daysAfterMonday(13));
        await library.circulation.renew({ barcode });
        expect(await fines(library)).toEqual([]);
      });
    });
  });

  describe('.returnCopy', () => {
    describe('when the fine is capped at the replacement price and the copy has no price of its own', () => {
      it("should cap it at the policy's default replacement cost, as declaring the copy lost charges", async () => {
        const { library, clock } = await aRulesLibrary(LENIENT_LIBRARY, MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'main');
        await library.circulation.checkOut({ memberId: priya.id, barcode });
        clock.set(daysAfterMonday(34));
        const receipt = await library.circulation.returnCopy({ barcode });
        expect(receipt.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['OVERDUE', 50]]);
      });
    });

    describe('when the copy has a price of its own', () => {
      it('should cap the fine at that price', async () => {
        const { library, clock } = await aRulesLibrary(LENIENT_LIBRARY, MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'main', { replacementPrice: 120 });
        await library.circulation.checkOut({ memberId: priya.id, barcode });
        clock.set(daysAfterMonday(34));
        const receipt = await library.circulation.returnCopy({ barcode });
        expect(receipt.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['OVERDUE', 120]]);
      });
    });
  });
});
