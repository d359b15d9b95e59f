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
  /** Instants of the wrong PINs since the last right one, oldest first (older ones than the back-off forgets drop out). */
  readonly failures: readonly string[];
  /** No try is heard before this instant (the back-off's wait after too many wrong PINs), or null. */
  readonly lockedUntil: string | null;
}

/** One wrong PIN, with the back-off rule's parameters: the caller decides them, the store counts atomically. */
export interface PinFailure {
  readonly at: Date;
  /** Earlier failures at or before this instant are forgotten. */
  readonly forgetBefore: Date;
  /** Wrong PINs in a row a card may have before each further try must wait. */
  readonly freeFailures: number;
  /** The wait after the first failure over the free ones, in seconds; each further failure doubles it… */
  readonly firstWaitSeconds: number;
  /** …up to this many seconds. */
  readonly maxWaitSeconds: number;
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
   * Counts one wrong PIN (forgetting failures before `forgetBefore`) unless a wait is in force at `at` (then nothing
   * changes: a try during the wait is not counted). From `freeFailures` on, each counted failure sets the wait to
   * `firstWaitSeconds · 2^(n − freeFailures)`, capped at `maxWaitSeconds`. Returns the wait now in force, or null.
   * No PIN: nothing happens, null.
   */
  recordPinFailure(memberId: string, failure: PinFailure): Promise<string | null>;
  /** Forgets the failures after a right PIN; refuses (false) when a wait is in force at `now`. */
  clearPinFailures(memberId: string, now: Date): Promise<boolean>;
}

/** The wait a card's `n`-th wrong PIN in a row sets, in seconds (0: none yet): the back-off as one formula. */
export function pinWaitSeconds(n: number, failure: PinFailure): number {
  if (n < failure.freeFailures) return 0;
  return Math.min(failure.maxWaitSeconds, failure.firstWaitSeconds * 2 ** (n - failure.freeFailures));
}

/** The counting rule of `recordPinFailure`, as data in and data out (adapters that count in the database mirror it in SQL). */
export function withPinFailure(record: PinRecord, failure: PinFailure): PinRecord {
  const at = failure.at.getTime();
  if (record.lockedUntil !== null && Date.parse(record.lockedUntil) > at) return record;
  const failures = [...record.failures.filter((f) => Date.parse(f) > failure.forgetBefore.getTime()), failure.at.toISOString()];
  const wait = pinWaitSeconds(failures.length, failure);
  return { ...record, failures, lockedUntil: wait === 0 ? null : new Date(at + wait * 1000).toISOString() };
}
