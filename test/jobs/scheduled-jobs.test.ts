import { describe, expect, it } from 'vitest';
import type { JobReport } from '../../src/application/ScheduledJobs.js';
import type { Library } from '../../src/Library.js';
import type { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import type { RecordingChannel } from '../../src/infrastructure/notify/RecordingChannel.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const DAY = 86_400_000;

const dayOf = (iso: string): string => iso.slice(0, 10);
const plusDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString();

/**
 * Runs the jobs twice a day (06:00 and 18:00 UTC) from `from` for `days` days, delivering after each
 * run, and returns every notice delivered, as "date kind" lines in delivery order.
 */
async function walk(library: Library, clock: FixedClock, notifier: RecordingChannel, from: string, days: number): Promise<{ timeline: string[]; reports: JobReport[] }> {
  const timeline: string[] = [];
  const reports: JobReport[] = [];
  let seen = notifier.notices().length;
  for (let day = 0; day < days; day++) {
    for (const hour of ['06:00', '18:00']) {
      clock.set(`${dayOf(plusDays(from, day))}T${hour}:00.000Z`);
      reports.push(await library.runDueJobs());
      await library.idle();
      for (const notice of notifier.notices().slice(seen)) timeline.push(`${dayOf(clock.now().toISOString())} ${notice.kind}`);
      seen = notifier.notices().length;
    }
  }
  return { timeline, reports };
}

describe('Scheduled jobs', () => {
  describe('Seed 001 (city): reminders 2 days before, on the due date and every 3 days overdue; lost at 60 days', () => {
    it('should send each reminder exactly once on its day, then declare the loan lost with the replacement fee', async () => {
      const { library, clock, notifier } = aLibrary('city');
      const [barcode] = await shelve(library, 'cormen', 1, { replacementPrice: 8_995 });
      await enrol(library, 'raj');
      const loan = await library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });
      expect(loan.dueAt).toBe('2026-09-21T09:00:00.000Z'); // seed 001: 14 days

      const { timeline, reports } = await walk(library, clock, notifier, '2026-09-08T00:00:00.000Z', 80);

      // Day n overdue starts n - 1 days after the due instant (a started day counts, as for fines): the 18:00 run sends it.
      const overdueDays = Array.from({ length: 20 }, (_, k) => 1 + 3 * k); // 1, 4, …, 58
      expect(timeline).toEqual([
        '2026-09-19 due-soon',
        '2026-09-21 due-today',
        ...overdueDays.map((n) => `${dayOf(plusDays('2026-09-21T09:00:00.000Z', n - 1))} overdue`),
        '2026-11-19 fine-assessed',
      ]);
      const [dueSoon] = notifier.notices({ kind: 'due-soon' });
      expect(dueSoon).toMatchObject({ subject: '"Introduction to Algorithms" is due in 2 days', data: { daysLeft: 2, loanId: loan.loanId } });
      expect(notifier.notices({ kind: 'overdue' }).at(-1)?.data).toMatchObject({ daysOverdue: 58 });

      // At 18:00 on 2026-11-19 the loan is 60 days late (59 days and 9 hours): the copy is lost, Raj owes its price.
      expect(await library.members.loans(raj.id, { includeClosed: true })).toMatchObject([{ status: 'LOST' }]);
      expect(await library.catalog.getCopy(barcode!)).toMatchObject({ status: 'LOST' });
      expect((await library.fines.ledger(raj.id)).fines).toMatchObject([{ reason: 'REPLACEMENT', amount: { amount: 8_995, currency: 'USD' } }]);
      expect(notifier.notices({ kind: 'fine-assessed' })[0]?.data).toMatchObject({ reason: 'REPLACEMENT', amount: 8_995 });

      // Each slot is counted by the one run that queued it: "due in 2 days" once, "due today" once (the 06:00 run on
      // the 21st, before the due hour), and each of the 20 overdue notices (days 1, 4, …, 58) once.
      const total = (key: keyof JobReport['reminders']): number => reports.reduce((sum, r) => sum + r.reminders[key], 0);
      expect([total('dueSoon'), total('dueToday'), total('overdue')]).toEqual([1, 1, 20]);
      expect(reports.reduce((sum, r) => sum + r.loansDeclaredLost, 0)).toBe(1);
      // The outbox keeps each delivered notice 30 days (the default retention); the prune step took the older ones.
      const pruned = reports.reduce((sum, r) => sum + r.pruned.deliveredNotices, 0);
      expect(pruned).toBeGreaterThan(0);
      expect((await library.notifications.list()).length + pruned).toBe(timeline.length);
    });

    it('should remind again for the new due date after a renewal', async () => {
      const { library, clock, notifier } = aLibrary('city');
      await shelve(library, 'cormen', 1);
      await enrol(library, 'raj');
      await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      clock.set('2026-09-19T08:00:00.000Z');
      await library.runDueJobs();
      await library.idle();
      const renewed = await library.circulation.renew({ barcode: 'cormen-1' });
      expect(renewed.dueAt).toBe('2026-10-05T09:00:00.000Z');

      const { timeline } = await walk(library, clock, notifier, '2026-09-20T00:00:00.000Z', 17);
      expect(timeline).toEqual(['2026-10-03 due-soon', '2026-10-05 due-today', '2026-10-05 overdue']);
      expect(notifier.notices({ kind: 'due-soon' }).map((n) => n.data['dueAt'])).toEqual(['2026-09-21T09:00:00.000Z', '2026-10-05T09:00:00.000Z']);
    });
  });

  describe('Seed 003 (college): a reminder 1 day before due', () => {
    it('should remind the day before, send one overdue notice and never declare the loan lost', async () => {
      const { library, clock, notifier } = aLibrary('college');
      await shelve(library, 'cormen', 1);
      await enrol(library, 'priya');
      const loan = await library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
      expect(loan.dueAt).toBe('2026-09-17T09:00:00.000Z');

      const { timeline } = await walk(library, clock, notifier, '2026-09-08T00:00:00.000Z', 90);
      expect(timeline).toEqual(['2026-09-16 due-soon', '2026-09-17 overdue']);
      expect(notifier.notices({ kind: 'due-soon' })[0]?.subject).toBe('"Introduction to Algorithms" is due tomorrow');
      expect(await library.members.loans(priya.id)).toMatchObject([{ status: 'OPEN' }]);
    });
  });

  describe('the pickup sweep (seed 000/001)', () => {
    it('should expire an uncollected hold after 48 hours, tell its member, and hand the copy to the next in line', async () => {
      const { library, clock, notifier } = aLibrary('city');
      await shelve(library, 'cormen', 1);
      await enrol(library, 'priya', 'raj', 'meera');
      await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
      await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN });
      const receipt = await library.circulation.returnCopy({ barcode: 'cormen-1' });
      expect(receipt.heldFor).toMatchObject({ memberId: priya.id, expiresAt: '2026-09-09T09:00:00.000Z' });

      clock.set('2026-09-09T08:59:00.000Z');
      expect((await library.runDueJobs()).pickupsExpired).toBe(0);
      clock.set('2026-09-09T09:00:00.000Z');
      expect((await library.runDueJobs()).pickupsExpired).toBe(1);
      expect((await library.runDueJobs()).pickupsExpired).toBe(0);
      await library.idle();

      expect(notifier.notices({ kind: 'pickup-expired', memberId: priya.id })).toMatchObject([{ subject: 'Your hold on "Introduction to Algorithms" has expired' }]);
      const ready = notifier.notices({ kind: 'reservation-ready' });
      expect(ready.map((n) => [n.memberId, n.data['expiresAt']])).toEqual([
        [priya.id, '2026-09-09T09:00:00.000Z'],
        [meera.id, '2026-09-11T09:00:00.000Z'],
      ]);
      expect(await library.catalog.getCopy('cormen-1')).toMatchObject({ status: 'RESERVED', heldFor: meera.id });
    });
  });

  describe('ageToLost', () => {
    it('should leave a loan that is not yet past the threshold, or already returned', async () => {
      const { library, clock } = aLibrary('city');
      await shelve(library, 'cormen', 1);
      await enrol(library, 'raj');
      const loan = await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      clock.set('2026-11-19T09:00:00.000Z'); // exactly 59 days late: the next started day makes 60
      expect(await library.circulation.ageToLost({ loanId: loan.loanId })).toBeNull();
      await library.circulation.returnCopy({ barcode: 'cormen-1' });
      clock.set('2026-12-01T00:00:00.000Z');
      expect(await library.circulation.ageToLost({ loanId: loan.loanId })).toBeNull();
      expect(await library.catalog.getCopy('cormen-1')).toMatchObject({ status: 'AVAILABLE' });
    });
  });

  describe('the report', () => {
    it('should say what one run found due', async () => {
      const { library, clock } = aLibrary('city');
      await shelve(library, 'cormen', 2);
      await enrol(library, 'raj', 'meera');
      await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      clock.advanceDays(2);
      await library.circulation.checkOut({ memberId: meera.id, barcode: 'cormen-2' });
      clock.set('2026-09-21T06:00:00.000Z'); // Raj's loan is due today, Meera's in 2 days
      expect(await library.runDueJobs()).toEqual({
        ranAt: '2026-09-21T06:00:00.000Z',
        skipped: false,
        pickupsExpired: 0,
        holdsResumed: 0,
        holdsLapsed: 0,
        digitalLoansExpired: 0,
        claimsExpired: 0,
        autoRenewal: { renewed: 0, refused: 0 },
        finesAccrued: 0,
        loansDeclaredLost: 0,
        reminders: { dueSoon: 1, dueToday: 1, overdue: 0 },
        cardExpiryNotices: 0,
        pruned: { deliveredNotices: 0, revocations: 0, idempotencyRecords: 0 },
      });
    });
  });
});
