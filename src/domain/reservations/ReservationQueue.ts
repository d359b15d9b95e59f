import { AggregateRoot } from '../shared/AggregateRoot.js';
import { Reservation, type HoldChoices, type HoldMedium, type ReservationPrimitives } from './Reservation.js';
import { ReservationError } from './ReservationError.js';

export interface ReservationQueuePrimitives {
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly nextSequence: number;
  readonly reservations: readonly ReservationPrimitives[];
}

/**
 * The FIFO queue of holds on one title (per ISBN, not per copy: any copy satisfies it).
 * The aggregate boundary is the title, so two members joining at once get distinct, ordered places.
 */
export class ReservationQueue extends AggregateRoot {
  private constructor(
    readonly isbn: string,
    private nextSequence: number,
    private readonly reservations: Reservation[],
    version: number,
  ) {
    super(version);
  }

  static empty(isbn: string): ReservationQueue {
    return new ReservationQueue(isbn, 1, [], 0);
  }

  static fromPrimitives(p: ReservationQueuePrimitives, version: number): ReservationQueue {
    return new ReservationQueue(p.isbn, p.nextSequence, p.reservations.map((r) => Reservation.fromPrimitives(r)), version);
  }

  /** Joins the back of the queue; returns the 1-based position among those waiting. */
  place(reservationId: string, memberId: string, now: Date, choices: HoldChoices = {}): number {
    const existing = this.activeFor(memberId);
    if (existing) {
      throw new ReservationError('ALREADY_RESERVED', `member ${memberId} already has an active reservation for ${this.isbn}`, {
        memberId,
        isbn: this.isbn,
        reservationId: existing.id,
      });
    }
    const reservation = Reservation.place({ id: reservationId, isbn: this.isbn, memberId, sequence: this.nextSequence, ...choices }, now);
    this.nextSequence += 1;
    this.reservations.push(reservation);
    const position = this.positionOf(memberId) ?? 0;
    this.record({ name: 'reservation.placed', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId, position });
    return position;
  }

  /** The longest-waiting member (who accepts `medium`, when given), or null when nobody waits. */
  nextWaiting(medium?: HoldMedium): Reservation | null {
    return this.waiting(medium)[0] ?? null;
  }

  hasWaiting(medium?: HoldMedium): boolean {
    return this.waiting(medium).length > 0;
  }

  /** WAITING reservations that `medium` could satisfy, in arrival order. */
  waitingFor(medium: HoldMedium): readonly Reservation[] {
    return this.waiting(medium);
  }

  waitingCount(): number {
    return this.waiting().length;
  }

  /** 1-based place among WAITING reservations; null when the member is not waiting. */
  positionOf(memberId: string): number | null {
    const index = this.waiting().findIndex((r) => r.memberId === memberId);
    return index < 0 ? null : index + 1;
  }

  activeFor(memberId: string): Reservation | undefined {
    return this.reservations.find((r) => r.memberId === memberId && r.isActive);
  }

  get(reservationId: string): Reservation {
    const found = this.reservations.find((r) => r.id === reservationId);
    if (!found) {
      throw new ReservationError('RESERVATION_NOT_FOUND', `no reservation ${reservationId} for ${this.isbn}`, { reservationId });
    }
    return found;
  }

  active(): readonly Reservation[] {
    return this.reservations.filter((r) => r.isActive).sort((a, b) => a.sequence - b.sequence);
  }

  markReady(reservationId: string, barcode: string, expiresAt: Date | null, now: Date): void {
    const r = this.get(reservationId);
    r.makeReady(barcode, expiresAt);
    this.record({
      name: 'reservation.ready-for-pickup',
      occurredAt: now.toISOString(),
      reservationId,
      isbn: this.isbn,
      memberId: r.memberId,
      barcode,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
  }

  fulfil(reservationId: string, barcode: string, now: Date): void {
    const r = this.get(reservationId);
    r.fulfil(barcode, now);
    this.record({ name: 'reservation.fulfilled', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, barcode });
  }

  /** Cancels; returns the copy that was held for it, if it was ready, so the caller can pass the copy on. */
  cancel(reservationId: string, now: Date): string | null {
    const r = this.get(reservationId);
    const heldBarcode = r.status === 'READY_FOR_PICKUP' ? r.barcode : null;
    r.cancel(now);
    this.record({ name: 'reservation.cancelled', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId });
    return heldBarcode;
  }

  expire(reservationId: string, now: Date): void {
    const r = this.get(reservationId);
    const barcode = r.barcode ?? '';
    r.expire(now);
    this.record({ name: 'reservation.expired', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, barcode });
  }

  /** The branch closed over the pickup deadline: the member gets until `expiresAt` instead. */
  extendPickup(reservationId: string, expiresAt: Date, reason: string, now: Date): void {
    const r = this.get(reservationId);
    const previous = r.expiresAt;
    if (previous === null || previous.getTime() >= expiresAt.getTime()) return;
    r.extendPickup(expiresAt);
    this.record({
      name: 'reservation.pickup-extended',
      occurredAt: now.toISOString(),
      reservationId,
      isbn: this.isbn,
      memberId: r.memberId,
      previousExpiresAt: previous.toISOString(),
      expiresAt: expiresAt.toISOString(),
      reason,
    });
  }

  /** A license of digital copy `copyId` is set aside for the reservation until the claim window closes. */
  offerLicense(reservationId: string, copyId: string, expiresAt: Date, now: Date): void {
    const r = this.get(reservationId);
    r.offerLicense(copyId, expiresAt);
    this.record({
      name: 'reservation.license-offered',
      occurredAt: now.toISOString(),
      reservationId,
      isbn: this.isbn,
      memberId: r.memberId,
      copyId,
      expiresAt: expiresAt.toISOString(),
    });
  }

  claimLicense(reservationId: string, copyId: string, now: Date): void {
    const r = this.get(reservationId);
    r.claimLicense(copyId, now);
    this.record({ name: 'reservation.license-claimed', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, copyId });
  }

  /** The claim window closed unused: the reservation ends, and the license goes to the next in line. */
  lapseClaim(reservationId: string, now: Date): void {
    const r = this.get(reservationId);
    const copyId = r.copyId ?? '';
    r.expire(now);
    this.record({ name: 'reservation.claim-expired', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, copyId });
  }

  /** Copy `barcode` is sent to the member's pickup branch; the hold is filled there when it arrives (`markReady`). */
  route(reservationId: string, barcode: string, now: Date): void {
    const r = this.get(reservationId);
    r.route(barcode);
    const pickupBranch = r.pickupBranch ?? '';
    this.record({ name: 'reservation.in-transit', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, barcode, pickupBranch });
  }

  /** Paused until `until` (null: until resumed): skipped by allocation, keeping its place by arrival order. */
  suspend(reservationId: string, until: Date | null, now: Date): void {
    const r = this.get(reservationId);
    r.suspend(until);
    this.record({ name: 'reservation.suspended', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, until: until?.toISOString() ?? null });
  }

  resume(reservationId: string, now: Date): void {
    const r = this.get(reservationId);
    r.resume();
    this.record({ name: 'reservation.resumed', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId });
  }

  /** The member's "not needed after" instant passed while the hold was still unfilled. */
  lapse(reservationId: string, now: Date): void {
    const r = this.get(reservationId);
    const notNeededAfter = r.notNeededAfter?.toISOString() ?? now.toISOString();
    r.lapse(now);
    this.record({ name: 'reservation.lapsed', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId, notNeededAfter });
  }

  /** The copy held for it vanished (lost): the member keeps their place by arrival order. */
  requeue(reservationId: string, now: Date): void {
    const r = this.get(reservationId);
    r.requeue();
    this.record({ name: 'reservation.requeued', occurredAt: now.toISOString(), reservationId, isbn: this.isbn, memberId: r.memberId });
  }

  toPrimitives(): ReservationQueuePrimitives {
    return { isbn: this.isbn, nextSequence: this.nextSequence, reservations: this.reservations.map((r) => r.toPrimitives()) };
  }

  private waiting(medium?: HoldMedium): Reservation[] {
    return this.reservations
      .filter((r) => r.status === 'WAITING' && (medium === undefined || r.accepts(medium)))
      .sort((a, b) => a.sequence - b.sequence);
  }
}
