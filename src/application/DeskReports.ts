import { inject, injectable } from 'inversify';
import { BookItem, type BookItemPrimitives } from '../domain/catalog/BookItem.js';
import { Loan } from '../domain/lending/Loan.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import { daysLate, type Clock } from '../domain/shared/Clock.js';
import { requireId, requirePositiveInteger } from '../domain/shared/guards.js';
import type { MoneyPrimitives } from '../domain/shared/Money.js';
import type { ActivityBucket, ActivityCount, HoldCounts } from './ports/Reports.js';
import type { Store } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { loanView, type LoanView } from './views.js';

/** The most rows one list answer carries. */
export const MAX_LIST_LIMIT = 500;

export interface OverdueLoanView extends LoanView {
  /** Days past due, a started day counting (the same count a return charges). */
  readonly daysOverdue: number;
}

export interface OverdueList {
  /** Every overdue loan, however many the list shows. */
  readonly count: number;
  readonly loans: readonly OverdueLoanView[];
}

export interface HoldShelfEntry {
  readonly barcode: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly memberId: string;
  readonly reservationId: string;
  readonly expiresAt: string | null;
  /** The pickup deadline has passed: clear the copy from the shelf (the expiry sweep passes it on). */
  readonly expired: boolean;
}

/** One bucket of a day or a month, empty ones included, so a chart has every hour or day. */
export type ActivityPoint = ActivityCount;

export interface CirculationStatistics {
  /** The instant the figures were read at (the library clock). */
  readonly at: string;
  /** Days and hours are UTC. */
  readonly timeZone: 'UTC';
  readonly today: { readonly date: string; readonly hours: readonly ActivityPoint[] };
  readonly month: { readonly month: string; readonly days: readonly ActivityPoint[] };
  readonly overdueLoans: number;
  readonly holds: HoldCounts;
  readonly finesCollected: { readonly today: MoneyPrimitives; readonly month: MoneyPrimitives };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Every bucket start from `from` (inclusive) to `to` (exclusive), with the counted ones filled in. */
function everyBucket(from: Date, to: Date, step: number, counted: readonly ActivityCount[]): ActivityPoint[] {
  const byStart = new Map(counted.map((c) => [c.start, c]));
  const points: ActivityPoint[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += step) {
    const start = new Date(t).toISOString();
    points.push(byStart.get(start) ?? { start, checkouts: 0, returns: 0 });
  }
  return points;
}

/**
 * What the circulation desk lists and charts: overdue loans, a branch's hold shelf, and the day's and month's
 * activity. Read from the store's reports (indexed, outside transactions) at the library clock.
 */
@injectable()
export class DeskReports {
  constructor(
    @inject(TOKENS.Store) private readonly store: Store,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
  ) {}

  async overdue(options: { readonly limit?: number } = {}): Promise<OverdueList> {
    const limit = Math.min(requirePositiveInteger(options.limit ?? 100, 'limit'), MAX_LIST_LIMIT);
    const now = this.clock.now();
    const { count, loans } = await this.store.reports.overdue(now, limit);
    return {
      count,
      loans: loans.map((p) => ({ ...loanView(Loan.fromPrimitives(p, 1)), daysOverdue: daysLate(new Date(p.dueAt), now) })),
    };
  }

  async holdShelf(options: { readonly branch?: string } = {}): Promise<readonly HoldShelfEntry[]> {
    const branch = options.branch === undefined ? null : requireId(options.branch, 'branch');
    const now = this.clock.now();
    const copies = await this.store.reports.holdShelf(branch);
    return copies.flatMap((c) => this.shelfEntry(c, now));
  }

  async statistics(): Promise<CirculationStatistics> {
    const now = this.clock.now();
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const nextDay = new Date(day.getTime() + DAY_MS);
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const reports = this.store.reports;
    const activity = (from: Date, to: Date, bucket: ActivityBucket) => reports.activity(from, to, bucket);
    const [hours, days, overdue, holds, paidToday, paidMonth] = await Promise.all([
      activity(day, nextDay, 'hour'),
      activity(month, nextMonth, 'day'),
      reports.overdue(now, 1),
      reports.holdCounts(),
      reports.paymentsTaken(day, nextDay),
      reports.paymentsTaken(month, nextMonth),
    ]);
    const money = (amount: number): MoneyPrimitives => ({ amount, currency: this.policy.currency });
    return {
      at: now.toISOString(),
      timeZone: 'UTC',
      today: { date: day.toISOString().slice(0, 10), hours: everyBucket(day, nextDay, HOUR_MS, hours) },
      month: { month: month.toISOString().slice(0, 7), days: everyBucket(month, nextMonth, DAY_MS, days) },
      overdueLoans: overdue.count,
      holds,
      finesCollected: { today: money(paidToday), month: money(paidMonth) },
    };
  }

  private shelfEntry(copy: BookItemPrimitives, now: Date): HoldShelfEntry[] {
    const hold = copy.hold;
    if (hold === null) return [];
    return [
      {
        barcode: copy.barcode,
        isbn: copy.isbn,
        branch: copy.branch,
        rack: copy.rack,
        memberId: hold.memberId,
        reservationId: hold.reservationId,
        expiresAt: hold.expiresAt,
        expired: BookItem.fromPrimitives(copy, 1).isHoldExpired(now),
      },
    ];
  }
}
