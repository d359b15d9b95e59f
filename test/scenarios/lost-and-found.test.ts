import { describe, expect, it } from 'vitest';
import { BookFixtures } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { RIVERTON_CITY } from '../fixtures/rules.js';
import { shelveAt } from '../rules/support.js';

const { dana, priya } = MemberFixtures;
const DESIGN_PATTERNS = BookFixtures.designPatterns.isbn;

describe('Scenario: Dana loses Design Patterns and finds it again (Riverton City Library, America/New_York)', () => {
  it('should charge replacement and processing, then refund what she paid of the replacement, keep the processing fee and restore the overdue fine', async () => {
    // Monday 7 September 2026, 10:00 in New York. Downtown's only Design Patterns is on the shelf, priced at $30.
    const { library, clock, notifier } = aLibrary('college', { policy: RIVERTON_CITY });
    clock.set('2026-09-07T14:00:00.000Z');
    await enrol(library, 'dana', 'priya');
    const barcode = await shelveAt(library, 'designPatterns', 'downtown', { replacementPrice: 3_000 });

    // Dana has a premium card: 28 days, due Monday 5 October.
    const loan = await library.circulation.checkOut({ memberId: dana.id, barcode });
    expect(loan.dueAt).toBe('2026-10-05T14:00:00.000Z');

    // A week after the due date Priya wants the title too; its only copy is out, so she joins the queue.
    clock.set('2026-10-12T14:00:00.000Z');
    const reservation = await library.reservations.reserve({ memberId: priya.id, isbn: DESIGN_PATTERNS });
    expect(reservation).toMatchObject({ status: 'WAITING', position: 1 });

    // On Monday 19 October, two weeks overdue, she tells the desk she has lost it. Staff declare the copy lost: the
    // loan closes as lost, and she is charged the copy's $30 replacement price and the adult rule's $5 processing fee.
    clock.set('2026-10-19T14:00:00.000Z');
    const lost = await library.lostItems.declareLost({ barcode, loanId: loan.loanId });
    expect(lost.loan).toMatchObject({ loanId: loan.loanId, status: 'LOST' });
    expect(lost.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([
      ['REPLACEMENT', 3_000],
      ['LOST', 500],
    ]);
    expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'LOST', borrowerId: null });
    expect((await library.fines.ledger(dana.id)).balance).toEqual({ amount: 3_500, currency: 'USD' });

    // She pays $20 on the spot; the rest can wait.
    await library.fines.pay({ memberId: dana.id, amount: 2_000, method: 'card' });
    expect((await library.fines.ledger(dana.id)).balance).toEqual({ amount: 1_500, currency: 'USD' });

    // Priya still waits for the title: the loss leaves her first in line, with no copy to be offered.
    expect(await library.reservations.get(reservation.reservationId)).toMatchObject({ status: 'WAITING', position: 1 });

    // On Monday 2 November, two weeks after the loss and well inside the 60-day refund window, Dana finds the book
    // under her car seat and brings it in. Staff mark it found: the replacement charge is cancelled, and the $20
    // she paid of it is due back to her; the $5 processing fee stands; the overdue fine the loss had stopped is
    // charged again up to the day of the loss: 14 days late, two of them free, twelve at $0.25 — $3.00.
    clock.set('2026-11-02T15:00:00.000Z');
    const found = await library.circulation.markFound({ barcode });
    expect(found.settlement).toMatchObject({
      loanId: loan.loanId,
      memberId: dana.id,
      withinRefundWindow: true,
      refundDue: 2_000,
      restoredFine: { reason: 'OVERDUE', amount: { amount: 300, currency: 'USD' } },
    });

    // The copy skips the shelf and goes to the hold shelf for Priya, who is told.
    expect(found.heldFor).toMatchObject({ barcode, memberId: priya.id });
    expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'RESERVED', heldFor: priya.id });
    await library.idle();
    expect(notifier.notices({ kind: 'reservation-ready', memberId: priya.id })).toHaveLength(1);

    // Dana's ledger as the desk sees it: the replacement waived, the processing fee and the restored fine open,
    // $8.00 in all (the $20 she paid is handed back at the desk, not kept against them).
    const ledger = await library.fines.ledger(dana.id);
    expect(ledger.fines.map((f) => [f.reason, f.status])).toEqual([
      ['REPLACEMENT', 'WAIVED'],
      ['LOST', 'OPEN'],
      ['OVERDUE', 'OPEN'],
    ]);
    expect(ledger.balance).toEqual({ amount: 800, currency: 'USD' });
  });
});
