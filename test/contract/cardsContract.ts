import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/application/ports/Store.js';
import type { PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';
import { shelve } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import type { StoreHarness } from './storeContract.js';

const DAY_MS = 86_400_000;
const daysLater = (days: number): string => new Date(Date.parse(MONDAY_MORNING) + days * DAY_MS).toISOString();

/** 14-day loans at 10 a late day accrued daily, capped at 100; card renewals warned 7 days ahead. */
const CARDS_LIBRARY: PolicyDefinition = {
  name: 'cards',
  source: 'test fixture',
  currency: 'GBP',
  charges: { damaged: 0, lost: 0, defaultReplacement: 500 },
  cardExpiryNoticeDays: 7,
  entries: [
    {
      id: 'everyone',
      match: {},
      rule: {
        loanDays: 14,
        renewalDays: 14,
        maxActiveLoans: 10,
        maxRenewals: 2,
        maxOverdueDaysToRenew: 0,
        pickupWindowHours: null,
        maxActiveReservations: 3,
        blockingFineThreshold: null,
        fine: { kind: 'flat', perDay: 10, cap: { maxPerItem: 100 } },
        fineAccrual: 'DAILY',
        dueDateCap: 'CARD_EXPIRY',
      },
    },
  ],
};

/**
 * Card expiry, unique email addresses and accruing fines as every Store adapter keeps them (in-memory, PGlite,
 * PostgreSQL server): each is read back by a later transaction, and two registrations racing for one address never
 * both commit.
 */
export function cardsContract(adapter: string, harness: StoreHarness): void {
  describe(`Card expiry, email and fine accrual on ${adapter}`, () => {
    let store: Store;
    let clock: FixedClock;
    let library: Library;
    beforeEach(async () => {
      store = await harness.fresh();
      clock = new FixedClock(MONDAY_MORNING);
      library = Library.create({ store, clock, policy: CARDS_LIBRARY, ids: new SequentialIdGenerator() });
    });

    describe('.members', () => {
      describe('when a card expiry is registered and renewed', () => {
        it('should keep both, and the jobs should find the card about to expire', async () => {
          await library.members.register({ id: 'M-PRIYA', name: 'Priya', cardExpiresAt: new Date(daysLater(5)) });
          expect((await library.members.get('M-PRIYA')).cardExpiresAt).toBe(daysLater(5));
          expect((await library.runDueJobs()).cardExpiryNotices).toBe(1);
          await library.members.renewCard({ memberId: 'M-PRIYA', expiresAt: new Date(daysLater(400)) });
          expect((await library.members.get('M-PRIYA')).cardExpiresAt).toBe(daysLater(400));
          expect((await library.runDueJobs()).cardExpiryNotices).toBe(0);
        });
      });

      describe('when a second member registers with an address already registered', () => {
        it('should refuse with EMAIL_ALREADY_REGISTERED whatever the case, and register nobody', async () => {
          await library.members.register({ id: 'M-PRIYA', name: 'Priya', contact: { email: 'priya@example.org' } });
          await expect(library.members.register({ id: 'M-COPY', name: 'Copy', contact: { email: 'Priya@Example.org' } })).rejects.toMatchObject({
            code: 'EMAIL_ALREADY_REGISTERED',
            details: { email: 'Priya@Example.org' },
          });
          expect(await library.members.find('M-COPY')).toBeNull();
          await expect(library.members.register({ id: 'M-RAJ', name: 'Raj', contact: { email: 'raj@example.org' } })).resolves.toMatchObject({ memberId: 'M-RAJ' });
          await expect(library.members.register({ id: 'M-NONE', name: 'No email' })).resolves.toMatchObject({ memberId: 'M-NONE' });
        });
      });

      describe('when two members register with one address at once', () => {
        it('should register exactly one of them', async () => {
          const outcomes = await Promise.allSettled(
            ['M-ONE', 'M-TWO', 'M-THREE'].map((id) => library.members.register({ id, name: id, contact: { email: 'shared@example.org' } })),
          );
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code?: string }).code] : []));
          expect(refusals).toEqual(['EMAIL_ALREADY_REGISTERED', 'EMAIL_ALREADY_REGISTERED']);
        });
      });
    });

    describe('.fines', () => {
      describe('when the jobs accrue a fine, it is paid in part, accrues again and the copy comes back', () => {
        it('should read the same accruing fine back each time and finalise it once', async () => {
          await library.members.register({ id: 'M-PRIYA', name: 'Priya' });
          const [barcode = ''] = await shelve(library, 'cormen', 1);
          await library.circulation.checkOut({ memberId: 'M-PRIYA', barcode });
          clock.set(daysLater(17));
          expect((await library.runDueJobs()).finesAccrued).toBe(1);
          await library.fines.pay({ memberId: 'M-PRIYA', amount: 30, method: 'cash' });
          clock.set(daysLater(19));
          expect((await library.runDueJobs()).finesAccrued).toBe(1);
          expect((await library.fines.ledger('M-PRIYA')).fines.map((f) => [f.amount.amount, f.outstanding.amount, f.status])).toEqual([[50, 20, 'OPEN']]);
          clock.set(daysLater(20));
          await library.circulation.returnCopy({ barcode });
          const ledger = await library.fines.ledger('M-PRIYA');
          expect(ledger.fines.map((f) => [f.reason, f.amount.amount, f.outstanding.amount, f.status])).toEqual([['OVERDUE', 60, 30, 'OPEN']]);
          expect(ledger.balance.amount).toBe(30);
        });
      });

      describe('when an accruing fine is waived', () => {
        it('should keep it stopped until the return, which charges nothing', async () => {
          await library.members.register({ id: 'M-PRIYA', name: 'Priya' });
          const [barcode = ''] = await shelve(library, 'cormen', 1);
          await library.circulation.checkOut({ memberId: 'M-PRIYA', barcode });
          clock.set(daysLater(16));
          await library.runDueJobs();
          const fineId = (await library.fines.ledger('M-PRIYA')).fines[0]?.fineId ?? '';
          await library.fines.waive({ memberId: 'M-PRIYA', fineId, reason: 'goodwill' });
          clock.set(daysLater(18));
          expect((await library.runDueJobs()).finesAccrued).toBe(0);
          expect((await library.circulation.returnCopy({ barcode })).finesAssessed).toEqual([]);
          expect((await library.fines.ledger('M-PRIYA')).fines.map((f) => [f.amount.amount, f.status])).toEqual([[20, 'WAIVED']]);
        });
      });
    });
  });
}
