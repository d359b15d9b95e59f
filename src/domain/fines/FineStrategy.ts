import { daysLate } from '../shared/Clock.js';
import { Money } from '../shared/Money.js';
import { requireNonNegativeInteger } from '../shared/guards.js';

/** What a strategy needs to price a late return. Computed at return time, never at checkout. */
export interface LateReturn {
  readonly dueAt: Date;
  readonly returnedAt: Date;
  readonly replacementPrice: Money | null;
  /** Late days as the rule's calendar counts them (closed days may be skipped); default: every started day. */
  readonly lateDays?: number;
}

/** The late days a strategy charges for. */
export function lateDaysOf(late: LateReturn): number {
  return late.lateDays ?? daysLate(late.dueAt, late.returnedAt);
}

/** Prices an overdue return. One class per rule; the member type's policy picks the instance. */
export interface FineStrategy {
  readonly description: string;
  overdueFine(late: LateReturn): Money;
}

/** Every late day costs the same (college public readers: ₹5/day; city and network: $0.25/day; desk: ₹20/day). */
export class FlatRateFine implements FineStrategy {
  constructor(private readonly perDay: Money) {}
  get description(): string {
    return `${this.perDay.toString()} per late day`;
  }
  overdueFine(late: LateReturn): Money {
    return this.perDay.times(lateDaysOf(late));
  }
}

export type GraceCountFrom = 'DUE_DATE' | 'END_OF_GRACE';

/**
 * A grace period around another strategy: returned within `days` late days, nothing is owed; past it, the fine
 * counts either from the due date (every late day) or from the end of grace (the grace days stay free).
 */
export class GracePeriodFine implements FineStrategy {
  constructor(
    private readonly inner: FineStrategy,
    private readonly days: number,
    private readonly countFrom: GraceCountFrom,
  ) {
    requireNonNegativeInteger(days, 'days');
  }
  get description(): string {
    const from = this.countFrom === 'DUE_DATE' ? 'counted from the due date' : 'counted from the end of grace';
    return `no fine within ${this.days} grace days; after that ${this.inner.description}, ${from}`;
  }
  overdueFine(late: LateReturn): Money {
    const days = lateDaysOf(late);
    if (days <= this.days) return this.inner.overdueFine({ ...late, lateDays: 0 });
    return this.inner.overdueFine({ ...late, lateDays: this.countFrom === 'DUE_DATE' ? days : days - this.days });
  }
}

/**
 * The first `graceDays` late days are free, then a daily rate (college students: 2 days, then ₹3/day): a flat
 * rate inside the one grace period strategy, counted from the end of grace, under its own name and words.
 */
export class GraceDaysFine extends GracePeriodFine {
  constructor(
    private readonly graceDays: number,
    private readonly perDay: Money,
  ) {
    super(new FlatRateFine(perDay), graceDays, 'END_OF_GRACE');
  }
  override get description(): string {
    return `${this.graceDays} grace days, then ${this.perDay.toString()} per late day`;
  }
}

/** Never charged (college faculty). */
export class NoFine implements FineStrategy {
  constructor(private readonly currency: string) {
    Money.zero(currency); // refuses a currency that is not a 3-letter ISO code
  }
  readonly description = 'never fined';
  overdueFine(): Money {
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
    const caps = [this.maxPerItem, this.capAtReplacementPrice ? late.replacementPrice : null].filter((m): m is Money => m !== null);
    return caps.reduce((fine, cap) => fine.min(cap), this.inner.overdueFine(late));
  }
}
