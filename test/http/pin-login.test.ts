import { describe, expect, it } from 'vitest';
import type { PinRecord } from '../../src/application/ports/CredentialStore.js';
import { InMemoryCredentialStore } from '../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { PinLogin } from '../../src/interfaces/http/auth/PinLogin.js';
import { SecretHasher } from '../../src/interfaces/http/auth/SecretHasher.js';
import { SessionTokens } from '../../src/interfaces/http/auth/SessionTokens.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { PIN, TEST_SCRYPT, TEST_SESSION_SECRET } from './server.js';

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

describe(PinLogin, () => {
  describe('.login', () => {
    describe('when another server locks the card while the right PIN is being checked', () => {
      it('should refuse with PIN_LOCKED instead of signing the member in', async () => {
        const { library, clock } = aLibrary();
        await enrol(library, 'priya');
        const store = new LockedBehindTheReader();
        const hasher = new SecretHasher(TEST_SCRYPT);
        const pins = new PinLogin(store, hasher, new SessionTokens(clock, TEST_SESSION_SECRET), library.members, clock);
        await pins.setPin(priya.id, PIN);
        const until = new Date(clock.now().getTime() + 15 * 60_000);
        await store.lockAfterReading(priya.id, until);

        await expect(pins.login(priya.id, PIN)).rejects.toMatchObject({ code: 'PIN_LOCKED', details: { lockedUntil: until.toISOString() } });
      });
    });
  });
});
