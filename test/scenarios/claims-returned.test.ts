import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { RIVERTON_CITY } from '../fixtures/rules.js';
import { shelveAt } from '../rules/support.js';

const { arjun } = MemberFixtures;

describe('Scenario: Arjun says he returned Clean Code (Riverton City Library, America/New_York)', () => {
  it('should stop his fine at the claim, keep the loan on his record meanwhile, and close it with fines up to the claim when the copy turns up', async () => {
    // Monday 7 September 2026, 10:00 in New York, at the Downtown branch.
    const { library, clock } = aLibrary('college', { policy: RIVERTON_CITY });
    clock.set('2026-09-07T14:00:00.000Z');
    await enrol(library, 'arjun');
    const barcode = await shelveAt(library, 'cleanCode', 'downtown');
    const resolutions: string[] = [];
    library.events.on('loan.claim-resolved', (e) => {
      resolutions.push(e.resolution);
    });

    // Arjun borrows the book for an adult's 21 days: due Monday 28 September.
    const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode });
    expect(loan.dueAt).toBe('2026-09-28T14:00:00.000Z');

    // On Saturday 3 October, five days past due, an overdue notice brings him to the desk: he says he put the
    // book in the returns slot last week. Staff record the claim; the loan stays open on his record.
    clock.set('2026-10-03T14:00:00.000Z');
    const claimed = await library.claims.claim({ barcode });
    expect(claimed).toMatchObject({ loanId: loan.loanId, status: 'OPEN' });
    expect(await library.members.loans(arjun.id)).toMatchObject([{ loanId: loan.loanId, barcode }]);

    // While the claim is open the loan cannot be renewed, and no fine is charged yet.
    await expect(library.circulation.renew({ barcode })).rejects.toMatchObject({ code: 'RENEWAL_OF_CLAIMED_LOAN' });
    expect((await library.fines.ledger(arjun.id)).fines).toEqual([]);

    // A month on, the loan is past the 30 days overdue after which an adult's loan is aged to lost; a claimed loan
    // never is, so the aging sweep passes it by and Arjun is charged no replacement.
    clock.set('2026-11-02T14:00:00.000Z');
    expect(await library.lostItems.ageOverdueToLost()).toEqual([]);
    expect(await library.members.loans(arjun.id)).toMatchObject([{ loanId: loan.loanId, status: 'OPEN' }]);
    expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'LOANED', borrowerId: arjun.id });
    expect((await library.fines.ledger(arjun.id)).balance).toEqual({ amount: 0, currency: 'USD' });

    // On Tuesday 3 November a shelver finds the copy misfiled in Downtown's stacks. Staff resolve the claim as found
    // on the shelf: the loan closes, and the fine counts only the days up to the claim — five days late, the first
    // two free, then $0.25 a day: $0.75, however long the copy sat on the shelf since.
    clock.set('2026-11-03T14:00:00.000Z');
    const receipt = await library.claims.resolve({ barcode, resolution: 'FOUND_ON_SHELF' });
    expect(receipt.loan).toMatchObject({ loanId: loan.loanId, status: 'RETURNED' });
    expect(receipt.finesAssessed.map((f) => [f.reason, f.amount])).toEqual([['OVERDUE', { amount: 75, currency: 'USD' }]]);
    expect(resolutions).toEqual(['FOUND_ON_SHELF']);

    // The copy is back in circulation and Arjun owes 75 cents; his record shows no open loan.
    expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'AVAILABLE', borrowerId: null });
    expect(await library.members.loans(arjun.id)).toEqual([]);
    expect((await library.fines.ledger(arjun.id)).balance).toEqual({ amount: 75, currency: 'USD' });
  });
});
