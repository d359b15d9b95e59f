import { describe, expect, it } from 'vitest';
import type { PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { CITY_POLICY } from '../../src/domain/policy/presets.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';

/** The city preset as seed 001 tells it: fines accrue nightly, a receipt at checkout, cards warned two weeks ahead. */
const NIGHTLY_CITY: PolicyDefinition = {
  ...CITY_POLICY,
  checkoutReceipts: true,
  cardExpiryNoticeDays: 14,
  entries: CITY_POLICY.entries.map((entry) => ({ ...entry, rule: { ...entry.rule, fineAccrual: 'DAILY' as const, dueDateCap: 'CARD_EXPIRY' as const } })),
};

describe('Scenario: Dana keeps a book past its due date as her card runs out (city library, nightly fines)', () => {
  it('should accrue her fine night by night, block her above $5, finalise it once at the return, end her loans with her card, and stop her borrowing until it is renewed', async () => {
    // Monday 7 September 2026, 09:00 UTC. Dana enrols with a card that expires on Tuesday 20 October.
    const { library, clock, notifier } = aLibrary('city', { policy: NIGHTLY_CITY });
    const [cormen = '', sedgewick = ''] = [...(await shelve(library, 'cormen', 1)), ...(await shelve(library, 'sedgewick', 1))];
    await library.members.register({ id: 'M-DANA', name: 'Dana', contact: { email: 'dana@example.org' }, cardExpiresAt: new Date('2026-10-20T09:00:00.000Z') });
    const nightly = async (day: string) => {
      clock.set(`${day}T02:00:00.000Z`);
      const report = await library.runDueJobs();
      await library.idle();
      return report;
    };
    const overdueFines = async () => (await library.fines.ledger('M-DANA')).fines.map((f) => [f.reason, f.amount.amount, f.status]);

    // She borrows Cormen for 14 days, due Monday 21 September, and gets a receipt saying so.
    const loan = await library.circulation.checkOut({ memberId: 'M-DANA', barcode: cormen });
    expect(loan.dueAt).toBe('2026-09-21T09:00:00.000Z');
    await library.idle();
    expect(notifier.notices({ kind: 'checkout-receipt' }).map((n) => n.body)).toEqual([`You borrowed "Introduction to Algorithms" (copy ${cormen}). It is due back on 2026-09-21.`]);

    // The book is late: each night raises one open fine to $0.25 a started late day, and her account shows it.
    expect((await nightly('2026-09-25')).finesAccrued).toBe(1);
    expect(await overdueFines()).toEqual([['OVERDUE', 100, 'OPEN']]);

    // Two weeks before her card expires, the night's jobs tell her so, once.
    expect((await nightly('2026-10-07')).cardExpiryNotices).toBe(1);
    expect((await nightly('2026-10-08')).cardExpiryNotices).toBe(0);
    expect(notifier.notices({ kind: 'card-expiring' }).map((n) => n.subject)).toEqual(['Your library card expires in 14 days']);

    // After 22 started late days the fine is $5.50, above the $5 threshold: she cannot borrow Sedgewick.
    await nightly('2026-10-13');
    expect((await library.members.get('M-DANA')).fineBalance.amount).toBe(550);
    clock.set('2026-10-13T09:00:00.000Z');
    await expect(library.circulation.checkOut({ memberId: 'M-DANA', barcode: sedgewick })).rejects.toMatchObject({ code: 'FINES_OVER_THRESHOLD' });

    // She returns Cormen on Wednesday 14 October: the same fine is finalised at 23 late days, $5.75, charged once.
    clock.set('2026-10-14T09:00:00.000Z');
    const receipt = await library.circulation.returnCopy({ barcode: cormen });
    expect(receipt.finesAssessed.map((f) => f.amount.amount)).toEqual([575]);
    expect(await overdueFines()).toEqual([['OVERDUE', 575, 'OPEN']]);

    // She pays and borrows Sedgewick; the loan ends when her card does, on 20 October, not 14 days on.
    await library.fines.pay({ memberId: 'M-DANA', amount: 575, method: 'card' });
    const cut = await library.circulation.checkOut({ memberId: 'M-DANA', barcode: sedgewick });
    expect(cut.dueAt).toBe('2026-10-20T09:00:00.000Z');
    clock.set('2026-10-19T09:00:00.000Z');
    await library.circulation.returnCopy({ barcode: sedgewick });

    // On 21 October her card has expired: no more borrowing, until the desk renews it for a year.
    clock.set('2026-10-21T09:00:00.000Z');
    await expect(library.circulation.checkOut({ memberId: 'M-DANA', barcode: cormen })).rejects.toMatchObject({ code: 'CARD_EXPIRED' });
    await library.members.renewCard({ memberId: 'M-DANA', expiresAt: new Date('2027-10-21T09:00:00.000Z') });
    expect((await library.circulation.checkOut({ memberId: 'M-DANA', barcode: cormen })).dueAt).toBe('2026-11-04T09:00:00.000Z');
  });
});
