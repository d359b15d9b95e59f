import { describe, expect, it, vi } from 'vitest';
import { ScheduledJobs } from '../../src/application/ScheduledJobs.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { RIVERTON_CITY } from '../fixtures/rules.js';
import { aRulesLibrary, shelveAt } from '../rules/support.js';

const { priya, raj, arjun, dana } = MemberFixtures;

describe(ScheduledJobs, () => {
  describe('.runDueJobs', () => {
    describe('when the jobs did not run for three days', () => {
      it('should send the most recent missed notice of each loan once, late, and nothing on the next run', async () => {
        const { library, clock, notifier } = aLibrary('city');
        await shelve(library, 'cormen', 2);
        await enrol(library, 'raj', 'priya');
        await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' }); // due 21 Sep 09:00
        clock.set('2026-09-09T09:00:00.000Z');
        await library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-2' }); // due 23 Sep 09:00
        clock.set('2026-09-18T06:00:00.000Z');
        await library.runDueJobs();

        clock.set('2026-09-22T06:00:00.000Z'); // 19th, 20th and 21st missed
        const late = await library.runDueJobs();
        await library.idle();
        // Raj's loan is overdue: his missed "due in 2 days" and "due today" would be pointless, the overdue notice goes.
        expect(notifier.notices({ memberId: raj.id }).map((n) => [n.kind, n.data['daysOverdue']])).toEqual([['overdue', 1]]);
        // Priya's "due in 2 days" was due on the 21st: it goes out a day late, saying what is true now.
        expect(notifier.notices({ memberId: priya.id }).map((n) => [n.kind, n.subject])).toEqual([['due-soon', '"Introduction to Algorithms" is due tomorrow']]);
        expect(late.reminders).toEqual({ dueSoon: 1, dueToday: 0, overdue: 1 });

        const sent = notifier.notices().length;
        await library.runDueJobs();
        await library.idle();
        expect(notifier.notices()).toHaveLength(sent);
        expect(await library.notifications.list()).toHaveLength(sent);
      });

      it('should send a missed overdue repeat once, and the next repeat on its own day', async () => {
        const { library, clock, notifier } = aLibrary('city');
        await shelve(library, 'cormen', 1);
        await enrol(library, 'raj');
        await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' }); // due 21 Sep 09:00
        clock.set('2026-09-22T06:00:00.000Z');
        await library.runDueJobs();
        clock.set('2026-09-26T06:00:00.000Z'); // day 4's repeat (from 24 Sep 09:00) missed
        await library.runDueJobs();
        await library.runDueJobs();
        clock.set('2026-09-27T18:00:00.000Z'); // day 7 overdue
        await library.runDueJobs();
        await library.idle();
        expect(notifier.notices({ kind: 'overdue' }).map((n) => n.data['daysOverdue'])).toEqual([1, 5, 7]);
      });
    });

    describe('when an e-loan is past its due instant and an offer past its claim window', () => {
      it('should end the e-loan, then lapse the unclaimed offer, each once', async () => {
        const t = await aDigitalLibrary();
        const { library, clock } = t;
        await enrol(library, 'priya', 'raj', 'arjun');
        const copyId = await license(t, 'cormenPdf');
        await library.digital.borrow({ memberId: arjun.id, copyId });
        await library.digital.borrow({ memberId: priya.id, copyId });
        await library.digital.borrow({ memberId: raj.id, copyId });

        clock.advanceDays(14);
        expect(await library.runDueJobs()).toMatchObject({ digitalLoansExpired: 1, claimsExpired: 0 });
        expect((await library.digital.loansOf(arjun.id)).length).toBe(0);
        expect(await library.reservations.queueFor(BookFixtures.cormen.isbn)).toMatchObject([{ memberId: priya.id, status: 'READY_FOR_PICKUP' }, { memberId: raj.id }]);

        clock.advanceHours(24);
        expect(await library.runDueJobs()).toMatchObject({ digitalLoansExpired: 0, claimsExpired: 1 });
        expect(await library.reservations.queueFor(BookFixtures.cormen.isbn)).toMatchObject([{ memberId: raj.id, status: 'READY_FOR_PICKUP' }]);
        expect(await library.runDueJobs()).toMatchObject({ digitalLoansExpired: 0, claimsExpired: 0 });
      });
    });

    describe('when a loan whose rule renews automatically falls due', () => {
      it('should renew it once', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, '2026-09-07T14:00:00.000Z');
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-09-28T02:00:00.000Z');
        expect((await library.runDueJobs()).autoRenewal).toEqual({ renewed: 1, refused: 0 });
        expect((await library.runDueJobs()).autoRenewal).toEqual({ renewed: 0, refused: 0 });
        expect(await library.members.loans(arjun.id)).toMatchObject([{ dueAt: '2026-10-19T14:00:00.000Z', renewals: 1 }]);
      });
    });

    describe("when a loan is past its rule's lost-item age", () => {
      it("should declare it lost on the rule's day count, once", async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, '2026-09-07T14:00:00.000Z');
        const barcode = await shelveAt(library, 'cleanCode', 'downtown', { replacementPrice: 3_000 });
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-10-27T14:00:00.000Z');
        expect((await library.runDueJobs()).loansDeclaredLost).toBe(0);
        clock.set('2026-10-28T14:00:00.000Z');
        expect((await library.runDueJobs()).loansDeclaredLost).toBe(1);
        expect((await library.runDueJobs()).loansDeclaredLost).toBe(0);
        expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'LOST' });
      });
    });

    describe('when the copy is returned and lent again between the scan and the declaration', () => {
      it('should not mark it lost, nor charge its next borrower', async () => {
        const { library, clock } = aLibrary('city');
        await shelve(library, 'cormen', 1, { replacementPrice: 8_995 });
        await enrol(library, 'raj', 'dana');
        await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
        clock.set('2026-11-20T09:00:00.000Z'); // 60 days late
        const ageToLost = library.circulation.ageToLost.bind(library.circulation);
        const declaration = vi.spyOn(library.circulation, 'ageToLost').mockImplementationOnce(async (command) => {
          await library.circulation.returnCopy({ barcode: 'cormen-1' });
          await library.circulation.checkOut({ memberId: dana.id, barcode: 'cormen-1' });
          return ageToLost(command);
        });

        expect((await library.runDueJobs()).loansDeclaredLost).toBe(0);
        expect(declaration).toHaveBeenCalledTimes(1); // the scan nominated Raj's loan
        expect(await library.catalog.getCopy('cormen-1')).toMatchObject({ status: 'LOANED' });
        expect(await library.members.loans(dana.id)).toMatchObject([{ status: 'OPEN' }]);
        expect((await library.fines.ledger(dana.id)).fines).toEqual([]);
        expect((await library.fines.ledger(raj.id)).fines.map((f) => f.reason)).toEqual(['OVERDUE']);
      });
    });
  });
});
