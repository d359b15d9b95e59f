import { withPinFailure, type CredentialStore, type PinFailure, type PinRecord, type StaffTokenRecord } from '../../application/ports/CredentialStore.js';

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
  setPin(memberId: string, pinHash: string): Promise<void> {
    this.pins.set(memberId, { memberId, pinHash, failures: [], lockedUntil: null });
    return Promise.resolve();
  }
  pin(memberId: string): Promise<PinRecord | null> {
    return Promise.resolve(this.pins.get(memberId) ?? null);
  }
  recordPinFailure(memberId: string, failure: PinFailure): Promise<string | null> {
    const record = this.pins.get(memberId);
    if (!record) return Promise.resolve(null);
    const next = withPinFailure(record, failure);
    this.pins.set(memberId, next);
    return Promise.resolve(next === record ? null : next.lockedUntil);
  }
  clearPinFailures(memberId: string, now: Date): Promise<boolean> {
    const record = this.pins.get(memberId);
    if (!record) return Promise.resolve(true);
    if (record.lockedUntil !== null && Date.parse(record.lockedUntil) > now.getTime()) return Promise.resolve(false);
    this.pins.set(memberId, { ...record, failures: [], lockedUntil: null });
    return Promise.resolve(true);
  }
}
