/**
 * The copy's states as data: the transition table `BookItem` obeys, and the predicates the stores filter by
 * ("on the shelf", "in circulation", "may meet a hold"), so each rule has one home beside the table.
 */
export type BookItemStatus = 'AVAILABLE' | 'RESERVED' | 'LOANED' | 'LOST' | 'DAMAGED' | 'IN_REPAIR' | 'MISSING' | 'IN_TRANSIT';
export type BookItemCommand =
  | 'checkOut'
  | 'checkIn'
  | 'checkInDamaged'
  | 'holdFor'
  | 'releaseHold'
  | 'markLost'
  | 'markFound'
  | 'markDamaged'
  | 'sendToRepair'
  | 'returnFromRepair'
  | 'markMissing'
  | 'sendInTransit'
  | 'receive';

/** The copy's life as data: from each state, the commands it accepts and where they lead. */
export const BOOK_ITEM_TRANSITIONS = {
  AVAILABLE: {
    checkOut: 'LOANED',
    holdFor: 'RESERVED',
    markLost: 'LOST',
    markDamaged: 'DAMAGED',
    sendToRepair: 'IN_REPAIR',
    markMissing: 'MISSING',
    sendInTransit: 'IN_TRANSIT',
  },
  RESERVED: { checkOut: 'LOANED', releaseHold: 'AVAILABLE', markLost: 'LOST', markMissing: 'MISSING' },
  LOANED: { checkIn: 'AVAILABLE', checkInDamaged: 'DAMAGED', markLost: 'LOST' },
  LOST: { markFound: 'AVAILABLE' },
  DAMAGED: { sendToRepair: 'IN_REPAIR', markLost: 'LOST' },
  IN_REPAIR: { returnFromRepair: 'AVAILABLE', markLost: 'LOST' },
  MISSING: { markFound: 'AVAILABLE', markLost: 'LOST' },
  IN_TRANSIT: { receive: 'AVAILABLE', markMissing: 'MISSING' },
} as const satisfies Record<BookItemStatus, Partial<Record<BookItemCommand, BookItemStatus>>>;

export const BOOK_ITEM_STATUSES = Object.keys(BOOK_ITEM_TRANSITIONS) as readonly BookItemStatus[];

/** The status of a copy on the open shelf. */
export const ON_SHELF_STATUS = 'AVAILABLE' satisfies BookItemStatus;

/**
 * "On the shelf", the one rule: the copy sits on the open shelf and may leave the library — any member may take it
 * out, and a waiting hold may be offered it. A reference-only copy is on a shelf but never on *the* shelf. Takes
 * a copy or its primitives (or a view with the same two fields); stores that must filter in the database build
 * their predicate from ON_SHELF_STATUS.
 */
export function isOnShelf(copy: { readonly status: BookItemStatus; readonly referenceOnly: boolean }): boolean {
  return copy.status === ON_SHELF_STATUS && !copy.referenceOnly;
}

/** The statuses of a copy in circulation: on the shelf or out on loan (not held for someone, not lost). */
export const IN_CIRCULATION_STATUSES = ['AVAILABLE', 'LOANED'] as const satisfies readonly BookItemStatus[];

/**
 * "In circulation": a lendable copy on the shelf or out on loan, one that could meet a waiting hold soon. A renewal
 * with members waiting may go ahead when enough other copies are in circulation (`RENEWAL_CHECKS`).
 */
export function isInCirculation(copy: { readonly status: BookItemStatus; readonly referenceOnly: boolean }): boolean {
  return !copy.referenceOnly && (IN_CIRCULATION_STATUSES as readonly BookItemStatus[]).includes(copy.status);
}

/** The statuses of a copy that can never meet a hold until it is found: lost, or missing from its shelf. */
export const UNACCOUNTED_STATUSES = ['LOST', 'MISSING'] as const satisfies readonly BookItemStatus[];

/**
 * "May meet a hold": a lendable copy that is accounted for (not lost, not missing); a damaged copy or one in repair
 * or in transit comes back. A title may be reserved only while it has one.
 */
export function mayMeetHold(copy: { readonly status: BookItemStatus; readonly referenceOnly: boolean }): boolean {
  return !copy.referenceOnly && !(UNACCOUNTED_STATUSES as readonly BookItemStatus[]).includes(copy.status);
}

/** The statuses in which a copy may not leave the catalogue: someone has it, waits for it, or it is on its way to them. */
export const UNREMOVABLE_STATUSES = ['LOANED', 'RESERVED', 'IN_TRANSIT'] as const satisfies readonly BookItemStatus[];

export interface Hold {
  readonly memberId: string;
  readonly reservationId: string;
  /** Pickup deadline; null when the policy keeps holds until collected. */
  readonly expiresAt: string | null;
  /** The deadline first given, kept when an emergency closure moved it (absent: never moved). */
  readonly originalExpiresAt?: string | null;
  /** The branch whose hold shelf the copy waits on (absent: the copy's own branch). */
  readonly pickupBranch?: string;
}

/** A copy on its way to another branch's hold shelf, for the hold it was routed to (null: that hold ended on the way). */
export interface Transit {
  readonly to: string;
  readonly sentAt: string;
  readonly memberId: string | null;
  readonly reservationId: string | null;
}

/**
 * The states a copy may be shelved in when it joins the catalogue, each with the command that takes a copy on the
 * shelf there: a catalogue moved from another system brings copies already lost, missing or damaged.
 */
export const SHELVED_AS = {
  AVAILABLE: null,
  LOST: 'markLost',
  MISSING: 'markMissing',
  DAMAGED: 'markDamaged',
} as const satisfies Partial<Record<BookItemStatus, keyof (typeof BOOK_ITEM_TRANSITIONS)['AVAILABLE'] | null>>;

export type ShelvedStatus = keyof typeof SHELVED_AS;
export const SHELVED_STATUSES = Object.keys(SHELVED_AS) as readonly ShelvedStatus[];
