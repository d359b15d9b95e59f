import { beforeEach, describe, expect, it } from 'vitest';
import type { CalendarRepository } from '../../src/application/ports/CalendarRepository.js';
import type { CredentialStore, PinFailure } from '../../src/application/ports/CredentialStore.js';
import type { IdempotencyClaimRequest, IdempotencyStore } from '../../src/application/ports/IdempotencyStore.js';
import { BranchCalendar } from '../../src/domain/calendar/BranchCalendar.js';
import { MONDAY_MORNING } from '../fixtures/library.js';

const T0 = Date.parse(MONDAY_MORNING);
const minutes = (n: number): Date => new Date(T0 + n * 60_000);

/** A back-off of 5 free wrong PINs, then a 1-minute wait doubling up to 4, failures forgotten after an hour; applied to a failure `n` minutes after the start. */
const failureAt = (n: number): PinFailure => ({ at: minutes(n), forgetBefore: minutes(n - 60), freeFailures: 5, firstWaitSeconds: 60, maxWaitSeconds: 240 });

const FRONT_DESK = { tokenId: 'a1b2c3', label: 'front desk', scope: 'counter', secretHash: 'scrypt$1024$8$1$salt$hash', createdAt: MONDAY_MORNING, revokedAt: null } as const;

/** The behaviour every CredentialStore shares; `fresh` gives an empty one. */
export function credentialStoreContract(name: string, fresh: () => Promise<CredentialStore>): void {
  describe(`${name} (CredentialStore)`, () => {
    let store: CredentialStore;
    beforeEach(async () => {
      store = await fresh();
    });

    describe('.saveStaffToken', () => {
      it('should keep the record, list it, and replace it when revoked', async () => {
        await store.saveStaffToken(FRONT_DESK);
        expect(await store.staffToken('a1b2c3')).toEqual(FRONT_DESK);
        await store.saveStaffToken({ ...FRONT_DESK, revokedAt: minutes(5).toISOString() });
        expect(await store.staffTokens()).toEqual([{ ...FRONT_DESK, revokedAt: minutes(5).toISOString() }]);
        expect(await store.staffToken('ffffff')).toBeNull();
      });
    });

    describe('.recordPinFailure', () => {
      beforeEach(async () => {
        await store.setPin('M-PRIYA', 'scrypt$pin-hash');
      });

      describe('when four wrong PINs arrive', () => {
        it('should count them and set no wait', async () => {
          for (let i = 0; i < 4; i++) expect(await store.recordPinFailure('M-PRIYA', failureAt(i))).toBeNull();
          expect(await store.pin('M-PRIYA')).toEqual({
            memberId: 'M-PRIYA',
            pinHash: 'scrypt$pin-hash',
            failures: [0, 1, 2, 3].map((i) => minutes(i).toISOString()),
            lockedUntil: null,
          });
        });
      });

      describe('when the fifth arrives, and more after each wait', () => {
        it('should wait the first wait, then double it with each wrong PIN, capped', async () => {
          for (let i = 0; i < 4; i++) await store.recordPinFailure('M-PRIYA', failureAt(i));
          expect(await store.recordPinFailure('M-PRIYA', failureAt(4))).toBe(minutes(5).toISOString());
          expect(await store.recordPinFailure('M-PRIYA', failureAt(5))).toBe(minutes(7).toISOString());
          expect(await store.recordPinFailure('M-PRIYA', failureAt(7))).toBe(minutes(11).toISOString());
          expect(await store.recordPinFailure('M-PRIYA', failureAt(11))).toBe(minutes(15).toISOString());
          expect((await store.pin('M-PRIYA'))?.failures).toHaveLength(8);
        });
      });

      describe('when a wrong PIN arrives during a wait', () => {
        it('should not count it, nor lengthen the wait', async () => {
          for (let i = 0; i < 5; i++) await store.recordPinFailure('M-PRIYA', failureAt(i));
          const waiting = await store.pin('M-PRIYA');
          expect(await store.recordPinFailure('M-PRIYA', failureAt(4.5))).toBeNull();
          expect(await store.pin('M-PRIYA')).toEqual(waiting);
        });
      });

      describe('when earlier failures are older than the back-off remembers', () => {
        it('should forget them', async () => {
          for (const n of [0, 1, 2, 3]) await store.recordPinFailure('M-PRIYA', failureAt(n));
          expect(await store.recordPinFailure('M-PRIYA', failureAt(62))).toBeNull();
          expect((await store.pin('M-PRIYA'))?.failures).toEqual([minutes(3), minutes(62)].map((d) => d.toISOString()));
        });
      });

      describe('when five wrong PINs arrive at the same moment', () => {
        it('should count every one and set the wait exactly once', async () => {
          const waits = await Promise.all([0, 1, 2, 3, 4].map(() => store.recordPinFailure('M-PRIYA', failureAt(0))));
          expect(waits.filter((w) => w !== null)).toEqual([minutes(1).toISOString()]);
          expect(await store.pin('M-PRIYA')).toMatchObject({ lockedUntil: minutes(1).toISOString() });
          expect((await store.pin('M-PRIYA'))?.failures).toHaveLength(5);
        });
      });

      describe('when the member has no PIN', () => {
        it('should record nothing', async () => {
          expect(await store.recordPinFailure('M-NOBODY', failureAt(0))).toBeNull();
          expect(await store.pin('M-NOBODY')).toBeNull();
        });
      });
    });

    describe('.clearPinFailures', () => {
      beforeEach(async () => {
        await store.setPin('M-PRIYA', 'scrypt$pin-hash');
        for (let i = 0; i < 5; i++) await store.recordPinFailure('M-PRIYA', failureAt(i));
      });

      it('should refuse while the wait is in force, and clear it once it has passed', async () => {
        expect(await store.clearPinFailures('M-PRIYA', minutes(4.9))).toBe(false);
        expect((await store.pin('M-PRIYA'))?.lockedUntil).toBe(minutes(5).toISOString());
        expect(await store.clearPinFailures('M-PRIYA', minutes(5))).toBe(true);
        expect(await store.pin('M-PRIYA')).toMatchObject({ failures: [], lockedUntil: null });
      });
    });

    describe('.setPin', () => {
      it('should replace the hash and clear a wait', async () => {
        await store.setPin('M-PRIYA', 'scrypt$old');
        for (let i = 0; i < 5; i++) await store.recordPinFailure('M-PRIYA', failureAt(i));
        await store.setPin('M-PRIYA', 'scrypt$new');
        expect(await store.pin('M-PRIYA')).toEqual({ memberId: 'M-PRIYA', pinHash: 'scrypt$new', failures: [], lockedUntil: null });
      });
    });
  });
}

const claimOf = (key: string, claimant: string, at: number, fingerprint = 'fp-1'): IdempotencyClaimRequest => ({
  key,
  claimant,
  fingerprint,
  now: minutes(at),
  leaseUntil: minutes(at + 5),
  expiresAt: minutes(at + 24 * 60),
});
const CREATED = { status: 201, body: { loanId: 'loan-000001', dueAt: '2026-09-28T09:00:00.000Z' } };

/** The behaviour every IdempotencyStore shares; `fresh` gives an empty one. */
export function idempotencyStoreContract(name: string, fresh: () => Promise<IdempotencyStore>): void {
  describe(`${name} (IdempotencyStore)`, () => {
    let store: IdempotencyStore;
    beforeEach(async () => {
      store = await fresh();
    });

    describe('.claim', () => {
      it('should give a free key to its first claimant, and tell the next one it is running, then answered', async () => {
        expect(await store.claim(claimOf('k1', 'first', 0))).toEqual({ state: 'claimed' });
        expect(await store.claim(claimOf('k1', 'second', 1))).toEqual({ state: 'running', fingerprint: 'fp-1', leaseUntil: minutes(5).toISOString() });
        await store.complete('k1', 'first', CREATED);
        expect(await store.claim(claimOf('k1', 'third', 2, 'fp-2'))).toEqual({ state: 'done', fingerprint: 'fp-1', response: CREATED });
      });

      describe('when many claim one key at the same moment', () => {
        it('should give it to exactly one', async () => {
          const claims = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((who) => store.claim(claimOf('k1', who, 0))));
          expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
          expect(claims.filter((c) => c.state === 'running')).toHaveLength(5);
        });
      });

      describe('when the claimant released the key', () => {
        it('should give it to the next claimant', async () => {
          await store.claim(claimOf('k1', 'first', 0));
          await store.release('k1', 'first');
          expect(await store.claim(claimOf('k1', 'second', 1))).toEqual({ state: 'claimed' });
        });
      });

      describe('when the lease of a running claim has passed', () => {
        it('should give the key to the next claimant, and ignore the first one finishing late', async () => {
          await store.claim(claimOf('k1', 'crashed', 0));
          expect(await store.claim(claimOf('k1', 'second', 5))).toEqual({ state: 'claimed' });
          await store.complete('k1', 'crashed', { status: 500, body: null });
          await store.complete('k1', 'second', CREATED);
          expect(await store.claim(claimOf('k1', 'third', 6))).toMatchObject({ state: 'done', response: CREATED });
        });
      });

      describe('when the answer has expired', () => {
        it('should give the key to a new request', async () => {
          await store.claim(claimOf('k1', 'first', 0));
          await store.complete('k1', 'first', CREATED);
          expect(await store.claim(claimOf('k1', 'late', 24 * 60, 'fp-2'))).toEqual({ state: 'claimed' });
        });
      });
    });

    describe('.prune', () => {
      it('should delete the expired answers only, and say how many', async () => {
        await store.claim(claimOf('old', 'a', 0));
        await store.complete('old', 'a', CREATED);
        await store.claim(claimOf('recent', 'b', 60));
        await store.complete('recent', 'b', CREATED);
        expect(await store.prune(minutes(24 * 60 + 30))).toBe(1);
        expect(await store.claim(claimOf('recent', 'c', 24 * 60 + 30))).toMatchObject({ state: 'done' });
        expect(await store.claim(claimOf('old', 'c', 24 * 60 + 30))).toEqual({ state: 'claimed' });
      });
    });
  });
}

const DOWNTOWN = BranchCalendar.define('downtown', {
  timeZone: 'America/New_York',
  openingHours: { MON: { opens: '09:00', closes: '20:00' }, SAT: { opens: '10:00', closes: '17:00' } },
  closures: [{ from: '2026-11-26', to: '2026-11-26', kind: 'HOLIDAY', reason: 'Thanksgiving' }],
});
const BURST_PIPE = { from: '2026-09-28', to: '2026-09-29', kind: 'EMERGENCY', reason: 'Burst pipe' } as const;
const POWER_CUT = { from: '2026-10-05', to: '2026-10-05', kind: 'EMERGENCY', reason: 'Power cut' } as const;

/** The behaviour every CalendarRepository shares; `fresh` gives one whose fallback is the downtown calendar above (or always open). */
export function calendarRepositoryContract(name: string, fresh: (fallback: (branch: string) => BranchCalendar) => Promise<CalendarRepository>): void {
  describe(`${name} (CalendarRepository)`, () => {
    let calendars: CalendarRepository;
    beforeEach(async () => {
      calendars = await fresh((branch) => (branch === 'downtown' ? DOWNTOWN : BranchCalendar.alwaysOpen(branch)));
    });

    describe('.forBranch', () => {
      it('should answer from the fallback until a calendar is saved', async () => {
        expect((await calendars.forBranch('downtown')).toPrimitives()).toEqual(DOWNTOWN.toPrimitives());
        expect((await calendars.forBranch('riverside')).toPrimitives()).toEqual(BranchCalendar.alwaysOpen('riverside').toPrimitives());
      });
    });

    describe('.save', () => {
      it('should keep the hours, the time zone and every closure, in the order added', async () => {
        await calendars.save(DOWNTOWN.withClosure(BURST_PIPE));
        await calendars.save((await calendars.forBranch('downtown')).withClosure(POWER_CUT));
        const saved = await calendars.forBranch('downtown');
        expect(saved.toPrimitives()).toEqual(DOWNTOWN.withClosure(BURST_PIPE).withClosure(POWER_CUT).toPrimitives());
        expect(saved.closingTime(saved.dateOf(new Date('2026-09-21T14:00:00.000Z')))?.toISOString()).toBe('2026-09-22T00:00:00.000Z');
      });

      it('should keep a calendar without opening hours open every day', async () => {
        await calendars.save(BranchCalendar.alwaysOpen('riverside').withClosure(POWER_CUT));
        expect((await calendars.forBranch('riverside')).toPrimitives()).toEqual({ branch: 'riverside', timeZone: 'UTC', closures: [POWER_CUT] });
      });
    });
  });
}
