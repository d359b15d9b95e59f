import { IllegalTransitionError } from '../lending/LendingError.js';

export type ReservationStatus = 'WAITING' | 'SUSPENDED' | 'IN_TRANSIT' | 'READY_FOR_PICKUP' | 'FULFILLED' | 'EXPIRED' | 'CANCELLED' | 'LAPSED';
export type ReservationCommand = 'makeReady' | 'fulfil' | 'cancel' | 'expire' | 'requeue' | 'route' | 'suspend' | 'resume' | 'lapse';

/**
 * A hold's life as data. WAITING, SUSPENDED, IN_TRANSIT and READY_FOR_PICKUP are the active states; only a WAITING
 * hold is offered a copy or a license (a SUSPENDED one keeps its place by arrival order, skipped), and only an unfilled
 * one (WAITING or SUSPENDED) lapses at its "not needed after" instant.
 */
export const RESERVATION_TRANSITIONS = {
  WAITING: {
    makeReady: 'READY_FOR_PICKUP',
    route: 'IN_TRANSIT',
    fulfil: 'FULFILLED',
    cancel: 'CANCELLED',
    suspend: 'SUSPENDED',
    lapse: 'LAPSED',
  },
  SUSPENDED: { resume: 'WAITING', fulfil: 'FULFILLED', cancel: 'CANCELLED', lapse: 'LAPSED' },
  IN_TRANSIT: { makeReady: 'READY_FOR_PICKUP', fulfil: 'FULFILLED', cancel: 'CANCELLED', requeue: 'WAITING' },
  READY_FOR_PICKUP: { fulfil: 'FULFILLED', cancel: 'CANCELLED', expire: 'EXPIRED', requeue: 'WAITING' },
  FULFILLED: {},
  EXPIRED: {},
  CANCELLED: {},
  LAPSED: {},
} as const satisfies Record<ReservationStatus, Partial<Record<ReservationCommand, ReservationStatus>>>;

/** The states in which a reservation still counts: the member waits (or paused), a copy travels to them, or one waits for them. */
export const ACTIVE_RESERVATION_STATUSES: readonly ReservationStatus[] = ['WAITING', 'SUSPENDED', 'IN_TRANSIT', 'READY_FOR_PICKUP'];

/** The unfilled states: nothing is set aside for the member yet, so the hold may lapse at its "not needed after" instant. */
export const UNFILLED_RESERVATION_STATUSES: readonly ReservationStatus[] = ['WAITING', 'SUSPENDED'];

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
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
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
  /** The branch whose hold shelf the member collects from (absent: wherever the copy is). */
  readonly pickupBranch?: string | null;
  /** The member's "not needed after" instant: the unfilled hold lapses then (absent: never). */
  readonly notNeededAfter?: string | null;
  /** While SUSPENDED: the instant it wakes by itself, or null until the member resumes it. */
  readonly suspendedUntil?: string | null;
}

/** What a member may choose when placing a hold, beyond the title. */
export interface HoldChoices {
  readonly format?: HoldFormat;
  readonly pickupBranch?: string | null;
  readonly notNeededAfter?: Date | null;
}

/** Among one member's reservations, the active one for the title (a member has at most one), or null. */
export function activeReservationFor(reservations: readonly Reservation[], isbn: string): Reservation | null {
  return reservations.find((r) => r.isActive && r.isbn === isbn) ?? null;
}

/** One member's request for any copy of a title. Lives inside its title's ReservationQueue. */
export class Reservation {
  private constructor(private props: ReservationPrimitives) {}

  static place(input: { id: string; isbn: string; memberId: string; sequence: number } & HoldChoices, now: Date): Reservation {
    const { notNeededAfter, pickupBranch, ...rest } = input;
    return new Reservation({
      ...rest,
      format: input.format ?? 'PRINT',
      pickupBranch: pickupBranch ?? null,
      notNeededAfter: notNeededAfter?.toISOString() ?? null,
      suspendedUntil: null,
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
  get pickupBranch(): string | null {
    return this.props.pickupBranch ?? null;
  }
  get notNeededAfter(): Date | null {
    return this.props.notNeededAfter == null ? null : new Date(this.props.notNeededAfter);
  }
  get suspendedUntil(): Date | null {
    return this.props.suspendedUntil == null ? null : new Date(this.props.suspendedUntil);
  }
  /** Unfilled and past its "not needed after" instant at `now`. */
  isLapsedAt(now: Date): boolean {
    const after = this.notNeededAfter;
    return after !== null && after.getTime() <= now.getTime() && UNFILLED_RESERVATION_STATUSES.includes(this.props.status);
  }
  /** Suspended until an instant that has come at `now`. */
  isDueToResume(now: Date): boolean {
    const until = this.suspendedUntil;
    return this.props.status === 'SUSPENDED' && until !== null && until.getTime() <= now.getTime();
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

  /** Copy `barcode` travels to the member's pickup branch for this hold. */
  route(barcode: string): void {
    this.transition('route', { barcode });
  }

  suspend(until: Date | null): void {
    this.transition('suspend', { suspendedUntil: until?.toISOString() ?? null });
  }

  resume(): void {
    this.transition('resume', { suspendedUntil: null });
  }

  lapse(now: Date): void {
    this.transition('lapse', { closedAt: now.toISOString(), suspendedUntil: null });
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
