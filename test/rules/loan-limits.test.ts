import { describe, expect, it } from 'vitest';
import type { LoanCategory } from '../../src/domain/catalog/LoanCategory.js';
import type { CirculationRule, PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import type { BookKey } from '../fixtures/catalog.js';
import { MemberFixtures } from '../fixtures/members.js';
import { aRulesLibrary, shelveAt } from './support.js';

const { priya } = MemberFixtures;
const MONDAY = '2026-09-07T09:00:00.000Z';

const everyday: CirculationRule = {
  loanDays: 14,
  renewalDays: 14,
  maxActiveLoans: 10,
  maxRenewals: 2,
  maxOverdueDaysToRenew: 0,
  pickupWindowHours: null,
  maxActiveReservations: 3,
  blockingFineThreshold: null,
  fine: { kind: 'flat', perDay: 10 },
};

/** A library that lends one short-loan copy and three media copies at a time, within a member-wide limit. */
function perItemTypeLimits(memberWide: number): PolicyDefinition {
  return {
    name: 'per-item-type-limits',
    source: 'test fixture',
    currency: 'GBP',
    charges: { damaged: 0, lost: 0, defaultReplacement: 1_500 },
    entries: [
      { id: 'everyone', match: {}, rule: { ...everyday, maxActiveLoans: memberWide } },
      { id: 'short-loan', match: { itemType: 'SHORT_LOAN' }, rule: { ...everyday, maxActiveLoans: 1 } },
      { id: 'media', match: { itemType: 'MEDIA' }, rule: { ...everyday, maxActiveLoans: 3 } },
    ],
  };
}

type Checkout = readonly [BookKey, LoanCategory];
const SHORT_THEN_MEDIA: readonly Checkout[] = [
  ['cormen', 'SHORT_LOAN'],
  ['sedgewick', 'MEDIA'],
  ['cleanCode', 'MEDIA'],
  ['designPatterns', 'MEDIA'],
];

/** Lends each copy to Priya in turn; the code of each refusal, or LENT. */
async function lendInOrder(policy: PolicyDefinition, checkouts: readonly Checkout[]): Promise<Record<string, string>> {
  const { library } = await aRulesLibrary(policy, MONDAY);
  const outcome: Record<string, string> = {};
  for (const [book, loanCategory] of checkouts) {
    const barcode = await shelveAt(library, book, 'main', { loanCategory });
    outcome[barcode] = await library.circulation.checkOut({ memberId: priya.id, barcode }).then(
      () => 'LENT',
      (error: unknown) => (error as { code: string }).code,
    );
  }
  return outcome;
}

describe('Circulation rules', () => {
  describe('.checkOut loan limits per item type', () => {
    describe('when a member borrows one short-loan copy and three media copies (limits 1 and 3)', () => {
      it('should lend all four, whichever comes first', async () => {
        const policy = perItemTypeLimits(10);
        const shortFirst = await lendInOrder(policy, SHORT_THEN_MEDIA);
        const mediaFirst = await lendInOrder(policy, [...SHORT_THEN_MEDIA].reverse());
        expect(shortFirst).toEqual({ 'cormen-main-1': 'LENT', 'sedgewick-main-1': 'LENT', 'cleanCode-main-1': 'LENT', 'designPatterns-main-1': 'LENT' });
        expect(mediaFirst).toEqual(shortFirst);
      });
    });

    describe('when the member already has the one short-loan copy the rule allows', () => {
      it('should refuse a second short-loan copy with LOAN_LIMIT_REACHED, and still lend media', async () => {
        const outcome = await lendInOrder(perItemTypeLimits(10), [
          ['cormen', 'SHORT_LOAN'],
          ['sedgewick', 'SHORT_LOAN'],
          ['cleanCode', 'MEDIA'],
        ]);
        expect(outcome).toEqual({ 'cormen-main-1': 'LENT', 'sedgewick-main-1': 'LOAN_LIMIT_REACHED', 'cleanCode-main-1': 'LENT' });
      });
    });

    describe('when the member-wide limit is reached by loans of other item types', () => {
      it('should refuse a media copy with LOAN_LIMIT_REACHED although the media limit is not', async () => {
        const outcome = await lendInOrder(perItemTypeLimits(2), [
          ['cormen', 'STANDARD'],
          ['sedgewick', 'STANDARD'],
          ['cleanCode', 'MEDIA'],
        ]);
        expect(outcome).toEqual({ 'cormen-main-1': 'LENT', 'sedgewick-main-1': 'LENT', 'cleanCode-main-1': 'LOAN_LIMIT_REACHED' });
      });
    });
  });
});
