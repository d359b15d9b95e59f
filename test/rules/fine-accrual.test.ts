import { describe, expect, it } from 'vitest';
import type { CirculationRule, PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { MemberFixtures } from '../fixtures/members.js';
import { aRulesLibrary, shelveAt } from './support.js';

const { priya } = MemberFixtures;
const MONDAY = '2026-09-07T09:00:00.000Z';
const DAY_MS = 86_400_000;
const daysAfterMonday = (days: number): string => new Date(Date.parse(MONDAY) + days * DAY_MS).toISOString();

/** 14-day loans at 10p a late day, capped at £1 a copy, accrued daily; fines above 25p block borrowing. */
const accruing = (overrides: Partial<CirculationRule> = {}): CirculationRule => ({
  loanDays: 14,
  renewalDays: 14,
  maxActiveLoans: 10,
  maxRenewals: 2,
  maxOverdueDaysToRenew: 30,
  pickupWindowHours: null,
  maxActiveReservations: 3,
  blockingFineThreshold: 25,
  fine: { kind: 'flat', perDay: 10, cap: { maxPerItem: 100 } },
  fineAccrual: 'DAILY',
  ...overrides,
});

const libraryOf = (rule: CirculationRule): PolicyDefinition => ({
  name: 'accruing',
  source: 'test fixture',
  currency: 'GBP',
  charges: { damaged: 0, lost: 0, defaultReplacement: 500 },
  entries: [{ id: 'everyone', match: {}, rule }],
});
const ACCRUING_LIBRARY = libraryOf(accruing());

/** Priya borrows one copy on Monday morning, due 14 days later. */
async function aLoanOut(policy: PolicyDefinition = ACCRUING_LIBRARY) {
  const { library, clock } = await aRulesLibrary(policy, MONDAY);
  const barcode = await shelveAt(library, 'cormen', 'main', { replacementPrice: 5_000 });
  const other = await shelveAt(library, 'sedgewick', 'main');
  const loan = await library.circulation.checkOut({ memberId: priya.id, barcode });
  return { library, clock, barcode, other, loanId: loan.loanId };
}

/** Runs the jobs at `days` after Monday. */
const jobsOn = async (t: Awaited<ReturnType<typeof aLoanOut>>, days: number) => {
  t.clock.set(daysAfterMonday(days));
  return t.library.runDueJobs();
};

const fines = async (t: Awaited<ReturnType<typeof aLoanOut>>) =>
  (await t.library.fines.ledger(priya.id)).fines.map((f) => [f.reason, f.amount.amount, f.outstanding.amount, f.status]);

describe('Fine accrual', () => {
  describe('.runDueJobs', () => {
    describe('when a loan under a daily-accruing rule is overdue', () => {
      it('should raise one open fine to what the loan has cost so far, and the balance with it', async () => {
        const t = await aLoanOut();
        expect((await jobsOn(t, 15)).finesAccrued).toBe(1);
        expect(await fines(t)).toEqual([['OVERDUE', 10, 10, 'OPEN']]);
        expect((await jobsOn(t, 17)).finesAccrued).toBe(1);
        expect(await fines(t)).toEqual([['OVERDUE', 30, 30, 'OPEN']]);
        expect((await t.library.members.get(priya.id)).fineBalance.amount).toBe(30);
      });

      it('should change nothing when run twice on one day', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 16);
        expect((await jobsOn(t, 16)).finesAccrued).toBe(0);
        expect(await fines(t)).toEqual([['OVERDUE', 20, 20, 'OPEN']]);
      });

      it('should never raise the fine above the cap', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 30);
        await jobsOn(t, 40);
        expect(await fines(t)).toEqual([['OVERDUE', 100, 100, 'OPEN']]);
      });

      it('should block borrowing once the accrued fine is above the threshold', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 16);
        await expect(t.library.circulation.checkOut({ memberId: priya.id, barcode: t.other })).resolves.toMatchObject({ memberId: priya.id });
        await t.library.circulation.returnCopy({ barcode: t.other });
        await jobsOn(t, 17);
        await expect(t.library.circulation.checkOut({ memberId: priya.id, barcode: t.other })).rejects.toMatchObject({ code: 'FINES_OVER_THRESHOLD' });
      });
    });

    describe('when the rule charges fines at return (every preset)', () => {
      it('should accrue nothing while the loan is out', async () => {
        const t = await aLoanOut(libraryOf(accruing({ fineAccrual: 'AT_RETURN' })));
        expect((await jobsOn(t, 20)).finesAccrued).toBe(0);
        expect(await fines(t)).toEqual([]);
      });
    });

    describe('when the loan is claimed returned', () => {
      it('should stop the fine at the claim', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 16);
        t.clock.set(daysAfterMonday(17));
        await t.library.claims.claim({ barcode: t.barcode });
        await jobsOn(t, 25);
        expect(await fines(t)).toEqual([['OVERDUE', 20, 20, 'OPEN']]);
        await t.library.claims.resolve({ barcode: t.barcode, resolution: 'RETURNED_BY_MEMBER' });
        expect(await fines(t)).toEqual([['OVERDUE', 30, 30, 'OPEN']]);
      });
    });
  });

  describe('.circulation.returnCopy', () => {
    describe('when a fine accrued on the loan', () => {
      it('should finalise the same fine at the return amount, charging nothing twice', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 17);
        t.clock.set(daysAfterMonday(19));
        const receipt = await t.library.circulation.returnCopy({ barcode: t.barcode });
        expect(receipt.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['OVERDUE', 50]]);
        expect(await fines(t)).toEqual([['OVERDUE', 50, 50, 'OPEN']]);
        expect((await t.library.members.get(priya.id)).fineBalance.amount).toBe(50);
        expect((await jobsOn(t, 25)).finesAccrued).toBe(0);
      });

      it('should charge only what is still owed after a payment of the accrued fine', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 17);
        await t.library.fines.pay({ memberId: priya.id, amount: 30, method: 'cash' });
        expect(await fines(t)).toEqual([['OVERDUE', 30, 0, 'PAID']]);
        await jobsOn(t, 18);
        expect(await fines(t)).toEqual([['OVERDUE', 40, 10, 'OPEN']]);
        t.clock.set(daysAfterMonday(19));
        await t.library.circulation.returnCopy({ barcode: t.barcode });
        expect(await fines(t)).toEqual([['OVERDUE', 50, 20, 'OPEN']]);
        expect((await t.library.members.get(priya.id)).fineBalance.amount).toBe(20);
      });
    });

    describe('when the accrued fine was waived', () => {
      it('should stop it: no more accrual, and nothing charged at the return', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 17);
        const [accrued] = (await t.library.fines.ledger(priya.id)).fines;
        await t.library.fines.waive({ memberId: priya.id, fineId: accrued?.fineId ?? '', reason: 'hospital stay' });
        await jobsOn(t, 20);
        t.clock.set(daysAfterMonday(22));
        const receipt = await t.library.circulation.returnCopy({ barcode: t.barcode });
        expect(receipt.finesAssessed).toEqual([]);
        expect(await fines(t)).toEqual([['OVERDUE', 30, 0, 'WAIVED']]);
        expect((await t.library.members.get(priya.id)).fineBalance.amount).toBe(0);
      });
    });
  });

  describe('.circulation.renew', () => {
    describe('when an overdue loan with an accrued fine is renewed', () => {
      it('should finalise the fine up to the renewal, then accrue afresh after the new due date', async () => {
        const t = await aLoanOut();
        await jobsOn(t, 16);
        t.clock.set(daysAfterMonday(17));
        await t.library.circulation.renew({ barcode: t.barcode });
        expect(await fines(t)).toEqual([['OVERDUE', 30, 30, 'OPEN']]);
        await jobsOn(t, 33);
        expect(await fines(t)).toEqual([
          ['OVERDUE', 30, 30, 'OPEN'],
          ['OVERDUE', 20, 20, 'OPEN'],
        ]);
      });
    });
  });

  describe('.lostItems.declareLost', () => {
    describe('when a fine accrued on the loan', () => {
      it('should finalise it at the fine up to the loss, and a copy found within the refund window should charge nothing more for lateness', async () => {
        const t = await aLoanOut(libraryOf(accruing({ lost: { ageToLostAfterDaysOverdue: null, refundWindowDays: 30 } })));
        await jobsOn(t, 16);
        t.clock.set(daysAfterMonday(18));
        await t.library.lostItems.declareLost({ barcode: t.barcode, loanId: t.loanId });
        expect((await fines(t)).filter(([reason]) => reason === 'OVERDUE')).toEqual([['OVERDUE', 40, 40, 'OPEN']]);
        await jobsOn(t, 20);
        t.clock.set(daysAfterMonday(21));
        const found = await t.library.circulation.markFound({ barcode: t.barcode });
        expect(found.settlement?.restoredFine).toBeNull();
        expect((await fines(t)).filter(([reason]) => reason === 'OVERDUE')).toEqual([['OVERDUE', 40, 40, 'OPEN']]);
      });
    });
  });
});
