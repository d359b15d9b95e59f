import { describe, expect, it } from 'vitest';
import { Loan } from '../../src/domain/lending/Loan.js';
import { IllegalTransitionError } from '../../src/domain/lending/LendingError.js';
import { BookFixtures } from '../fixtures/catalog.js';

const CHECKED_OUT = new Date('2026-09-07T09:00:00.000Z');
const DUE = new Date('2026-09-17T09:00:00.000Z');
const ON_TIME = new Date('2026-09-16T15:00:00.000Z');
const THREE_DAYS_LATE = new Date('2026-09-20T09:00:00.000Z');

/** Loan fixtures: Raj's loan of Cormen copy 1, due ten days after checkout, built through the loan's own commands. */
const LoanFixtures = {
  opened(): Loan {
    return Loan.open({ id: 'loan-1', barcode: 'cormen-1', isbn: BookFixtures.cormen.isbn, memberId: 'M-RAJ', dueAt: DUE }, CHECKED_OUT);
  },
  open(): Loan {
    const loan = LoanFixtures.opened();
    loan.pullEvents();
    return loan;
  },
  returned(): Loan {
    const loan = LoanFixtures.open();
    loan.close(ON_TIME);
    loan.pullEvents();
    return loan;
  },
};

const returnedEvent = (occurredAt: Date, daysLate: number) => ({
  name: 'copy.returned',
  occurredAt: occurredAt.toISOString(),
  barcode: 'cormen-1',
  isbn: BookFixtures.cormen.isbn,
  memberId: 'M-RAJ',
  loanId: 'loan-1',
  dueAt: DUE.toISOString(),
  daysLate,
});

describe(Loan, () => {
  describe('.open', () => {
    describe('when a copy is lent', () => {
      it('should record copy.checked-out with the loan, the copy, the member and the due date', () => {
        const loan = LoanFixtures.opened();
        expect(loan.status).toBe('OPEN');
        expect(loan.pullEvents()).toEqual([
          {
            name: 'copy.checked-out',
            occurredAt: CHECKED_OUT.toISOString(),
            barcode: 'cormen-1',
            isbn: BookFixtures.cormen.isbn,
            memberId: 'M-RAJ',
            loanId: 'loan-1',
            dueAt: DUE.toISOString(),
          },
        ]);
      });
    });
  });

  describe('.fromPrimitives', () => {
    describe('when a stored loan is loaded', () => {
      it('should record nothing', () => {
        const stored = LoanFixtures.open();
        expect(Loan.fromPrimitives(stored.toPrimitives(), 1).pullEvents()).toEqual([]);
      });
    });
  });

  describe('.close', () => {
    describe('when the copy comes back before the due date', () => {
      it('should record copy.returned, 0 days late', () => {
        const loan = LoanFixtures.open();
        loan.close(ON_TIME);
        expect(loan.status).toBe('RETURNED');
        expect(loan.returnedAt).toEqual(ON_TIME);
        expect(loan.pullEvents()).toEqual([returnedEvent(ON_TIME, 0)]);
      });
    });

    describe('when the copy comes back exactly three days after the due instant', () => {
      it('should record copy.returned, 3 days late', () => {
        const loan = LoanFixtures.open();
        loan.close(THREE_DAYS_LATE);
        expect(loan.pullEvents()).toEqual([returnedEvent(THREE_DAYS_LATE, 3)]);
      });
    });

    describe('when the loan was already returned', () => {
      it('should throw an illegal transition and record nothing', () => {
        const loan = LoanFixtures.returned();
        expect(() => {
          loan.close(THREE_DAYS_LATE);
        }).toThrow(IllegalTransitionError);
        expect(loan.pullEvents()).toEqual([]);
      });
    });
  });
});
