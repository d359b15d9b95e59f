import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BranchCalendar } from '../../src/domain/calendar/BranchCalendar.js';
import { WEEKDAYS } from '../../src/domain/calendar/LocalDate.js';
import { Loan } from '../../src/domain/lending/Loan.js';
import { CirculationPolicy, type CirculationRule } from '../../src/domain/policy/CirculationPolicy.js';
import { LoanTerms } from '../../src/domain/policy/LoanTerms.js';

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Sao_Paulo', 'Europe/Berlin'];
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2035, 0, 1);

const instant = fc.integer({ min: FROM, max: TO }).map((t) => new Date(t));
const calendar = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    openDays: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    closures: fc.array(fc.tuple(fc.integer({ min: FROM, max: TO }), fc.integer({ min: 0, max: 20 })), { maxLength: 6 }),
  })
  .map(({ timeZone, openDays, closures }) =>
    BranchCalendar.define('prop', {
      timeZone,
      openingHours: Object.fromEntries(openDays.map((d) => [d, { opens: '09:00', closes: '17:00' }])),
      closures: closures.map(([start, length]) => {
        const from = new Date(start).toISOString().slice(0, 10);
        const to = new Date(start + length * 86_400_000).toISOString().slice(0, 10);
        return { from, to, kind: 'HOLIDAY' as const, reason: 'generated' };
      }),
    }),
  );

function ruleWith(changes: Partial<CirculationRule>) {
  const rule: CirculationRule = {
    loanDays: 14,
    renewalDays: 14,
    maxActiveLoans: 5,
    maxRenewals: 2,
    maxOverdueDaysToRenew: 0,
    pickupWindowHours: 24,
    maxActiveReservations: 3,
    blockingFineThreshold: null,
    fine: { kind: 'flat', perDay: 25, grace: { days: 2, countFrom: 'DUE_DATE' } },
    ...changes,
  };
  return new CirculationPolicy({ name: 'prop', source: 'test', currency: 'USD', charges: { damaged: 0, lost: 0, defaultReplacement: 0 }, entries: [{ id: 'all', match: {}, rule }] }).ruleFor({
    type: 'PUBLIC',
    plan: 'BASIC',
  });
}

describe('LoanTerms', () => {
  describe('.dueDate', () => {
    describe('when due dates on closed days move to an open day', () => {
      it('should always land on an open day in the branch zone, after checkout', () => {
        fc.assert(
          fc.property(calendar, instant, fc.integer({ min: 1, max: 90 }), fc.constantFrom('NEXT_OPEN_DAY' as const, 'PREVIOUS_OPEN_DAY' as const), (cal, now, loanDays, adjustment) => {
            const { dueAt } = LoanTerms.dueDate(ruleWith({ loanDays, calendar: { dueDateAdjustment: adjustment } }), cal, now);
            expect(cal.isOpenOn(cal.dateOf(dueAt))).toBe(true);
            expect(dueAt.getTime()).toBeGreaterThan(now.getTime());
          }),
          { numRuns: 300 },
        );
      });
    });
  });

  describe('.renewedDueDate', () => {
    describe('for any loan, calendar and moment', () => {
      it('should never make the loan end sooner', () => {
        fc.assert(
          fc.property(calendar, instant, fc.integer({ min: 0, max: 60 * 86_400_000 }), fc.integer({ min: 1, max: 60 }), (cal, checkedOut, sinceCheckout, renewalDays) => {
            const loan = Loan.open({ id: 'L', barcode: 'B', isbn: '9780262033848', memberId: 'M', dueAt: new Date(checkedOut.getTime() + 14 * 86_400_000) }, checkedOut);
            const now = new Date(checkedOut.getTime() + sinceCheckout);
            const renewed = LoanTerms.renewedDueDate(ruleWith({ renewalDays, calendar: { dueDateAdjustment: 'PREVIOUS_OPEN_DAY' } }), cal, loan, now);
            expect(renewed.getTime()).toBeGreaterThanOrEqual(loan.dueAt.getTime());
            loan.renew(renewed, now);
            expect(loan.dueAt.getTime()).toBeGreaterThanOrEqual(checkedOut.getTime() + 14 * 86_400_000);
          }),
          { numRuns: 300 },
        );
      });
    });
  });

  describe('.overdueFine', () => {
    describe('when closed days are not charged', () => {
      it('should never charge more than counting every day, and never a negative amount', () => {
        fc.assert(
          fc.property(calendar, instant, fc.integer({ min: 0, max: 90 * 86_400_000 }), (cal, due, late) => {
            const loan = Loan.open({ id: 'L', barcode: 'B', isbn: '9780262033848', memberId: 'M', dueAt: due }, new Date(due.getTime() - 86_400_000));
            const returned = new Date(due.getTime() + late);
            const open = LoanTerms.overdueFine(ruleWith({ calendar: { fineDays: 'OPEN_DAYS' } }), cal, loan, returned, null).amount;
            const all = LoanTerms.overdueFine(ruleWith({}), cal, loan, returned, null).amount;
            expect(open).toBeGreaterThanOrEqual(0);
            expect(open).toBeLessThanOrEqual(all);
          }),
          { numRuns: 300 },
        );
      });
    });
  });
});
