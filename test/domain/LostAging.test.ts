import { describe, expect, it } from 'vitest';
import { Loan } from '../../src/domain/lending/Loan.js';
import { isDueToAgeToLost } from '../../src/domain/lending/LostAging.js';

const DUE = '2026-09-21T09:00:00.000Z';
const aLoan = (): Loan =>
  Loan.open({ id: 'loan-1', barcode: 'cormen-1', isbn: '9780262033848', memberId: 'M-RAJ', dueAt: new Date(DUE) }, new Date('2026-09-07T09:00:00.000Z'));
const at = (iso: string): Date => new Date(iso);

describe(isDueToAgeToLost, () => {
  describe('when the loan is open and overdue', () => {
    it('should age it from the day it is that many days late, a started day counting as a day', () => {
      expect(isDueToAgeToLost(aLoan(), 60, at('2026-11-19T09:00:00.000Z'))).toBe(false); // exactly 59 days late
      expect(isDueToAgeToLost(aLoan(), 60, at('2026-11-19T09:00:00.001Z'))).toBe(true); // the 60th day has started
    });
  });

  describe('when the rule never ages loans', () => {
    it('should never age it', () => {
      expect(isDueToAgeToLost(aLoan(), null, at('2027-09-21T09:00:00.000Z'))).toBe(false);
    });
  });

  describe('when the threshold is 0', () => {
    it('should age only a loan that is overdue', () => {
      expect(isDueToAgeToLost(aLoan(), 0, at('2026-09-21T08:00:00.000Z'))).toBe(false);
      expect(isDueToAgeToLost(aLoan(), 0, at('2026-09-21T10:00:00.000Z'))).toBe(true);
    });
  });

  describe('when the loan was claimed returned or is closed', () => {
    it('should not age it', () => {
      const claimed = aLoan();
      claimed.claimReturned(at('2026-10-01T09:00:00.000Z'));
      const returned = aLoan();
      returned.close(at('2026-10-01T09:00:00.000Z'));
      expect(isDueToAgeToLost(claimed, 30, at('2026-12-01T09:00:00.000Z'))).toBe(false);
      expect(isDueToAgeToLost(returned, 30, at('2026-12-01T09:00:00.000Z'))).toBe(false);
    });
  });
});
