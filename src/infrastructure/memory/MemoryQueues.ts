import type { ReservationQueueRepository } from '../../application/ports/Store.js';
import { ACTIVE_RESERVATION_STATUSES, Reservation, type ReservationPrimitives } from '../../domain/reservations/Reservation.js';
import { ReservationQueue, type ReservationQueuePrimitives } from '../../domain/reservations/ReservationQueue.js';
import { sortBy } from './MemoryTable.js';

const isActive = (r: ReservationPrimitives): boolean => ACTIVE_RESERVATION_STATUSES.includes(r.status);

/** The part of a queue its row holds, and what a queue read gives: the next sequence number and the active reservations. */
export function activePart(p: ReservationQueuePrimitives): ReservationQueuePrimitives {
  return { ...p, reservations: p.reservations.filter(isActive) };
}

/**
 * The closed (fulfilled, cancelled, expired) reservations of every title, kept beside the queues' rows, which hold only
 * the active ones: a queue read costs what is waiting and ready, never the title's whole past.
 */
export class ReservationHistory {
  /** Closed reservations by id, and the title of each. */
  private readonly closed = new Map<string, ReservationPrimitives>();

  begin(): TxReservationHistory {
    return new TxReservationHistory(this.closed);
  }
}

export class TxReservationHistory {
  private readonly pending = new Map<string, ReservationPrimitives>();

  constructor(private readonly committed: Map<string, ReservationPrimitives>) {}

  /** Takes the closed reservations of a queue being saved. */
  record(p: ReservationQueuePrimitives): void {
    for (const r of p.reservations) if (!isActive(r)) this.pending.set(r.id, structuredClone(r));
  }

  closed(reservationId: string): ReservationPrimitives | null {
    const found = this.pending.get(reservationId) ?? this.committed.get(reservationId);
    return found ? structuredClone(found) : null;
  }

  /** Nothing to check: the queue's row, saved in the same transaction, carries the version. */
  checkAll(): void {}

  applyAll(): void {
    for (const [id, r] of this.pending) this.committed.set(id, r);
  }
}

/** The queue rows of one transaction, as `TxTable` gives them. */
interface QueueRows {
  get(isbn: string): ReservationQueue | null;
  save(queue: ReservationQueue): Promise<void>;
  query(indexName: string, key: string, keysOf: (p: ReservationQueuePrimitives) => readonly string[]): ReservationQueue[];
}

export const queueIndexes = {
  reservation: (q: ReservationQueuePrimitives) => q.reservations.map((r) => r.id),
  activeMember: (q: ReservationQueuePrimitives) => q.reservations.filter(isActive).map((r) => r.memberId),
  /** Queues with a reservation that a sweep may wake or lapse. */
  timed: (q: ReservationQueuePrimitives) => (q.reservations.some((r) => r.notNeededAfter != null || r.suspendedUntil != null) ? ['TIMED'] : []),
};

/** The in-memory queues: a read gives the active reservations (and the one asked for); closed ones live in the history. */
export function memoryQueues(rows: QueueRows, history: TxReservationHistory, isbnOfCopy: (barcode: string) => string | null): ReservationQueueRepository {
  const forTitle = (isbn: string, reservationId?: string): ReservationQueue => {
    const queue = rows.get(isbn);
    if (!queue) return ReservationQueue.empty(isbn);
    const closed = reservationId === undefined ? null : history.closed(reservationId);
    if (closed?.isbn !== isbn) return queue;
    const p = queue.toPrimitives();
    return ReservationQueue.fromPrimitives({ ...p, reservations: sortBy([...p.reservations, closed], (r) => String(r.sequence).padStart(12, '0')) }, queue.version);
  };
  const timed = (): Reservation[] => sortBy(rows.query('timed', 'TIMED', queueIndexes.timed).flatMap((q) => q.active()), (r) => r.id);
  return {
    forTitle: (isbn, reservationId) => Promise.resolve(forTitle(isbn, reservationId)),
    forTitles: (isbns) => Promise.resolve(isbns.map((isbn) => forTitle(isbn))),
    forTitleOfCopy: (barcode) => {
      const isbn = isbnOfCopy(barcode);
      return Promise.resolve(isbn === null ? null : forTitle(isbn));
    },
    isbnOf: (reservationId) => Promise.resolve(rows.query('reservation', reservationId, queueIndexes.reservation)[0]?.isbn ?? history.closed(reservationId)?.isbn ?? null),
    activeForMember: (memberId) =>
      Promise.resolve(
        sortBy(rows.query('activeMember', memberId, queueIndexes.activeMember), (q) => q.isbn).flatMap((q) => q.active().filter((r: Reservation) => r.memberId === memberId)),
      ),
    listLapsing: (now) => Promise.resolve(timed().filter((r) => r.isLapsedAt(now))),
    listDueToResume: (now) => Promise.resolve(timed().filter((r) => r.isDueToResume(now))),
    save: (queue) => {
      history.record(queue.toPrimitives());
      return rows.save(queue);
    },
  };
}
