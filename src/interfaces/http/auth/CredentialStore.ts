import type { StaffScope } from './Principal.js';

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

/**
 * The credential port: staff API tokens and member PINs, kept apart from the Member aggregate.
 * Adapters store only hashes. An SQL adapter can implement the same contract.
 */
export interface CredentialStore {
  saveStaffToken(record: StaffTokenRecord): Promise<void>;
  staffToken(tokenId: string): Promise<StaffTokenRecord | null>;
  staffTokens(): Promise<StaffTokenRecord[]>;
  savePin(record: PinRecord): Promise<void>;
  pin(memberId: string): Promise<PinRecord | null>;
}

/** Credentials in process memory: for tests, demos and a single-process server. */
export class InMemoryCredentialStore implements CredentialStore {
  private readonly tokens = new Map<string, StaffTokenRecord>();
  private readonly pins = new Map<string, PinRecord>();

  saveStaffToken(record: StaffTokenRecord): Promise<void> {
    this.tokens.set(record.tokenId, record);
    return Promise.resolve();
  }
  staffToken(tokenId: string): Promise<StaffTokenRecord | null> {
    return Promise.resolve(this.tokens.get(tokenId) ?? null);
  }
  staffTokens(): Promise<StaffTokenRecord[]> {
    return Promise.resolve([...this.tokens.values()]);
  }
  savePin(record: PinRecord): Promise<void> {
    this.pins.set(record.memberId, { ...record, failures: [...record.failures] });
    return Promise.resolve();
  }
  pin(memberId: string): Promise<PinRecord | null> {
    return Promise.resolve(this.pins.get(memberId) ?? null);
  }
}
