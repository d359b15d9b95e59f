import { IllegalTransitionError } from '../lending/LendingError.js';

export type ReservationStatus = 'WAITING' | 'READY_FOR_PICKUP' | 'FULFILLED' | 'EXPIRED' | 'CANCELLED';
export type ReservationCommand = 'makeReady' | 'fulfil' | 'cancel' | 'expire' | 'requeue';

/** A hold's life as data: WAITING and READY_FOR_PICKUP are the only active states. */
export const RESERVATION_TRANSITIONS = {
  WAITING: { makeReady: 'READY_FOR_PICKUP', fulfil: 'FULFILLED', cancel: 'CANCELLED' },
  READY_FOR_PICKUP: { fulfil: 'FULFILLED', cancel: 'CANCELLED', expire: 'EXPIRED', requeue: 'WAITING' },
  FULFILLED: {},
  EXPIRED: {},
  CANCELLED: {},
} as const satisfies Record<ReservationStatus, Partial<Record<ReservationCommand, ReservationStatus>>>;

/** The states in which a reservation still counts: the member waits, or a copy or license waits for the member. */
export const ACTIVE_RESERVATION_STATUSES: readonly ReservationStatus[] = ['WAITING', 'READY_FOR_PICKUP'];

/** Which world may satisfy a hold: a copy from a shelf, a digital license, or whichever comes first. */
export const HOLD_FORMATS = ['PRINT', 'DIGITAL', 'ANY'] as const;
export type HoldFormat = (typeof HOLD_FORMATS)[number];

/** The two worlds that can satisfy a hold. */
export type HoldMedium = 'PRINT' | 'DIGITAL';

const MEDIA_ACCEPTED: Record<HoldFormat, readonly HoldMedium[]> = {
  PRINT: ['PRINT'],
  DIGITAL: ['DIGITAL'],
  ANY: ['PRINT', 'DIGITAL'],
};

export interface ReservationPrimitives {
  readonly id: string;
  readonly isbn: string;
  readonly memberId: string;
  /** Arrival order within the title's queue; FIFO is by this number. */
  readonly sequence: number;
  readonly status: ReservationStatus;
  readonly placedAt: string;
  readonly barcode: string | null;
  readonly expiresAt: string | null;
  readonly closedAt: string | null;
  /** The member's preference; absent on rows written before digital lending, which means PRINT. */
  readonly format?: HoldFormat;
  /** The digital copy whose license was offered to (or claimed by) this reservation. */
  readonly copyId?: string | null;
}

/** Among one member's reservations, the active one for the title (a member has at most one), or null. */
export function activeReservationFor(reservations: readonly Reservation[], isbn: string): Reservation | null {
  return reservations.find((r) => r.isActive && r.isbn === isbn) ?? null;
}

/** One member's request for any copy of a title. Lives inside its title's ReservationQueue. */
export class Reservation {
  private constructor(private props: ReservationPrimitives) {}

  static place(input: { id: string; isbn: string; memberId: string; sequence: number; format?: HoldFormat }, now: Date): Reservation {
    return new Reservation({
      ...input,
      format: input.format ?? 'PRINT',
      status: 'WAITING',
      placedAt: now.toISOString(),
      barcode: null,
      expiresAt: null,
      closedAt: null,
    });
  }

  static fromPrimitives(p: ReservationPrimitives): Reservation {
    return new Reservation({ ...p });
  }

  get id(): string {
    return this.props.id;
  }
  get memberId(): string {
    return this.props.memberId;
  }
  /** The title reserved: any copy of it satisfies the hold. */
  get isbn(): string {
    return this.props.isbn;
  }
  get status(): ReservationStatus {
    return this.props.status;
  }
  get sequence(): number {
    return this.props.sequence;
  }
  get barcode(): string | null {
    return this.props.barcode;
  }
  get format(): HoldFormat {
    return this.props.format ?? 'PRINT';
  }
  /** The digital copy holding a license for this reservation, once one was offered. */
  get copyId(): string | null {
    return this.props.copyId ?? null;
  }
  get expiresAt(): Date | null {
    return this.props.expiresAt === null ? null : new Date(this.props.expiresAt);
  }
  get isActive(): boolean {
    return ACTIVE_RESERVATION_STATUSES.includes(this.props.status);
  }

  /** True when a copy or license from `medium` may satisfy this hold. */
  accepts(medium: HoldMedium): boolean {
    return MEDIA_ACCEPTED[this.format].includes(medium);
  }

  can(command: ReservationCommand): boolean {
    const row: Partial<Record<ReservationCommand, ReservationStatus>> = RESERVATION_TRANSITIONS[this.props.status];
    return row[command] !== undefined;
  }

  makeReady(barcode: string, expiresAt: Date | null): void {
    this.transition('makeReady', { barcode, expiresAt: expiresAt?.toISOString() ?? null });
  }

  /** A license of digital copy `copyId` waits for the member until `expiresAt` (the claim window). */
  offerLicense(copyId: string, expiresAt: Date): void {
    this.transition('makeReady', { copyId, expiresAt: expiresAt.toISOString() });
  }

  claimLicense(copyId: string, now: Date): void {
    this.transition('fulfil', { copyId, closedAt: now.toISOString() });
  }

  fulfil(barcode: string, now: Date): void {
    this.transition('fulfil', { barcode, closedAt: now.toISOString() });
  }

  cancel(now: Date): void {
    this.transition('cancel', { closedAt: now.toISOString() });
  }

  expire(now: Date): void {
    this.transition('expire', { closedAt: now.toISOString() });
  }

  /** Moves a later pickup deadline in (emergency closure); only while ready for pickup. */
  extendPickup(expiresAt: Date): void {
    if (this.props.status !== 'READY_FOR_PICKUP') throw new IllegalTransitionError('Reservation', this.props.status, 'extendPickup');
    this.props = { ...this.props, expiresAt: expiresAt.toISOString() };
  }

  requeue(): void {
    this.transition('requeue', { barcode: null, expiresAt: null });
  }

  toPrimitives(): ReservationPrimitives {
    return { ...this.props };
  }

  private transition(command: ReservationCommand, changes: Partial<ReservationPrimitives>): void {
    const row: Partial<Record<ReservationCommand, ReservationStatus>> = RESERVATION_TRANSITIONS[this.props.status];
    const next = row[command];
    if (next === undefined) throw new IllegalTransitionError('Reservation', this.props.status, command);
    this.props = { ...this.props, ...changes, status: next };
  }
}
