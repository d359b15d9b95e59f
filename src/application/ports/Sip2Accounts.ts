/**
 * A SIP2 login: the account a self-check kiosk or sorter signs in with (message 93), where it stands, and
 * which messages it may send. Only the scrypt hash of the password is kept.
 */
export interface Sip2AccountRecord {
  /** The login user id (CN). */
  readonly user: string;
  /** scrypt hash of the login password (CO), as `SecretHasher.hash` makes it. */
  readonly passwordHash: string;
  /** The branch the kiosk stands in: its time zone dates the answers, and check-ins elsewhere are routed home. */
  readonly location: string;
  /** The command codes it may send (`11`, `09`, …); login (93) and resend (97) are always allowed. */
  readonly allowedMessages: readonly string[];
  readonly createdAt: string;
}

/** SIP2 login accounts, kept with the other credentials next to the library's data. */
export interface Sip2Accounts {
  /** Adds the account, or replaces the one with the same user. */
  save(account: Sip2AccountRecord): Promise<void>;
  find(user: string): Promise<Sip2AccountRecord | null>;
  list(): Promise<Sip2AccountRecord[]>;
  /** True when there was such an account. */
  remove(user: string): Promise<boolean>;
}
