import { describe, expect, it } from 'vitest';
import { MemberError } from '../../src/domain/members/MemberError.js';
import type { CirculationRule, PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { Library } from '../../src/Library.js';
import { RecordingChannel } from '../../src/infrastructure/notify/RecordingChannel.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { shelveAt } from './support.js';

const MONDAY = '2026-09-07T09:00:00.000Z';
const DAY_MS = 86_400_000;
const daysAfterMonday = (days: number): string => new Date(Date.parse(MONDAY) + days * DAY_MS).toISOString();
const STAFF = { staffId: 'staff-ana', reason: 'card renewal form handed in' };

/** 14-day loans renewable for 14 days, no fines; cut back to the card's expiry when `dueDateCap` says so. */
const rule = (overrides: Partial<CirculationRule> = {}): CirculationRule => ({
  loanDays: 14,
  renewalDays: 14,
  maxActiveLoans: 10,
  maxRenewals: 3,
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: 48,
  maxActiveReservations: 3,
  blockingFineThreshold: null,
  fine: { kind: 'none' },
  ...overrides,
});

const policyWith = (overrides: Partial<CirculationRule> = {}, policy: Partial<PolicyDefinition> = {}): PolicyDefinition => ({
  name: 'cards',
  source: 'test fixture',
  currency: 'GBP',
  charges: { damaged: 0, lost: 0, defaultReplacement: 50 },
  entries: [{ id: 'everyone', match: {}, rule: rule(overrides) }],
  ...policy,
});

/** Priya's card runs out ten days after Monday morning; Raj's never does. */
async function aCardLibrary(policy: PolicyDefinition = policyWith()) {
  const clock = new FixedClock(MONDAY);
  const notifier = new RecordingChannel();
  const library = Library.create({ clock, policy, channels: [notifier], ids: new SequentialIdGenerator() });
  await library.members.register({ id: 'M-PRIYA', name: 'Priya', contact: { email: 'priya@example.org' }, cardExpiresAt: new Date(daysAfterMonday(10)) });
  await library.members.register({ id: 'M-RAJ', name: 'Raj' });
  const barcode = await shelveAt(library, 'cormen', 'main');
  return { library, clock, notifier, barcode };
}

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return MemberError.is(error) ? `${error.code} ${String(error.details.cardExpiresAt)}` : String(error);
};

describe('Card expiry', () => {
  describe('.members.register', () => {
    describe('when a card expiry is given', () => {
      it('should show it on the member', async () => {
        const { library } = await aCardLibrary();
        expect((await library.members.get('M-PRIYA')).cardExpiresAt).toBe(daysAfterMonday(10));
        expect((await library.members.get('M-RAJ')).cardExpiresAt).toBeNull();
      });
    });

    describe('when the expiry is not in the future', () => {
      it('should refuse with INVALID_INPUT and register nobody', async () => {
        const { library } = await aCardLibrary();
        await expect(library.members.register({ id: 'M-OLD', name: 'Old', cardExpiresAt: new Date(MONDAY) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        expect(await library.members.find('M-OLD')).toBeNull();
      });
    });
  });

  describe('.circulation.checkOut', () => {
    describe('when the card has expired', () => {
      it('should refuse with CARD_EXPIRED, and explain() should list it as a block staff may override', async () => {
        const { library, clock, barcode } = await aCardLibrary();
        clock.set(daysAfterMonday(11));
        expect(await refusal(library.circulation.checkOut({ memberId: 'M-PRIYA', barcode }))).toBe(`CARD_EXPIRED ${daysAfterMonday(10)}`);
        const explained = await library.explain({ memberId: 'M-PRIYA', barcode });
        expect(explained.refusals).toMatchObject([{ code: 'CARD_EXPIRED', overridable: true }]);
        expect(explained.text).toContain('(CARD_EXPIRED, staff may override)');
        expect(await library.members.loans('M-PRIYA')).toEqual([]);
      });

      it('should lend when staff override, recording who and why in the audit log', async () => {
        const { library, clock, barcode } = await aCardLibrary();
        clock.set(daysAfterMonday(11));
        const loan = await library.as({ id: 'staff:ana' }).circulation.checkOut({ memberId: 'M-PRIYA', barcode, override: STAFF });
        expect(loan.dueAt).toBe(daysAfterMonday(25));
        const overrides = (await library.audit.query({ memberId: 'M-PRIYA' })).filter((e) => e.action === 'member.block-overridden');
        expect(overrides).toMatchObject([{ actor: 'staff:ana', data: { action: 'borrow', blocks: ['CARD_EXPIRED'], staffId: 'staff-ana', reason: STAFF.reason } }]);
      });
    });

    describe('when the card is renewed', () => {
      it('should lend again', async () => {
        const { library, clock, barcode } = await aCardLibrary();
        clock.set(daysAfterMonday(11));
        const renewed = await library.members.renewCard({ memberId: 'M-PRIYA', expiresAt: new Date(daysAfterMonday(376)) });
        expect(renewed.cardExpiresAt).toBe(daysAfterMonday(376));
        await expect(library.circulation.checkOut({ memberId: 'M-PRIYA', barcode })).resolves.toMatchObject({ memberId: 'M-PRIYA' });
        expect((await library.audit.query({ memberId: 'M-PRIYA' })).map((e) => e.action)).toContain('member.card-renewed');
      });
    });

    describe('when the rule cuts due dates back to the card expiry', () => {
      it('should make the loan due when the card expires, and explain() should say so', async () => {
        const { library, barcode } = await aCardLibrary(policyWith({ dueDateCap: 'CARD_EXPIRY' }));
        const explained = await library.explain({ memberId: 'M-PRIYA', barcode });
        expect(explained.dueDate).toMatchObject({ dueAt: daysAfterMonday(10), cutAtCardExpiry: true });
        expect(explained.text).toContain("cut back to the card's expiry.");
        expect((await library.circulation.checkOut({ memberId: 'M-PRIYA', barcode })).dueAt).toBe(daysAfterMonday(10));
      });

      it('should leave the due date of a member whose card outlasts the loan', async () => {
        const { library, barcode } = await aCardLibrary(policyWith({ dueDateCap: 'CARD_EXPIRY' }));
        expect((await library.circulation.checkOut({ memberId: 'M-RAJ', barcode })).dueAt).toBe(daysAfterMonday(14));
      });
    });

    describe('when the rule does not cut due dates back', () => {
      it('should give the full loan period', async () => {
        const { library, barcode } = await aCardLibrary();
        expect((await library.circulation.checkOut({ memberId: 'M-PRIYA', barcode })).dueAt).toBe(daysAfterMonday(14));
      });
    });
  });

  describe('.circulation.renew', () => {
    describe('when the card expires before the renewed due date and the rule cuts due dates back', () => {
      it('should renew only up to the card expiry', async () => {
        const { library, clock, barcode } = await aCardLibrary(policyWith({ dueDateCap: 'CARD_EXPIRY', loanDays: 3 }));
        await library.circulation.checkOut({ memberId: 'M-PRIYA', barcode });
        clock.set(daysAfterMonday(2));
        expect((await library.circulation.renew({ barcode })).dueAt).toBe(daysAfterMonday(10));
      });
    });

    describe('when the card has expired', () => {
      it('should refuse with CARD_EXPIRED', async () => {
        const { library, clock, barcode } = await aCardLibrary();
        await library.circulation.checkOut({ memberId: 'M-PRIYA', barcode });
        clock.set(daysAfterMonday(12));
        expect(await refusal(library.circulation.renew({ barcode }))).toBe(`CARD_EXPIRED ${daysAfterMonday(10)}`);
        expect((await library.members.loans('M-PRIYA'))[0]?.dueAt).toBe(daysAfterMonday(14));
      });
    });
  });

  describe('.reservations.reserve', () => {
    describe('when the card has expired', () => {
      it('should refuse with CARD_EXPIRED and place no hold', async () => {
        const { library, clock } = await aCardLibrary();
        clock.set(daysAfterMonday(10));
        expect(await refusal(library.reservations.reserve({ memberId: 'M-PRIYA', isbn: BookFixtures.cormen.isbn }))).toBe(`CARD_EXPIRED ${daysAfterMonday(10)}`);
        expect((await library.members.get('M-PRIYA')).activeReservationCount).toBe(0);
      });
    });
  });

  describe('.digital.borrow', () => {
    describe('when the card has expired', () => {
      it('should refuse with CARD_EXPIRED, as a print checkout would', async () => {
        const t = await aDigitalLibrary();
        await t.library.members.register({ id: 'M-PRIYA', name: 'Priya', cardExpiresAt: new Date(daysAfterMonday(1)) });
        const copyId = await license(t, 'cormenEpub');
        t.clock.set(daysAfterMonday(2));
        expect(await refusal(t.library.digital.borrow({ memberId: 'M-PRIYA', copyId }))).toBe(`CARD_EXPIRED ${daysAfterMonday(1)}`);
      });
    });
  });

  describe('.runDueJobs', () => {
    describe('when a card expires within the notice period', () => {
      it('should tell the member once per expiry, and again before a renewed card expires', async () => {
        const { library, clock, notifier } = await aCardLibrary(policyWith({}, { cardExpiryNoticeDays: 7 }));
        clock.set(daysAfterMonday(2));
        expect((await library.runDueJobs()).cardExpiryNotices).toBe(0);
        clock.set(daysAfterMonday(4));
        expect((await library.runDueJobs()).cardExpiryNotices).toBe(1);
        clock.set(daysAfterMonday(5));
        expect((await library.runDueJobs()).cardExpiryNotices).toBe(0);
        await library.members.renewCard({ memberId: 'M-PRIYA', expiresAt: new Date(daysAfterMonday(20)) });
        clock.set(daysAfterMonday(14));
        expect((await library.runDueJobs()).cardExpiryNotices).toBe(1);
        await library.idle();
        expect(notifier.notices({ kind: 'card-expiring' }).map((n) => [n.memberId, n.subject, n.data.expiresAt])).toEqual([
          ['M-PRIYA', 'Your library card expires in 6 days', daysAfterMonday(10)],
          ['M-PRIYA', 'Your library card expires in 6 days', daysAfterMonday(20)],
        ]);
      });
    });

    describe('when the policy sets no notice period', () => {
      it('should tell nobody', async () => {
        const { library, clock } = await aCardLibrary();
        clock.set(daysAfterMonday(9));
        expect((await library.runDueJobs()).cardExpiryNotices).toBe(0);
      });
    });
  });
});
