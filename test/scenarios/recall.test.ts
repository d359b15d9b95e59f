import { describe, expect, it } from 'vitest';
import { BookFixtures } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { HILLSIDE_SCHOOL } from '../fixtures/rules.js';
import { shelveAt } from '../rules/support.js';

const { priya, meera } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

describe('Scenario: Priya recalls the Cormen Meera has out (Hillside School Library, Europe/London)', () => {
  it('should shorten Meera’s loan to the guaranteed minimum, refuse her renewal, fine her at the recall rate and hold the copy for Priya', async () => {
    // Monday 7 September 2026, 10:00 in London: the school is open, and its only Cormen is on the shelf.
    const { library, clock, notifier } = aLibrary('college', { policy: HILLSIDE_SCHOOL });
    await enrol(library, 'priya', 'meera');
    const barcode = await shelveAt(library, 'cormen', 'hillside');

    // Meera teaches: staff borrow for 28 days, so her loan would run to Monday 5 October.
    const meeraLoan = await library.circulation.checkOut({ memberId: meera.id, barcode });
    expect(meeraLoan.dueAt).toBe('2026-10-05T09:00:00.000Z');

    // On Wednesday Priya, a student, needs the book for an assignment and recalls it. She joins the queue first in
    // line; three days from now is a Saturday, and Meera is guaranteed seven days from checkout anyway, so her loan
    // now ends on Monday 14 September.
    clock.set('2026-09-09T09:00:00.000Z');
    const { reservation, recalled } = await library.recalls.recall({ memberId: priya.id, isbn: CORMEN });
    expect(reservation).toMatchObject({ memberId: priya.id, status: 'WAITING', position: 1 });
    expect(recalled).toMatchObject({ loanId: meeraLoan.loanId, memberId: meera.id, dueAt: '2026-09-14T09:00:00.000Z' });
    expect(await library.members.loans(meera.id)).toMatchObject([{ loanId: meeraLoan.loanId, dueAt: '2026-09-14T09:00:00.000Z' }]);

    // Asking again changes nothing: Priya keeps her place, and there is no second loan to recall.
    await expect(library.recalls.recall({ memberId: priya.id, isbn: CORMEN })).rejects.toMatchObject({ code: 'NOTHING_TO_RECALL' });
    expect(await library.reservations.get(reservation.reservationId)).toMatchObject({ status: 'WAITING', position: 1 });

    // On Friday Meera tries to keep the book longer: a recalled loan cannot be renewed, and its due date stands.
    clock.set('2026-09-11T09:00:00.000Z');
    await expect(library.circulation.renew({ barcode })).rejects.toMatchObject({ code: 'RENEWAL_OF_RECALLED_LOAN' });
    expect((await library.members.loans(meera.id))[0]?.dueAt).toBe('2026-09-14T09:00:00.000Z');

    // She brings it back on Wednesday 16 September, two days after the recalled due date. Staff are not fined for
    // lateness, but a recalled loan is fined at the recall rate: £1 a day, £2. The copy goes to the hold shelf for
    // Priya, for three open days, until closing (16:00 London) on Monday 21 September.
    clock.set('2026-09-16T09:00:00.000Z');
    const receipt = await library.circulation.returnCopy({ barcode });
    expect(receipt.daysLate).toBe(2);
    expect(receipt.finesAssessed.map((f) => f.amount)).toEqual([{ amount: 200, currency: 'GBP' }]);
    expect(receipt.heldFor).toMatchObject({ barcode, memberId: priya.id, expiresAt: '2026-09-21T15:00:00.000Z' });
    expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'RESERVED', heldFor: priya.id });
    expect((await library.fines.ledger(meera.id)).balance).toEqual({ amount: 200, currency: 'GBP' });

    // Priya is told the book is waiting for her, once the return has committed.
    await library.idle();
    expect(notifier.notices({ kind: 'reservation-ready', memberId: priya.id })).toHaveLength(1);

    // She collects it the next morning: the reservation is fulfilled and she has the book for a student's 14 days.
    clock.set('2026-09-17T09:00:00.000Z');
    const priyaLoan = await library.circulation.checkOut({ memberId: priya.id, barcode });
    expect(priyaLoan).toMatchObject({ memberId: priya.id, dueAt: '2026-10-01T09:00:00.000Z' });
    expect(await library.reservations.get(reservation.reservationId)).toMatchObject({ status: 'FULFILLED' });

    // Meera settles her £2 at the desk.
    const paid = await library.fines.pay({ memberId: meera.id, amount: 200, method: 'cash' });
    expect(paid.ledger.balance).toEqual({ amount: 0, currency: 'GBP' });
  });
});
