import { daysLate } from '../shared/Clock.js';
import { Money } from '../shared/Money.js';

/** What a strategy needs to price a late return. Computed at return time, never at checkout (seed 002). */
export interface LateReturn {
  readonly dueAt: Date;
  readonly returnedAt: Date;
  readonly replacementPrice: Money | null;
}

/** Prices an overdue return. One class per rule; the member type's policy picks the instance. */
export interface FineStrategy {
  readonly description: string;
  overdueFine(late: LateReturn): Money;
  /** The same price for a lateness already counted in whole days (callers whose calendar is integer days). */
  fineForDaysLate(daysLate: number, replacementPrice: Money | null): Money;
}

/** Every late day costs the same (seed 003 public: ₹5/day; seed 001/002: $0.25/day; seed 004: ₹20/day). */
export class FlatRateFine implements FineStrategy {
  constructor(private readonly perDay: Money) {}
  get description(): string {
    return `${this.perDay.toString()} per late day`;
  }
  overdueFine(late: LateReturn): Money {
    return this.fineForDaysLate(daysLate(late.dueAt, late.returnedAt));
  }
  fineForDaysLate(days: number): Money {
    return this.perDay.times(days);
  }
}

/** The first `graceDays` late days are free, then a daily rate (seed 003 students: 2 days, then ₹3/day). */
export class GraceDaysFine implements FineStrategy {
  constructor(
    private readonly graceDays: number,
    private readonly perDay: Money,
  ) {}
  get description(): string {
    return `${this.graceDays} grace days, then ${this.perDay.toString()} per late day`;
  }
  overdueFine(late: LateReturn): Money {
    return this.fineForDaysLate(daysLate(late.dueAt, late.returnedAt));
  }
  fineForDaysLate(days: number): Money {
    return this.perDay.times(Math.max(0, days - this.graceDays));
  }
}

/** Never charged (seed 003 faculty). */
export class NoFine implements FineStrategy {
  constructor(private readonly currency: string) {}
  readonly description = 'never fined';
  overdueFine(): Money {
    return Money.zero(this.currency);
  }
  fineForDaysLate(): Money {
    return Money.zero(this.currency);
  }
}

/** Caps another strategy per item: at a fixed maximum, at the copy's replacement price, or the lower of both. */
export class CappedFine implements FineStrategy {
  constructor(
    private readonly inner: FineStrategy,
    private readonly maxPerItem: Money | null,
    private readonly capAtReplacementPrice: boolean,
  ) {}
  get description(): string {
    const caps = [
      ...(this.maxPerItem ? [`at most ${this.maxPerItem.toString()}`] : []),
      ...(this.capAtReplacementPrice ? ['never above the replacement price'] : []),
    ];
    return `${this.inner.description}, ${caps.join(' and ')}`;
  }
  overdueFine(late: LateReturn): Money {
    return this.capped(this.inner.overdueFine(late), late.replacementPrice);
  }
  fineForDaysLate(days: number, replacementPrice: Money | null): Money {
    return this.capped(this.inner.fineForDaysLate(days, replacementPrice), replacementPrice);
  }
  private capped(fine: Money, replacementPrice: Money | null): Money {
    const caps = [this.maxPerItem, this.capAtReplacementPrice ? replacementPrice : null].filter((m): m is Money => m !== null);
    return caps.reduce((lowest, cap) => lowest.min(cap), fine);
  }
}
