import { describe, expect, it } from 'vitest';
import { FineError } from '../../src/domain/fines/FineError.js';
import { FineLedger } from '../../src/domain/fines/FineLedger.js';
import { Money } from '../../src/domain/shared/Money.js';

const NOW = new Date('2026-09-07T09:00:00.000Z');
const usd = (n: number): Money => Money.of(n, 'USD');

function ledgerOwing(...amounts: number[]): FineLedger {
  const ledger = FineLedger.open('M-DANA', 'USD');
  amounts.forEach((amount, i) => ledger.assess({ fineId: `fine-${i + 1}`, loanId: `loan-${i + 1}`, barcode: null, reason: 'OVERDUE', amount: usd(amount) }, NOW));
  ledger.pullEvents();
  return ledger;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (e) {
    return FineError.is(e) ? e.code : 'not a FineError';
  }
  return undefined;
}

describe('FineLedger', () => {
  describe('.assess', () => {
    it('should record nothing for a zero fine', () => {
      const ledger = ledgerOwing();
      expect(ledger.assess({ fineId: 'f', loanId: null, barcode: null, reason: 'OVERDUE', amount: usd(0) }, NOW)).toBe(false);
      expect(ledger.fines).toEqual([]);
      expect(ledger.pullEvents()).toEqual([]);
    });

    it('should refuse another currency', () => {
      const ledger = ledgerOwing();
      expect(codeOf(() => ledger.assess({ fineId: 'f', loanId: null, barcode: null, reason: 'OVERDUE', amount: Money.of(10, 'INR') }, NOW))).toBe(
        'CURRENCY_MISMATCH',
      );
    });
  });

  describe('.pay', () => {
    describe('when the payment is partial', () => {
      it('should settle the oldest fine first and keep the rest owing', () => {
        const ledger = ledgerOwing(300, 200);
        const payment = ledger.pay({ paymentId: 'pay-1', amount: usd(350), method: 'cash' }, NOW);
        expect(payment.allocations).toEqual([
          { fineId: 'fine-1', amount: 300 },
          { fineId: 'fine-2', amount: 50 },
        ]);
        expect(ledger.fines.map((f) => [f.status, f.outstanding])).toEqual([
          ['PAID', 0],
          ['OPEN', 150],
        ]);
        expect(ledger.balance().amount).toBe(150);
      });
    });

    describe('when the payment exceeds the balance', () => {
      it('should throw AMOUNT_EXCEEDS_BALANCE and change nothing', () => {
        const ledger = ledgerOwing(300);
        const before = ledger.toPrimitives();
        expect(codeOf(() => ledger.pay({ paymentId: 'pay-1', amount: usd(301), method: 'cash' }, NOW))).toBe('AMOUNT_EXCEEDS_BALANCE');
        expect(ledger.toPrimitives()).toEqual(before);
      });
    });

    describe('when the amount is zero or negative', () => {
      it('should throw INVALID_AMOUNT', () => {
        const ledger = ledgerOwing(300);
        expect(codeOf(() => ledger.pay({ paymentId: 'pay-1', amount: usd(0), method: 'cash' }, NOW))).toBe('INVALID_AMOUNT');
        expect(codeOf(() => ledger.pay({ paymentId: 'pay-1', amount: usd(-5), method: 'cash' }, NOW))).toBe('INVALID_AMOUNT');
        expect(ledger.balance().amount).toBe(300);
      });
    });
  });

  describe('.waive', () => {
    it('should forgive what is still owed on one fine', () => {
      const ledger = ledgerOwing(300, 200);
      ledger.waive('fine-2', 'first offence', NOW);
      expect(ledger.balance().amount).toBe(300);
      expect(ledger.pullEvents()).toMatchObject([{ name: 'fine.waived', fineId: 'fine-2', amount: 200 }]);
    });

    it('should refuse a fine that is already settled', () => {
      const ledger = ledgerOwing(300);
      ledger.pay({ paymentId: 'pay-1', amount: usd(300), method: 'cash' }, NOW);
      expect(codeOf(() => { ledger.waive('fine-1', 'late', NOW); })).toBe('FINE_NOT_OPEN');
    });
  });

  describe('.accrue', () => {
    const loan = { loanId: 'loan-9', barcode: 'cormen-1' };

    describe('when the loan has no accruing fine', () => {
      it('should open one, record fine.accrued and raise the balance', () => {
        const ledger = ledgerOwing(100);
        expect(ledger.accrue({ ...loan, fineId: 'fine-9', amount: usd(25) }, NOW)).toBe(25);
        expect(ledger.accruingFineOf('loan-9')).toMatchObject({ id: 'fine-9', amount: 25, outstanding: 25, status: 'OPEN', accrual: 'ACCRUING' });
        expect(ledger.balance().amount).toBe(125);
        expect(ledger.pullEvents()).toMatchObject([{ name: 'fine.accrued', fineId: 'fine-9', loanId: 'loan-9', amount: 25, increase: 25 }]);
      });
    });

    describe('when the loan already accrued', () => {
      it('should raise the same fine by the difference, and never lower it', () => {
        const ledger = ledgerOwing();
        ledger.accrue({ ...loan, fineId: 'fine-9', amount: usd(25) }, NOW);
        expect(ledger.accrue({ ...loan, fineId: 'fine-10', amount: usd(40) }, NOW)).toBe(15);
        expect(ledger.accrue({ ...loan, fineId: 'fine-11', amount: usd(30) }, NOW)).toBe(0);
        expect(ledger.fines.map((f) => [f.id, f.amount, f.outstanding])).toEqual([['fine-9', 40, 40]]);
      });
    });

    describe('when the accruing fine was waived', () => {
      it('should not raise it again', () => {
        const ledger = ledgerOwing();
        ledger.accrue({ ...loan, fineId: 'fine-9', amount: usd(25) }, NOW);
        ledger.waive('fine-9', 'goodwill', NOW);
        expect(ledger.accrue({ ...loan, fineId: 'fine-10', amount: usd(40) }, NOW)).toBe(0);
        expect(ledger.accruingFineOf('loan-9')).toMatchObject({ amount: 25, outstanding: 0, status: 'WAIVED', accrual: 'STOPPED' });
        expect(ledger.balance().amount).toBe(0);
      });
    });

    describe('when the amount is negative or in another currency', () => {
      it('should refuse with INVALID_AMOUNT or CURRENCY_MISMATCH', () => {
        const ledger = ledgerOwing();
        expect(codeOf(() => ledger.accrue({ ...loan, fineId: 'f', amount: usd(-1) }, NOW))).toBe('INVALID_AMOUNT');
        expect(codeOf(() => ledger.accrue({ ...loan, fineId: 'f', amount: Money.of(5, 'EUR') }, NOW))).toBe('CURRENCY_MISMATCH');
        expect(ledger.fines).toEqual([]);
      });
    });
  });

  describe('.chargeOverdue', () => {
    const loan = { loanId: 'loan-9', barcode: 'cormen-1' };

    describe('when nothing accrued on the loan', () => {
      it('should assess the amount as a new fine', () => {
        const ledger = ledgerOwing();
        expect(ledger.chargeOverdue({ ...loan, fineId: 'fine-9', amount: usd(30) }, NOW)).toMatchObject({ id: 'fine-9', amount: 30, status: 'OPEN' });
        expect(ledger.fines[0]?.accrual).toBeUndefined();
      });
    });

    describe('when a fine accrued on the loan', () => {
      it('should finalise that fine at the amount, recording fine.assessed once', () => {
        const ledger = ledgerOwing();
        ledger.accrue({ ...loan, fineId: 'fine-9', amount: usd(25) }, NOW);
        ledger.pullEvents();
        expect(ledger.chargeOverdue({ ...loan, fineId: 'fine-10', amount: usd(35) }, NOW)).toMatchObject({ id: 'fine-9', amount: 35, outstanding: 35, accrual: null });
        expect(ledger.fines).toHaveLength(1);
        expect(ledger.balance().amount).toBe(35);
        expect(ledger.pullEvents()).toMatchObject([{ name: 'fine.assessed', fineId: 'fine-9', amount: 35 }]);
      });

      it('should never finalise below what was already paid of it', () => {
        const ledger = ledgerOwing();
        ledger.accrue({ ...loan, fineId: 'fine-9', amount: usd(25) }, NOW);
        ledger.pay({ paymentId: 'pay-1', amount: usd(20), method: 'cash' }, NOW);
        expect(ledger.chargeOverdue({ ...loan, fineId: 'fine-10', amount: usd(10) }, NOW)).toMatchObject({ amount: 20, outstanding: 0, status: 'PAID' });
        expect(ledger.balance().amount).toBe(0);
      });
    });

    describe('when the accruing fine was waived', () => {
      it('should charge nothing and end the accrual', () => {
        const ledger = ledgerOwing();
        ledger.accrue({ ...loan, fineId: 'fine-9', amount: usd(25) }, NOW);
        ledger.waive('fine-9', 'goodwill', NOW);
        expect(ledger.chargeOverdue({ ...loan, fineId: 'fine-10', amount: usd(40) }, NOW)).toBeNull();
        expect(ledger.accruingFineOf('loan-9')).toBeUndefined();
        expect(ledger.fines.map((f) => [f.id, f.status, f.accrual])).toEqual([['fine-9', 'WAIVED', null]]);
      });
    });
  });
});
