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
});
