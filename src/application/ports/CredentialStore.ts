/** Staff scopes, each including the ones before it: a librarian can do what the counter can, an admin what a librarian can. */
export const STAFF_SCOPES = ['counter', 'librarian', 'admin'] as const;
export type StaffScope = (typeof STAFF_SCOPES)[number];

export interface StaffTokenRecord {
  readonly tokenId: string;
  readonly label: string;
  readonly scope: StaffScope;
  /** scrypt hash of the token's secret part; the token itself is never stored. */
  readonly secretHash: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface PinRecord {
  readonly memberId: string;
  /** scrypt hash of the PIN. */
  readonly pinHash: string;
  /** Instants of recent wrong PINs, oldest first (only those inside the lockout window matter). */
  readonly failures: readonly string[];
  readonly lockedUntil: string | null;
}

/** One wrong PIN, with the lockout rule's verdict on what counts: the caller decides the window and the lock. */
export interface PinFailure {
  readonly at: Date;
  /** Earlier failures at or before this instant no longer count. */
  readonly windowStart: Date;
  /** This many failures inside the window lock the card… */
  readonly maxFailures: number;
  /** …until this instant. */
  readonly lockUntil: Date;
}

/**
 * The credential port: staff API tokens and member PINs, kept apart from the Member aggregate.
 * Adapters store only hashes. Counting a wrong PIN and clearing the count are single atomic steps,
 * so servers sharing one store agree on when a card locks.
 */
export interface CredentialStore {
  saveStaffToken(record: StaffTokenRecord): Promise<void>;
  staffToken(tokenId: string): Promise<StaffTokenRecord | null>;
  staffTokens(): Promise<StaffTokenRecord[]>;
  /** Sets or replaces a member's PIN hash and clears any failures and lock. */
  setPin(memberId: string, pinHash: string): Promise<void>;
  pin(memberId: string): Promise<PinRecord | null>;
  /**
   * Counts one wrong PIN (dropping failures outside the window); reaching `maxFailures` empties the count
   * and locks the card until `lockUntil`. Returns the lock now in force, or null. No PIN: nothing happens, null.
   */
  recordPinFailure(memberId: string, failure: PinFailure): Promise<string | null>;
  /** Forgets the failures after a right PIN; refuses (false) when the card is locked at `now`. */
  clearPinFailures(memberId: string, now: Date): Promise<boolean>;
}

/** The counting rule of `recordPinFailure`, as data in and data out (adapters that count in the database mirror it in SQL). */
export function withPinFailure(record: PinRecord, failure: PinFailure): PinRecord {
  const kept = record.failures.filter((f) => Date.parse(f) > failure.windowStart.getTime());
  const failures = [...kept, failure.at.toISOString()];
  if (failures.length < failure.maxFailures) return { ...record, failures, lockedUntil: null };
  return { ...record, failures: [], lockedUntil: failure.lockUntil.toISOString() };
}
