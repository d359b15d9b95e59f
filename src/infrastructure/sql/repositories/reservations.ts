import type { ReservationQueueRepository } from '../../../application/ports/Store.js';
import { ACTIVE_RESERVATION_STATUSES, Reservation, UNFILLED_RESERVATION_STATUSES } from '../../../domain/reservations/Reservation.js';
import { ReservationQueue } from '../../../domain/reservations/ReservationQueue.js';
import { int, queueRow, reservationRow, text } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import { SENT, type VersionedRows } from '../VersionedRows.js';
import { C } from './bytewise.js';

/**
 * "Active" as a predicate on `reservations`, with the statuses written in as literals so that the planner can match
 * the partial index `reservations_active`, whose predicate is the same expression.
 */
const ACTIVE = `status IN (${ACTIVE_RESERVATION_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** The unfilled statuses, as literals for the partial index `reservations_not_needed_after`. */
const UNFILLED = UNFILLED_RESERVATION_STATUSES.map((s) => `'${s}'`).join(', ');

/** The member's active reservations, and the active reservations of a copy's title: constant texts (see StatementTexts). */
const ACTIVE_FOR_MEMBER = `SELECT * FROM reservations WHERE member_id = $1 AND status = ANY($2) ORDER BY isbn ${C}`;
const ACTIVE_FOR_TITLE_OF_COPY = `SELECT * FROM reservations WHERE isbn = (SELECT isbn FROM book_items WHERE barcode = $1) AND ${ACTIVE} ORDER BY sequence`;

/** A title's queue: its root row (`reservation_queues`, locked while the transaction uses it) and its `reservations`. */
export class SqlReservationQueues implements ReservationQueueRepository {
  /** Titles whose queue row this transaction holds locked. */
  private readonly locked = new Set<string>();

  constructor(
    private readonly sql: StatementPipeline,
    private readonly rows: VersionedRows,
  ) {}

  /**
   * The title's queue, its row locked with `FOR UPDATE` for the rest of the transaction: two returns of
   * the same title queue up here instead of both promoting the same member and one of them retrying.
   * The reservations are read by a second statement, after the lock is granted, so they are as fresh
   * as the row (at READ COMMITTED each statement sees what was committed before it started).
   */
  async forTitle(isbn: string, reservationId?: string): Promise<ReservationQueue> {
    const root = (await this.sql.read('SELECT isbn, next_sequence, version FROM reservation_queues WHERE isbn = $1 FOR UPDATE', [isbn])).rows[0];
    return root === undefined ? ReservationQueue.empty(isbn) : this.lockedQueue(root, reservationId ?? null);
  }

  /**
   * The titles' queues, locked and read as `forTitle` reads one, by two statements however many titles: the root rows
   * locked in key order (two batches locking some of the same queues wait for each other instead of deadlocking),
   * then the active reservations of those that have a row.
   */
  async forTitles(isbns: readonly string[]): Promise<ReservationQueue[]> {
    if (isbns.length === 0) return [];
    const roots = (await this.sql.read(`SELECT isbn, next_sequence, version FROM reservation_queues WHERE isbn = ANY($1::text[]) ORDER BY isbn ${C} FOR UPDATE`, [isbns])).rows;
    const reservations = new Map<string, SqlRow[]>(roots.map((root) => [text(root.isbn), []]));
    if (roots.length > 0) {
      const { rows } = await this.sql.read(`SELECT * FROM reservations WHERE isbn = ANY($1::text[]) AND ${ACTIVE} ORDER BY sequence`, [[...reservations.keys()]]);
      for (const row of rows) reservations.get(text(row.isbn))?.push(row);
    }
    const queues = new Map(roots.map((root) => [text(root.isbn), this.queueOf(root, reservations.get(text(root.isbn)) ?? [])]));
    return isbns.map((isbn) => queues.get(isbn) ?? ReservationQueue.empty(isbn));
  }

  /**
   * The queue of the copy's title, locked as `forTitle` locks it, found from the barcode in the same statement. Its
   * active reservations leave right behind the lock, in the same round trip: the server runs the two statements in
   * order, so the second starts once the lock is granted and sees what was committed before it, as `forTitle` does.
   * Every return reads them, so they come as one JSON column (StatementPipeline's `read`), not fourteen.
   */
  async forTitleOfCopy(barcode: string): Promise<ReservationQueue | null> {
    const [locked, active] = await Promise.all([
      this.sql.read(
        `SELECT i.isbn, q.next_sequence, q.version FROM book_items i
       LEFT JOIN LATERAL (SELECT next_sequence, version FROM reservation_queues WHERE isbn = i.isbn FOR UPDATE) q ON true
       WHERE i.barcode = $1`,
        [barcode],
      ),
      this.sql.read(ACTIVE_FOR_TITLE_OF_COPY, [barcode], true),
    ]);
    const root = locked.rows[0];
    if (root === undefined) return null;
    return root.version === null ? ReservationQueue.empty(text(root.isbn)) : this.queueOf(root, active.rows);
  }

  async isbnOf(reservationId: string): Promise<string | null> {
    return (await this.sql.read<{ isbn: string }>('SELECT isbn FROM reservations WHERE id = $1', [reservationId])).rows[0]?.isbn ?? null;
  }

  /** The member's waiting and ready reservations, in every title's queue (a member's holds are derived, never mirrored). */
  activeForMember(memberId: string): Promise<Reservation[]> {
    return this.sql.many(ACTIVE_FOR_MEMBER, [memberId, ACTIVE_RESERVATION_STATUSES], (r) =>
      Reservation.fromPrimitives(reservationRow.read(r)),
    );
  }

  listLapsing(now: Date): Promise<Reservation[]> {
    return this.sql.many(
      `SELECT * FROM reservations WHERE status IN (${UNFILLED}) AND not_needed_after <= $1 ORDER BY id ${C}`,
      [now.toISOString()],
      (r) => Reservation.fromPrimitives(reservationRow.read(r)),
    );
  }

  listDueToResume(now: Date): Promise<Reservation[]> {
    return this.sql.many(`SELECT * FROM reservations WHERE status = 'SUSPENDED' AND suspended_until <= $1 ORDER BY id ${C}`, [now.toISOString()], (r) =>
      Reservation.fromPrimitives(reservationRow.read(r)),
    );
  }

  save(queue: ReservationQueue): Promise<void> {
    const p = queue.toPrimitives();
    this.rows.writeRoot(queue, 'reservation_queues', 'isbn', p.isbn, { next_sequence: p.nextSequence }, queueRow.shared);
    for (const reservation of p.reservations) {
      this.rows.upsertChild('reservations', 'isbn', reservation.id, JSON.stringify(reservation), reservationRow.columns(reservation));
    }
    this.rows.collect(queue);
    return SENT;
  }

  /**
   * Locks the title's queue row (if it has one) before a digital copy of the title is written. Returns and
   * offers lock the queue and then write the pool; a borrow writes the pool and then may join the queue.
   * Taking the queue first on every path keeps one lock order (queue, then pool), so the two wait for each
   * other instead of deadlocking.
   */
  async lock(isbn: string): Promise<void> {
    if (this.locked.has(isbn)) return;
    const { rows } = await this.sql.read('SELECT 1 FROM reservation_queues WHERE isbn = $1 FOR UPDATE', [isbn]);
    if (rows.length > 0) this.locked.add(isbn);
  }

  /**
   * The rest of a queue whose root row this transaction has just locked: its active reservations (and the one asked
   * for), read after the lock. The closed ones are never read for a decision, so a title's past costs nothing here.
   */
  private async lockedQueue(root: SqlRow, reservationId: string | null): Promise<ReservationQueue> {
    const { rows } = await this.sql.read(
      `SELECT * FROM reservations WHERE isbn = $1 AND ${ACTIVE} UNION ALL SELECT * FROM reservations WHERE id = $2 AND isbn = $1 AND NOT ${ACTIVE} ORDER BY sequence`,
      [text(root.isbn), reservationId],
    );
    return this.queueOf(root, rows);
  }

  /** A locked queue from its root row and the reservations read after the lock. */
  private queueOf(root: SqlRow, reservations: readonly SqlRow[]): ReservationQueue {
    this.locked.add(text(root.isbn));
    const p = queueRow.read({ ...root, reservations });
    for (const reservation of p.reservations) this.rows.readChild('reservations', reservation.id, JSON.stringify(reservation));
    return ReservationQueue.fromPrimitives(p, int(root.version));
  }
}
