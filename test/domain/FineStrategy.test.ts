import { describe, expect, it } from 'vitest';
import { CappedFine, FlatRateFine, GraceDaysFine, Money, NoFine, type FineStrategy } from '../../src/index.js';

const inr = (amount: number) => Money.of(amount, 'INR');
const DUE = new Date('2026-09-21T09:00:00.000Z');
const daysAfterDue = (days: number) => ({ dueAt: DUE, returnedAt: new Date(DUE.getTime() + days * 86_400_000), replacementPrice: null });

describe('FineStrategy', () => {
  describe('.fineForDaysLate', () => {
    describe('when the lateness fits in dates', () => {
      it.each<[string, FineStrategy]>([
        ['flat ₹20/day', new FlatRateFine(inr(2_000))],
        ['2 grace days, then ₹3/day', new GraceDaysFine(2, inr(300))],
        ['never fined', new NoFine('INR')],
        ['flat, capped at ₹50', new CappedFine(new FlatRateFine(inr(2_000)), inr(5_000), false)],
      ])('should price %s exactly as overdueFine does', (_name, strategy) => {
        for (const days of [0, 1, 2, 3, 6, 40]) expect(strategy.fineForDaysLate(days, null)).toEqual(strategy.overdueFine(daysAfterDue(days)));
      });
    });

    describe('when the lateness is a billion days, beyond any Date', () => {
      it('should stay exact in integer paise', () => {
        const desk: FineStrategy = new FlatRateFine(inr(2_000));
        expect(desk.fineForDaysLate(999_999_986, null).amount).toBe(1_999_999_972_000);
      });
    });

    describe('when capped at the replacement price', () => {
      it('should never charge more than the copy is worth', () => {
        expect(new CappedFine(new FlatRateFine(inr(25)), null, true).fineForDaysLate(1_000, inr(2_500)).amount).toBe(2_500);
      });
    });
  });
});
