import { describe, expect, it } from 'vitest';
import type { RenewalControls } from '../../src/domain/policy/CirculationControls.js';
import type { PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MemberFixtures } from '../fixtures/members.js';
import { HILLSIDE_SCHOOL, RIVERTON_CITY } from '../fixtures/rules.js';
import { aRulesLibrary, shelveAt } from './support.js';

const { priya, raj, meera, arjun, dana } = MemberFixtures;
/** Monday 7 September 2026, 10:00 in New York. */
const CITY_MONDAY = '2026-09-07T14:00:00.000Z';
/** Monday 7 September 2026, 10:00 in London. */
const SCHOOL_MONDAY = '2026-09-07T09:00:00.000Z';
const withoutNotBefore = (renewal: RenewalControls | undefined, drop: boolean): RenewalControls => {
  const { notBeforeDaysToDue, ...rest } = renewal ?? {};
  return drop || notBeforeDaysToDue === undefined ? rest : { ...rest, notBeforeDaysToDue };
};

/** The same policy with every entry counting renewals from the moment of the renewal (and, when given, other rule values). */
const countingRenewalsFromTheRenewal = (policy: PolicyDefinition, rule: { readonly renewalDays?: number; readonly anyTime?: boolean } = {}): PolicyDefinition => ({
  ...policy,
  entries: policy.entries.map((entry) => ({
    ...entry,
    rule: {
      ...entry.rule,
      ...(rule.renewalDays === undefined ? {} : { renewalDays: rule.renewalDays }),
      renewal: { ...withoutNotBefore(entry.rule.renewal, rule.anyTime === true), base: 'RENEWAL_DATE' },
    },
  })),
});
const total = (fines: readonly { amount: { amount: number } }[]): number => fines.reduce((sum, f) => sum + f.amount.amount, 0);

describe('Circulation rules', () => {
  describe('.checkOut due dates', () => {
    describe('when the due date falls on Thanksgiving', () => {
      it('should move it to the next open day at the same wall-clock time', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, '2026-11-05T15:00:00.000Z');
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode });
        expect(loan.dueAt).toBe('2026-11-27T15:00:00.000Z');
      });
    });

    describe('when the due date falls in half term, across the end of summer time', () => {
      it('should land on the first open day at 10:00 London time (GMT by then)', async () => {
        const { library } = await aRulesLibrary(HILLSIDE_SCHOOL, '2026-10-12T09:00:00.000Z');
        const barcode = await shelveAt(library, 'cormen', 'hillside');
        const loan = await library.circulation.checkOut({ memberId: priya.id, barcode });
        expect(loan.dueAt).toBe('2026-11-02T10:00:00.000Z');
      });
    });

    describe('when the rule moves closed-day due dates back (Riverside media)', () => {
      it('should make it due on the previous open day', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'designPatterns', 'riverside', { loanCategory: 'MEDIA' });
        const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode });
        expect(loan.dueAt).toBe('2026-09-19T14:00:00.000Z');
      });
    });

    describe('when a short-loan copy would be due after closing', () => {
      it('should end the hourly loan at closing time', async () => {
        const { library } = await aRulesLibrary(HILLSIDE_SCHOOL, '2026-09-07T14:00:00.000Z');
        const barcode = await shelveAt(library, 'sedgewick', 'hillside', { loanCategory: 'SHORT_LOAN' });
        const loan = await library.circulation.checkOut({ memberId: priya.id, barcode });
        expect(loan.dueAt).toBe('2026-09-07T15:00:00.000Z');
      });
    });
  });

  describe('.returnCopy fines', () => {
    describe('when returned within the grace period', () => {
      it('should charge nothing', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-09-30T14:00:00.000Z');
        expect(total((await library.circulation.returnCopy({ barcode })).finesAssessed)).toBe(0);
      });
    });

    describe('when returned past a grace period counted from its end', () => {
      it('should charge only the days after grace', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-10-03T14:00:00.000Z');
        expect(total((await library.circulation.returnCopy({ barcode })).finesAssessed)).toBe(3 * 25);
      });
    });

    describe('when returned past a grace period counted from the due date, skipping closed days', () => {
      it('should charge every open late day', async () => {
        const { library, clock } = await aRulesLibrary(HILLSIDE_SCHOOL, SCHOOL_MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'hillside');
        await library.circulation.checkOut({ memberId: priya.id, barcode });
        clock.set('2026-09-28T09:00:00.000Z');
        expect(total((await library.circulation.returnCopy({ barcode })).finesAssessed)).toBe(5 * 10);
      });
    });
  });

  describe('.renew', () => {
    describe('when asked earlier than the rule allows', () => {
      it('should refuse with RENEWAL_TOO_EARLY', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        await expect(library.circulation.renew({ barcode })).rejects.toMatchObject({ code: 'RENEWAL_TOO_EARLY' });
      });
    });

    describe('when a member waits but another copy can satisfy them', () => {
      it('should renew from the due date', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const first = await shelveAt(library, 'cleanCode', 'downtown', { n: 1 });
        const second = await shelveAt(library, 'cleanCode', 'downtown', { n: 2 });
        await library.circulation.checkOut({ memberId: arjun.id, barcode: first });
        await library.circulation.checkOut({ memberId: dana.id, barcode: second });
        await library.reservations.reserve({ memberId: raj.id, isbn: BookFixtures.cleanCode.isbn });
        clock.set('2026-09-26T14:00:00.000Z');
        expect((await library.circulation.renew({ barcode: first })).dueAt).toBe('2026-10-19T14:00:00.000Z');
      });
    });

    describe('when the rule counts renewals from the renewal date', () => {
      it('should give the renewal period from now, not from the due date', async () => {
        const { library, clock } = await aRulesLibrary(countingRenewalsFromTheRenewal(RIVERTON_CITY), CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-09-26T14:00:00.000Z');
        const renewed = await library.circulation.renew({ barcode });
        expect({ before: loan.dueAt, after: renewed.dueAt }).toEqual({ before: '2026-09-28T14:00:00.000Z', after: '2026-10-17T14:00:00.000Z' });
      });
    });

    describe('when a renewal counted from the renewal date would end the loan sooner', () => {
      it('should keep the current due date', async () => {
        const { library } = await aRulesLibrary(countingRenewalsFromTheRenewal(RIVERTON_CITY, { renewalDays: 1, anyTime: true }), CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode });
        expect((await library.circulation.renew({ barcode })).dueAt).toBe(loan.dueAt);
      });
    });
  });

  describe('.autoRenewDue', () => {
    describe('when a loan whose rule renews automatically falls due', () => {
      it('should renew it, and refuse once the no-auto-renew-after limit is reached', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-09-28T02:00:00.000Z');
        const first = await library.circulation.autoRenewDue();
        expect(first.renewed.map((l) => l.dueAt)).toEqual(['2026-10-19T14:00:00.000Z']);
        clock.set('2026-10-19T02:00:00.000Z');
        expect((await library.circulation.autoRenewDue()).renewed.map((l) => l.dueAt)).toEqual(['2026-11-09T15:00:00.000Z']);
        clock.set('2026-11-09T03:00:00.000Z');
        expect((await library.circulation.autoRenewDue()).refused).toEqual([{ loanId: 'loan-000001', code: 'AUTO_RENEWAL_LIMIT_REACHED' }]);
      });
    });
  });

  describe('patron blocks', () => {
    describe('when staff block borrowing', () => {
      it('should refuse a checkout, allow a request, and lend with a recorded override', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await shelveAt(library, 'cormen', 'downtown');
        await library.blocks.place({ memberId: arjun.id, actions: ['borrow'], message: 'Card expired: bring proof of address', placedBy: 'staff-ana' });
        await expect(library.circulation.checkOut({ memberId: arjun.id, barcode })).rejects.toMatchObject({ code: 'MEMBER_BLOCKED' });
        await library.reservations.reserve({ memberId: arjun.id, isbn: BookFixtures.cormen.isbn });
        const overridden: string[] = [];
        library.events.on('member.block-overridden', (e) => {
          overridden.push(`${e.staffId}: ${e.reason}`);
        });
        await library.circulation.checkOut({ memberId: arjun.id, barcode, override: { staffId: 'staff-ana', reason: 'address seen' } });
        expect(overridden).toEqual(['staff-ana: address seen']);
      });
    });

    describe('when a block has expired', () => {
      it('should no longer stop the action', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.blocks.place({ memberId: arjun.id, actions: ['borrow'], message: 'cool-off', placedBy: 'staff-ana', expiresAt: new Date('2026-09-08T14:00:00Z') });
        clock.set('2026-09-08T14:00:00.000Z');
        await expect(library.circulation.checkOut({ memberId: arjun.id, barcode })).resolves.toMatchObject({ barcode });
      });
    });

    describe('when the member has reached the overdue limit', () => {
      it('should block borrowing automatically', async () => {
        const { library, clock } = await aRulesLibrary(HILLSIDE_SCHOOL, SCHOOL_MONDAY);
        const a = await shelveAt(library, 'cormen', 'hillside');
        const b = await shelveAt(library, 'sedgewick', 'hillside');
        const c = await shelveAt(library, 'cleanCode', 'hillside');
        await library.circulation.checkOut({ memberId: priya.id, barcode: a });
        await library.circulation.checkOut({ memberId: priya.id, barcode: b });
        clock.set('2026-09-22T09:00:00.000Z');
        await expect(library.circulation.checkOut({ memberId: priya.id, barcode: c })).rejects.toMatchObject({ code: 'OVERDUE_LIMIT_REACHED' });
      });
    });
  });

  describe('.recall', () => {
    describe('when every copy is out', () => {
      it('should shorten the loan to the recall period, never below the guaranteed minimum, and fine at the recall rate', async () => {
        const { library, clock } = await aRulesLibrary(HILLSIDE_SCHOOL, SCHOOL_MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'hillside');
        await library.circulation.checkOut({ memberId: meera.id, barcode });
        clock.set('2026-09-09T09:00:00.000Z');
        const { recalled, reservation } = await library.recalls.recall({ memberId: priya.id, isbn: BookFixtures.cormen.isbn });
        expect(recalled?.dueAt).toBe('2026-09-14T09:00:00.000Z');
        expect(reservation.status).toBe('WAITING');
        clock.set('2026-09-16T09:00:00.000Z');
        const receipt = await library.circulation.returnCopy({ barcode });
        expect(total(receipt.finesAssessed)).toBe(2 * 100);
        expect(receipt.heldFor?.memberId).toBe(priya.id);
        expect(receipt.heldFor?.expiresAt).toBe('2026-09-21T15:00:00.000Z');
      });
    });

    describe('when no loan of the title may be recalled', () => {
      it('should refuse with NOTHING_TO_RECALL', async () => {
        const { library } = await aRulesLibrary(HILLSIDE_SCHOOL, SCHOOL_MONDAY);
        const barcode = await shelveAt(library, 'cormen', 'hillside');
        await library.circulation.checkOut({ memberId: raj.id, barcode });
        await expect(library.recalls.recall({ memberId: priya.id, isbn: BookFixtures.cormen.isbn })).rejects.toMatchObject({ code: 'NOTHING_TO_RECALL' });
      });
    });
  });

  describe('claims returned', () => {
    describe('when the copy is later found on the shelf', () => {
      it('should close the loan with fines only up to the claim', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-10-03T14:00:00.000Z');
        await library.claims.claim({ barcode });
        const resolutions: string[] = [];
        library.events.on('loan.claim-resolved', (e) => {
          resolutions.push(e.resolution);
        });
        clock.set('2026-10-20T14:00:00.000Z');
        const receipt = await library.claims.resolve({ barcode, resolution: 'FOUND_ON_SHELF' });
        expect(total(receipt.finesAssessed)).toBe(3 * 25);
        expect(receipt.loan.status).toBe('RETURNED');
        expect(resolutions).toEqual(['FOUND_ON_SHELF']);
      });
    });

    describe('when the loan was never claimed', () => {
      it('should refuse to resolve with CLAIM_NOT_OPEN', async () => {
        const { library } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        await expect(library.claims.resolve({ barcode, resolution: 'RETURNED_BY_MEMBER' })).rejects.toMatchObject({ code: 'CLAIM_NOT_OPEN' });
      });
    });
  });

  describe('lost items', () => {
    describe('when a loan is overdue past the aging limit and the copy comes back within the refund window', () => {
      it('should charge replacement and processing, then refund the replacement and restore the overdue fine', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const barcode = await shelveAt(library, 'cleanCode', 'downtown', { replacementPrice: 3_000 });
        await library.circulation.checkOut({ memberId: arjun.id, barcode });
        clock.set('2026-10-27T14:00:00.000Z');
        expect(await library.lostItems.ageOverdueToLost()).toEqual([]);
        clock.set('2026-10-28T14:00:00.000Z');
        const [report] = await library.lostItems.ageOverdueToLost();
        expect(report?.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['REPLACEMENT', 3_000], ['LOST', 500]]);
        clock.set('2026-11-10T14:00:00.000Z');
        const found = await library.circulation.markFound({ barcode });
        expect(found.settlement).toMatchObject({ withinRefundWindow: true, refundDue: 0, restoredFine: { amount: { amount: 28 * 25 } } });
        expect((await library.fines.ledger(arjun.id)).balance.amount).toBe(500 + 28 * 25);
      });
    });
  });

  describe('.declareEmergencyClosure', () => {
    describe('when loans and pickups fall inside the closure', () => {
      it('should shift them to the next open day and keep the originals', async () => {
        const { library, clock } = await aRulesLibrary(RIVERTON_CITY, CITY_MONDAY);
        const loaned = await shelveAt(library, 'cleanCode', 'downtown');
        const held = await shelveAt(library, 'cormen', 'downtown');
        await library.circulation.checkOut({ memberId: arjun.id, barcode: loaned });
        clock.set('2026-09-25T14:00:00.000Z');
        await library.reservations.reserve({ memberId: dana.id, isbn: BookFixtures.cormen.isbn });
        const report = await library.calendars.declareEmergencyClosure({ branch: 'downtown', from: '2026-09-28', to: '2026-09-29', reason: 'Burst pipe' });
        expect(report.shiftedLoans).toEqual([{ id: 'loan-000001', barcode: loaned, memberId: arjun.id, original: '2026-09-28T14:00:00.000Z', shiftedTo: '2026-09-30T14:00:00.000Z' }]);
        expect(report.shiftedHolds).toEqual([{ id: 'res-000001', barcode: held, memberId: dana.id, original: '2026-09-28T14:00:00.000Z', shiftedTo: '2026-10-01T00:00:00.000Z' }]);
        expect((await library.reservations.get('res-000001')).expiresAt).toBe('2026-10-01T00:00:00.000Z');
      });
    });
  });
});
