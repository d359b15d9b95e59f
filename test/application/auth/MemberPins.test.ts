import { describe, expect, it } from 'vitest';
import { MemberPins } from '../../../src/application/auth/MemberPins.js';
import { SecretHasher } from '../../../src/application/auth/SecretHasher.js';
import type { PinRecord } from '../../../src/application/ports/CredentialStore.js';
import { InMemoryCredentialStore } from '../../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { aLibrary } from '../../fixtures/library.js';
import { enrol, MemberFixtures } from '../../fixtures/members.js';
import { PIN, TEST_SCRYPT } from '../../http/server.js';

const { priya } = MemberFixtures;

/** A store whose first read of a PIN is the one made just before another server set a wait on the card. */
class WaitBehindTheReader extends InMemoryCredentialStore {
  private stale: PinRecord | null = null;

  async waitAfterReading(memberId: string, at: Date): Promise<void> {
    this.stale = await super.pin(memberId);
    for (let i = 0; i < 5; i++) await this.recordPinFailure(memberId, { at, forgetBefore: new Date(at.getTime() - 1), freeFailures: 5, firstWaitSeconds: 30, maxWaitSeconds: 900 });
  }

  override pin(memberId: string): Promise<PinRecord | null> {
    const stale = this.stale;
    this.stale = null;
    return stale ? Promise.resolve(stale) : super.pin(memberId);
  }
}

/** A hasher that counts the scrypt runs it is asked for, whichever kind. */
class CountingHasher extends SecretHasher {
  runs = 0;
  override verify(secret: string, hash: string): Promise<boolean> {
    this.runs += 1;
    return super.verify(secret, hash);
  }
  override burn(secret: string): Promise<void> {
    this.runs += 1;
    return super.burn(secret);
  }
}

async function pinsOnFixedClock(store = new InMemoryCredentialStore()) {
  const { library, clock } = aLibrary();
  await enrol(library, 'priya');
  const hasher = new CountingHasher(TEST_SCRYPT);
  const pins = new MemberPins(store, hasher, library.members, clock);
  await pins.setPin(priya.id, PIN);
  return { pins, hasher, clock, store };
}

const refusal = (attempt: Promise<unknown>) => attempt.then(() => null, (error: unknown) => ({ ...(error as object), message: (error as Error).message }));

describe(MemberPins, () => {
  describe('.verify', () => {
    describe('when another server sets a wait on the card while the right PIN is being checked', () => {
      it('should refuse with UNAUTHENTICATED instead of naming the member', async () => {
        const store = new WaitBehindTheReader();
        const { pins, clock } = await pinsOnFixedClock(store);
        await store.waitAfterReading(priya.id, clock.now());
        await expect(pins.verify(priya.id, PIN)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      });
    });

    describe('when the card is unknown, the PIN wrong, or the card waiting', () => {
      it('should throw the same error, with the same message and details, after one scrypt run each', async () => {
        const { pins, hasher } = await pinsOnFixedClock();
        const runsBefore = hasher.runs;
        const unknown = await refusal(pins.verify('M-NOBODY', PIN));
        const wrong = await refusal(pins.verify(priya.id, '0000'));
        for (let i = 0; i < 4; i++) await refusal(pins.verify(priya.id, '0000'));
        const runsBeforeWaiting = hasher.runs;
        const waiting = await refusal(pins.verify(priya.id, PIN));
        expect(hasher.runs - runsBeforeWaiting).toBe(1);
        expect(runsBeforeWaiting - runsBefore).toBe(6);
        expect(unknown).toEqual(wrong);
        expect(waiting).toEqual(wrong);
        expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED' });
      });
    });
  });

  describe('constructor', () => {
    describe('when the back-off has a value that is not a positive whole number', () => {
      it('should throw INVALID_INPUT naming the field', async () => {
        const { library, clock } = aLibrary();
        const make = () => new MemberPins(new InMemoryCredentialStore(), new SecretHasher(TEST_SCRYPT), library.members, clock, { freeFailures: 0, firstWaitSeconds: 30, maxWaitMinutes: 15, forgetAfterHours: 24 });
        expect(make).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', details: { field: 'pinBackoff.freeFailures' } }));
        await library.close();
      });
    });
  });
});
