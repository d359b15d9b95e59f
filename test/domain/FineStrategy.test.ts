import { describe, expect, it } from 'vitest';
import { CappedFine, FlatRateFine, GraceDaysFine, GracePeriodFine, NoFine, type FineStrategy } from '../../src/domain/fines/FineStrategy.js';
import { MS_PER_DAY } from '../../src/domain/shared/Clock.js';
import { Money } from '../../src/domain/shared/Money.js';

const DUE = new Date('2026-09-17T09:00:00.000Z');
const returned = (daysLate: number, extraMs = 0): Date => new Date(DUE.getTime() + daysLate * MS_PER_DAY + extraMs);
const late = (days: number, replacementPrice: Money | null = null) => ({ dueAt: DUE, returnedAt: returned(days), replacementPrice });

describe('FlatRateFine', () => {
  const fine = new FlatRateFine(Money.of(500, 'INR'));

  describe('.overdueFine', () => {
    it('should charge nothing when returned on time or early', () => {
      expect(fine.overdueFine(late(0)).amount).toBe(0);
      expect(fine.overdueFine(late(-3)).amount).toBe(0);
    });

    it('should charge the rate for every late day', () => {
      expect(fine.overdueFine(late(6)).amount).toBe(3000);
    });

    it('should count a started day as a day', () => {
      expect(fine.overdueFine({ dueAt: DUE, returnedAt: returned(0, 60_000), replacementPrice: null }).amount).toBe(500);
    });
  });
});

describe('GraceDaysFine', () => {
  const fine = new GraceDaysFine(2, Money.of(300, 'INR'));

  describe('.overdueFine', () => {
    it('should waive the grace days (seed 003 students: first 2 days free)', () => {
      expect(fine.overdueFine(late(1)).amount).toBe(0);
      expect(fine.overdueFine(late(2)).amount).toBe(0);
    });

    it('should charge from the day after grace', () => {
      expect(fine.overdueFine(late(3)).amount).toBe(300);
      expect(fine.overdueFine(late(5)).amount).toBe(900);
    });
  });
});

describe('GraceDaysFine', () => {
  describe('.overdueFine', () => {
    describe('when compared with a flat rate inside a grace period counted from its end', () => {
      it('should be that same strategy: the same fine for every number of late days', () => {
        const graceDays = new GraceDaysFine(2, Money.of(300, 'INR'));
        const gracePeriod = new GracePeriodFine(new FlatRateFine(Money.of(300, 'INR')), 2, 'END_OF_GRACE');
        expect(graceDays).toBeInstanceOf(GracePeriodFine);
        const days = [-1, 0, 1, 2, 3, 4, 10, 40];
        expect(days.map((d) => graceDays.overdueFine(late(d)).amount)).toEqual(days.map((d) => gracePeriod.overdueFine(late(d)).amount));
      });
    });
  });
});

describe('NoFine', () => {
  it('should never charge (seed 003 faculty)', () => {
    expect(new NoFine('INR').overdueFine().amount).toBe(0);
  });
});

describe('CappedFine', () => {
  const capped = new CappedFine(new FlatRateFine(Money.of(25, 'USD')), Money.of(1000, 'USD'), true);

  describe('.overdueFine', () => {
    it('should not cap a fine under both caps', () => {
      expect(capped.overdueFine(late(10, Money.of(5000, 'USD'))).amount).toBe(250);
    });

    it('should stop at the per-item maximum (seed 001: $10)', () => {
      expect(capped.overdueFine(late(100, Money.of(5000, 'USD'))).amount).toBe(1000);
    });

    it('should stop at the replacement price when that is lower', () => {
      expect(capped.overdueFine(late(100, Money.of(700, 'USD'))).amount).toBe(700);
    });
  });
});

const inr = (amount: number) => Money.of(amount, 'INR');
const daysAfterDue = (days: number) => ({ dueAt: DUE, returnedAt: new Date(DUE.getTime() + days * 86_400_000), replacementPrice: null });

describe('FineStrategy', () => {
  describe('.overdueFine with lateDays counted by the caller', () => {
    describe('when the lateness fits in dates', () => {
      it.each<[string, FineStrategy]>([
        ['flat ₹20/day', new FlatRateFine(inr(2_000))],
        ['2 grace days, then ₹3/day', new GraceDaysFine(2, inr(300))],
        ['never fined', new NoFine('INR')],
        ['flat, capped at ₹50', new CappedFine(new FlatRateFine(inr(2_000)), inr(5_000), false)],
      ])('should price %s exactly as overdueFine does', (_name, strategy) => {
        for (const days of [0, 1, 2, 3, 6, 40]) expect(strategy.overdueFine({ ...daysAfterDue(0), lateDays: days })).toEqual(strategy.overdueFine(daysAfterDue(days)));
      });
    });

    describe('when the lateness is a billion days, beyond any Date', () => {
      it('should stay exact in integer paise', () => {
        const desk: FineStrategy = new FlatRateFine(inr(2_000));
        expect(desk.overdueFine({ ...daysAfterDue(0), lateDays: 999_999_986 }).amount).toBe(1_999_999_972_000);
      });
    });

    describe('when capped at the replacement price', () => {
      it('should never charge more than the copy is worth', () => {
        expect(new CappedFine(new FlatRateFine(inr(25)), null, true).overdueFine({ ...daysAfterDue(0), replacementPrice: inr(2_500), lateDays: 1_000 }).amount).toBe(2_500);
      });
    });
  });
});
