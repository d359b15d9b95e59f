import type { ActivityBucket, ActivityCount, HoldCounts, ReportStore } from '../../application/ports/Reports.js';
import type { BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import { Loan, type LoanPrimitives } from '../../domain/lending/Loan.js';
import type { PaymentPrimitives } from '../../domain/fines/FineLedger.js';
import type { ReservationPrimitives } from '../../domain/reservations/Reservation.js';

/** What the in-memory store lets its reports read: committed rows only. */
export interface MemoryReportSource {
  loans(): Iterable<LoanPrimitives>;
  openLoans(): Iterable<LoanPrimitives>;
  heldCopies(): Iterable<BookItemPrimitives>;
  activeReservations(): Iterable<ReservationPrimitives>;
  payments(): Iterable<PaymentPrimitives>;
}

/** The bucket's start as ISO-8601: the instant cut to the hour or the day (UTC). */
function bucketOf(instant: string, bucket: ActivityBucket): string {
  const t = new Date(instant);
  if (bucket === 'day') t.setUTCHours(0, 0, 0, 0);
  else t.setUTCMinutes(0, 0, 0);
  return t.toISOString();
}

const within = (instant: string | null, from: Date, to: Date): instant is string => {
  if (instant === null) return false;
  const t = Date.parse(instant);
  return t >= from.getTime() && t < to.getTime();
};

/** The reports of the in-memory store: scans of its committed rows (a memory library is small). */
export class MemoryReports implements ReportStore {
  constructor(private readonly source: MemoryReportSource) {}

  activity(from: Date, to: Date, bucket: ActivityBucket): Promise<ActivityCount[]> {
    const counts = new Map<string, { checkouts: number; returns: number }>();
    const count = (instant: string, kind: 'checkouts' | 'returns'): void => {
      const start = bucketOf(instant, bucket);
      const entry = counts.get(start) ?? { checkouts: 0, returns: 0 };
      entry[kind] += 1;
      counts.set(start, entry);
    };
    for (const loan of this.source.loans()) {
      if (within(loan.checkedOutAt, from, to)) count(loan.checkedOutAt, 'checkouts');
      if (within(loan.returnedAt, from, to)) count(loan.returnedAt, 'returns');
    }
    return Promise.resolve([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([start, c]) => ({ start, ...c })));
  }

  overdue(now: Date, limit: number): Promise<{ readonly count: number; readonly loans: readonly LoanPrimitives[] }> {
    const due = [...this.source.openLoans()]
      .filter((l) => Loan.fromPrimitives(l, 1).isOverdue(now))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
    return Promise.resolve({ count: due.length, loans: due.slice(0, limit) });
  }

  holdCounts(): Promise<HoldCounts> {
    let waiting = 0;
    let ready = 0;
    for (const r of this.source.activeReservations()) {
      if (r.status === 'WAITING') waiting += 1;
      else if (r.status === 'READY_FOR_PICKUP') ready += 1;
    }
    return Promise.resolve({ waiting, ready });
  }

  paymentsTaken(from: Date, to: Date): Promise<number> {
    let total = 0;
    for (const p of this.source.payments()) if (within(p.paidAt, from, to)) total += p.amount;
    return Promise.resolve(total);
  }

  holdShelf(branch: string | null): Promise<readonly BookItemPrimitives[]> {
    const deadline = (i: BookItemPrimitives): string => i.hold?.expiresAt ?? '9999';
    const held = [...this.source.heldCopies()].filter((i) => branch === null || (i.hold?.pickupBranch ?? i.branch) === branch);
    return Promise.resolve(held.sort((a, b) => deadline(a).localeCompare(deadline(b)) || a.barcode.localeCompare(b.barcode)));
  }
}
