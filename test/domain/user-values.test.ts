import { describe, expect, it } from 'vitest';
import { MemberPins } from '../../src/application/auth/MemberPins.js';
import { SecretHasher } from '../../src/application/auth/SecretHasher.js';
import { GracePeriodFine, NoFine, FlatRateFine } from '../../src/domain/fines/FineStrategy.js';
import { Money } from '../../src/domain/shared/Money.js';
import { InMemoryCredentialStore } from '../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { InMemoryIdempotencyStore } from '../../src/infrastructure/memory/InMemoryIdempotencyStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SessionTokens } from '../../src/interfaces/http/auth/SessionTokens.js';
import { TokenBucket } from '../../src/interfaces/http/auth/TokenBucket.js';
import { Idempotency } from '../../src/interfaces/http/idempotency/Idempotency.js';
import { aLibrary, MONDAY_MORNING } from '../fixtures/library.js';

const clock = new FixedClock(MONDAY_MORNING);

/** Every constructor or factory that takes a value from outside, given a bad one. */
const BAD_VALUES: readonly (readonly [what: string, make: () => unknown, field: string])[] = [
  ['a clock started at garbage', () => new FixedClock('garbage'), 'start'],
  ['a clock started at an invalid Date', () => new FixedClock(new Date(Number.NaN)), 'start'],
  ['a clock set to garbage', () => { new FixedClock(MONDAY_MORNING).set('not a time'); }, 'instant'],
  ['a clock moved by NaN days', () => { new FixedClock(MONDAY_MORNING).advanceDays(Number.NaN); }, 'days'],
  ['a clock moved by infinite hours', () => { new FixedClock(MONDAY_MORNING).advanceHours(Number.POSITIVE_INFINITY); }, 'hours'],
  ['money of a fractional amount', () => Money.of(1.5, 'INR'), 'amount'],
  ['money in a lower-case currency', () => Money.of(100, 'inr'), 'currency'],
  ['a grace period of negative days', () => new GracePeriodFine(new FlatRateFine(Money.of(300, 'INR')), -2, 'END_OF_GRACE'), 'days'],
  ['no fine in a made-up currency', () => new NoFine('rupees'), 'currency'],
  ['a session key shorter than 32 bytes', () => new SessionTokens(clock, new Uint8Array(8)), 'sessionSecret'],
  ['a session lifetime of zero seconds', () => new SessionTokens(clock, new Uint8Array(32), 0), 'sessionTtlSeconds'],
  ['a rate limit of no capacity', () => new TokenBucket(clock, { capacity: 0, refillPerMinute: 10 }), 'pinRateLimit.capacity'],
  ['a rate limit refilling by NaN', () => new TokenBucket(clock, { capacity: 10, refillPerMinute: Number.NaN }), 'pinRateLimit.refillPerMinute'],
  ['idempotency records kept for negative hours', () => new Idempotency(new InMemoryIdempotencyStore(), clock, { ttlHours: -1 }), 'idempotencyTimes.ttlHours'],
  ['a scrypt cost N that is not a power of two', () => new SecretHasher({ N: 1000, r: 8, p: 1 }), 'scryptCost.N'],
  ['a scrypt cost with a zero block size', () => new SecretHasher({ N: 1024, r: 0, p: 1 }), 'scryptCost.r'],
  ['a PIN back-off with a fractional wait', () => new MemberPins(new InMemoryCredentialStore(), new SecretHasher({ N: 1024, r: 8, p: 1 }), aLibrary().library.members, clock, { freeFailures: 5, firstWaitSeconds: 0.5, maxWaitMinutes: 15, forgetAfterHours: 24 }), 'pinBackoff.firstWaitSeconds'],
];

describe('values from outside', () => {
  describe.each(BAD_VALUES)('when %s is made', (_what, make, field) => {
    it(`should throw INVALID_INPUT naming ${field}`, () => {
      const thrown = (() => {
        try {
          make();
          return null;
        } catch (error) {
          return error as { code?: string; details?: Record<string, unknown> };
        }
      })();
      expect([thrown?.code, thrown?.details?.field]).toEqual(['INVALID_INPUT', field]);
    });
  });
});
