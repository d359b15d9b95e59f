import { describe, expect, it } from 'vitest';
import { Housekeeping } from '../../src/application/Housekeeping.js';
import { resolveRetention } from '../../src/application/Retention.js';
import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary, MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { raj } = MemberFixtures;
const NOTHING_PRUNED = { deliveredNotices: 0, revocations: 0, idempotencyRecords: 0 };

describe(Housekeeping, () => {
  describe('.prune (the last step of runDueJobs)', () => {
    describe('when a notice was delivered', () => {
      it('should keep it for deliveredNoticesDays after its delivery, then delete it', async () => {
        const { library, clock } = aLibrary('college', { retention: { deliveredNoticesDays: 30 } });
        const [barcode] = await shelve(library, 'cormen', 1);
        await enrol(library, 'raj');
        await library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });
        clock.advanceDays(9); // the college policy reminds one day before the ten-day loan falls due
        await library.runDueJobs();
        await library.idle();
        expect(await library.notifications.list({ status: 'DELIVERED' })).toHaveLength(1);
        await library.circulation.returnCopy({ barcode: barcode! });

        clock.advanceDays(30);
        expect((await library.runDueJobs()).pruned).toEqual(NOTHING_PRUNED);
        clock.advanceHours(1);
        expect((await library.runDueJobs()).pruned).toEqual({ ...NOTHING_PRUNED, deliveredNotices: 1 });
        expect(await library.notifications.list()).toEqual([]);
      });

      it('should never prune a dead letter', async () => {
        const { library, clock } = aLibrary('college', { channels: [], notifications: { maxAttempts: 1 } });
        const [barcode] = await shelve(library, 'cormen', 1);
        await enrol(library, 'raj');
        await library.members.register({ id: 'M-KIM', name: 'Kim', contact: { email: 'kim@example.test' } });
        await library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });
        await library.reservations.reserve({ memberId: 'M-KIM', isbn: '9780262033848' });
        await library.circulation.returnCopy({ barcode: barcode! });
        await library.idle(); // no channel serves email: dead-lettered at once
        const dead = await library.notifications.deadLetters();
        expect(dead.map((m) => m.memberId)).toContain('M-KIM');
        clock.advanceDays(400);

        expect((await library.runDueJobs()).pruned.deliveredNotices).toBe(0);
        expect(await library.notifications.deadLetters()).toEqual(expect.arrayContaining(dead));
      });
    });

    describe('when a loan stays overdue long after its one overdue notice was delivered and pruned', () => {
      it('should not send that notice again: a slot older than the retention is no longer due', async () => {
        const { library, clock, notifier } = aLibrary('college', { retention: { deliveredNoticesDays: 30 } });
        const [barcode] = await shelve(library, 'cormen', 1);
        await enrol(library, 'raj');
        await library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });
        clock.advanceDays(11); // one day overdue: the college policy's only overdue notice
        expect((await library.runDueJobs()).reminders.overdue).toBe(1);
        await library.idle();

        for (let day = 0; day < 60; day++) {
          clock.advanceDays(1);
          const report = await library.runDueJobs();
          expect(report.reminders).toEqual({ dueSoon: 0, dueToday: 0, overdue: 0 });
        }
        await library.idle();
        expect(notifier.notices({ kind: 'overdue' })).toHaveLength(1);
        expect(await library.notifications.list()).toEqual([]);
      });
    });

    describe('when a loan token was revoked', () => {
      it('should delete the revocation revocationsDaysAfterLapse after the token lapsed', async () => {
        const store = new InMemoryStore();
        const { library, clock } = aLibrary('college', { store, retention: { revocationsDaysAfterLapse: 1 } });
        const lapses = new Date(Date.parse(MONDAY_MORNING) + 3_600_000);
        await store.transaction((tx) => tx.revokedTokens.revoke({ tokenId: 'T-1', loanId: 'DL-1', until: lapses }));

        clock.advanceDays(1);
        expect((await library.runDueJobs()).pruned.revocations).toBe(0);
        clock.advanceHours(2);
        expect((await library.runDueJobs()).pruned.revocations).toBe(1);
        expect((await store.transaction((tx) => tx.revokedTokens.isRevoked('T-1'))).value).toBe(false);
      });
    });

    describe('when an Idempotency-Key record expired', () => {
      it('should delete it idempotencyRecordsDaysAfterExpiry after its expiry', async () => {
        const { library, clock } = aLibrary('college', { retention: { idempotencyRecordsDaysAfterExpiry: 2 } });
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + 86_400_000);
        await library.idempotency.claim({ key: 'K-1', claimant: 'c-1', fingerprint: 'f', now, leaseUntil: new Date(now.getTime() + 60_000), expiresAt });
        await library.idempotency.complete('K-1', 'c-1', { status: 201, body: { ok: true } });

        clock.advanceDays(3);
        clock.advanceHours(-1);
        expect((await library.runDueJobs()).pruned.idempotencyRecords).toBe(0);
        clock.advanceHours(2);
        expect((await library.runDueJobs()).pruned.idempotencyRecords).toBe(1);
      });
    });
  });

  describe(resolveRetention, () => {
    it.each([
      ['a negative number of days', { revocationsDaysAfterLapse: -1 }],
      ['a fraction of a day', { idempotencyRecordsDaysAfterExpiry: 0.5 }],
      ['delivered notices kept 0 days', { deliveredNoticesDays: 0 }],
    ])('should refuse %s with INVALID_INPUT', (_what, retention) => {
      expect(() => resolveRetention(retention)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    });
  });
});
