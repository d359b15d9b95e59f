import { describe, expect, it } from 'vitest';
import { DigitalCopy, LICENSE_TRANSITIONS } from '../../src/domain/digital/DigitalCopy.js';
import { DigitalLoan, DIGITAL_LOAN_TRANSITIONS } from '../../src/domain/digital/DigitalLoan.js';
import { DigitalLendingError } from '../../src/domain/digital/DigitalLendingError.js';
import { IllegalTransitionError } from '../../src/domain/lending/LendingError.js';
import { ValidationError } from '../../src/domain/shared/ShelfmarkError.js';
import { DigitalCopyFixtures } from '../fixtures/digital.js';
import { MONDAY_MORNING } from '../fixtures/library.js';

const NOW = new Date(MONDAY_MORNING);
const LATER = '2026-09-21T09:00:00.000Z';
const twoLicenses = (): DigitalCopy => DigitalCopy.acquire({ ...DigitalCopyFixtures.cormenEpub, licenses: 2 }, NOW);

describe(DigitalCopy, () => {
  describe('.acquire', () => {
    describe('when the description is invalid', () => {
      it('should throw a ValidationError', () => {
        expect(() => DigitalCopy.acquire({ ...DigitalCopyFixtures.cormenEpub, licenses: 0 }, NOW)).toThrow(ValidationError);
        expect(() => DigitalCopy.acquire({ ...DigitalCopyFixtures.cormenEpub, format: 'DOCX' as 'EPUB' }, NOW)).toThrow(ValidationError);
        expect(() => DigitalCopy.acquire({ ...DigitalCopyFixtures.cormenEpub, terms: { unlimitedAccess: true } }, NOW)).toThrow(ValidationError);
      });
    });
  });

  describe('.lend', () => {
    describe('when every license is lent', () => {
      it('should throw NO_LICENSE_AVAILABLE and keep the pool as it was', () => {
        const copy = twoLicenses();
        copy.lend({ loanId: 'l1', memberId: 'M-1', dueAt: LATER }, NOW);
        copy.lend({ loanId: 'l2', memberId: 'M-2', dueAt: LATER }, NOW);
        const before = copy.toPrimitives();
        expect(() => {
          copy.lend({ loanId: 'l3', memberId: 'M-3', dueAt: LATER }, NOW);
        }).toThrow(DigitalLendingError);
        expect(copy.toPrimitives()).toEqual(before);
        expect(copy.status(NOW)).toBe('EXHAUSTED');
        expect(copy.can('lend', NOW)).toBe(false);
        expect(copy.can('release', NOW)).toBe(true);
      });
    });

    describe('when the license was offered to the member', () => {
      it('should move it from OFFERED to LENT without touching the free ones', () => {
        const copy = twoLicenses();
        copy.offer({ reservationId: 'res-1', memberId: 'M-1', expiresAt: LATER }, NOW);
        copy.lend({ loanId: 'l1', memberId: 'M-1', dueAt: LATER }, NOW);
        expect([copy.count('FREE'), copy.count('OFFERED'), copy.count('LENT')]).toEqual([1, 0, 1]);
      });
    });
  });

  describe('.release', () => {
    describe('when the loan holds no license here', () => {
      it('should throw an IllegalTransitionError', () => {
        expect(() => {
          twoLicenses().release('l9');
        }).toThrow(IllegalTransitionError);
      });
    });
  });

  describe('.lapseOffer', () => {
    describe('when the claim window closed', () => {
      it('should list the offer as lapsed and free its license', () => {
        const copy = twoLicenses();
        copy.offer({ reservationId: 'res-1', memberId: 'M-1', expiresAt: '2026-09-08T09:00:00.000Z' }, NOW);
        expect(copy.lapsedOffers(new Date('2026-09-08T08:59:59Z'))).toEqual([]);
        expect(copy.lapsedOffers(new Date('2026-09-08T09:00:00Z'))).toHaveLength(1);
        copy.lapseOffer('res-1');
        expect(copy.count('FREE')).toBe(2);
      });
    });
  });

  describe('LICENSE_TRANSITIONS', () => {
    it('should let every license return to FREE', () => {
      expect(Object.values(LICENSE_TRANSITIONS).flatMap((row) => Object.values(row))).toContain('FREE');
    });
  });
});

describe(DigitalLoan, () => {
  const begin = (): DigitalLoan =>
    DigitalLoan.begin({ id: 'eloan-1', copyId: 'cormen-epub', isbn: '9780262033848', memberId: 'M-1', format: 'EPUB', dueAt: new Date(LATER), tokenId: 'token-1', countsTowardLimit: true }, NOW);

  describe('.expire', () => {
    describe('when the due instant has not come', () => {
      it('should throw an IllegalTransitionError', () => {
        expect(() => {
          begin().expire(NOW);
        }).toThrow(IllegalTransitionError);
      });
    });
  });

  describe('.returnEarly', () => {
    it('should end the loan and name the token to revoke until its own expiry', () => {
      const loan = begin();
      expect(loan.returnEarly(NOW)).toEqual({ tokenId: 'token-1', loanId: 'eloan-1', until: new Date(LATER) });
      expect(loan.status).toBe('RETURNED');
      expect(loan.can('renew')).toBe(false);
      expect(() => loan.returnEarly(NOW)).toThrow(IllegalTransitionError);
    });
  });

  describe('DIGITAL_LOAN_TRANSITIONS', () => {
    it('should have no way out of an ended loan', () => {
      expect([DIGITAL_LOAN_TRANSITIONS.RETURNED, DIGITAL_LOAN_TRANSITIONS.EXPIRED, DIGITAL_LOAN_TRANSITIONS.REVOKED]).toEqual([{}, {}, {}]);
    });
  });
});
