import { describe, expect, it } from 'vitest';
import { MemberPins } from '../../../src/application/auth/MemberPins.js';
import { SecretHasher } from '../../../src/application/auth/SecretHasher.js';
import type { PinRecord } from '../../../src/application/ports/CredentialStore.js';
import { InMemoryCredentialStore } from '../../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { aLibrary } from '../../fixtures/library.js';
import { enrol, MemberFixtures } from '../../fixtures/members.js';
import { PIN, TEST_SCRYPT } from '../../http/server.js';

const { priya } = MemberFixtures;

/** A store whose first read of a PIN is the one made just before another server locked the card. */
class LockedBehindTheReader extends InMemoryCredentialStore {
  private stale: PinRecord | null = null;

  async lockAfterReading(memberId: string, lockedUntil: Date): Promise<void> {
    this.stale = await super.pin(memberId);
    const at = new Date(lockedUntil.getTime() - 15 * 60_000);
    for (let i = 0; i < 5; i++) await this.recordPinFailure(memberId, { at, windowStart: new Date(at.getTime() - 1), maxFailures: 5, lockUntil: lockedUntil });
  }

  override pin(memberId: string): Promise<PinRecord | null> {
    const stale = this.stale;
    this.stale = null;
    return stale ? Promise.resolve(stale) : super.pin(memberId);
  }
}

describe(MemberPins, () => {
  describe('.verify', () => {
    describe('when another server locks the card while the right PIN is being checked', () => {
      it('should refuse with PIN_LOCKED instead of naming the member', async () => {
        const { library, clock } = aLibrary();
        await enrol(library, 'priya');
        const store = new LockedBehindTheReader();
        const hasher = new SecretHasher(TEST_SCRYPT);
        const pins = new MemberPins(store, hasher, library.members, clock);
        await pins.setPin(priya.id, PIN);
        const until = new Date(clock.now().getTime() + 15 * 60_000);
        await store.lockAfterReading(priya.id, until);

        await expect(pins.verify(priya.id, PIN)).rejects.toMatchObject({ code: 'PIN_LOCKED', details: { lockedUntil: until.toISOString() } });
      });
    });
  });
});
