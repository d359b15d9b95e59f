import type { HoldFormat, ReservationPrimitives, ReservationStatus } from '../../../domain/reservations/Reservation.js';
import type { ReservationQueuePrimitives } from '../../../domain/reservations/ReservationQueue.js';
import type { SqlRow } from '../SqlDriver.js';
import { type Columns, int, iso, isoOrNull, json, text, textOrNull } from './values.js';

/** Row ⇄ primitives for a title's queue: its root row (`reservation_queues`) and its child rows (`reservations`). */

export const reservationRow = {
  columns: (r: ReservationPrimitives): Columns => ({
    id: r.id,
    isbn: r.isbn,
    member_id: r.memberId,
    sequence: r.sequence,
    status: r.status,
    placed_at: r.placedAt,
    barcode: r.barcode,
    expires_at: r.expiresAt,
    closed_at: r.closedAt,
    format: r.format ?? 'PRINT',
    copy_id: r.copyId ?? null,
    pickup_branch: r.pickupBranch ?? null,
    not_needed_after: r.notNeededAfter ?? null,
    suspended_until: r.suspendedUntil ?? null,
  }),
  read: (r: SqlRow): ReservationPrimitives => ({
    id: text(r.id),
    isbn: text(r.isbn),
    memberId: text(r.member_id),
    sequence: int(r.sequence),
    // Rows written before digital lending hold no format: they were print holds.
    format: (textOrNull(r.format) ?? 'PRINT') as HoldFormat,
    status: r.status as ReservationStatus,
    placedAt: iso(r.placed_at),
    barcode: textOrNull(r.barcode),
    expiresAt: isoOrNull(r.expires_at),
    closedAt: isoOrNull(r.closed_at),
    ...(r.copy_id === null || r.copy_id === undefined ? {} : { copyId: text(r.copy_id) }),
    pickupBranch: textOrNull(r.pickup_branch),
    notNeededAfter: isoOrNull(r.not_needed_after ?? null),
    suspendedUntil: isoOrNull(r.suspended_until ?? null),
  }),
};

export const queueRow = {
  /** The queues of an import's or a delivery's new titles share one INSERT per batch. */
  shared: { jsonColumns: [] },
  read: (r: SqlRow): ReservationQueuePrimitives => ({
    isbn: text(r.isbn),
    nextSequence: int(r.next_sequence),
    reservations: (json(r.reservations) as SqlRow[]).map(reservationRow.read),
  }),
};
