import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { LendingError } from '../../src/domain/lending/LendingError.js';
import type { DomainEventName } from '../../src/domain/shared/DomainEvent.js';

const { priya, raj, meera } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

describe('Scenario: Priya waits for Cormen (seed 003, college policy)', () => {
  it('should carry one copy from Raj to Priya through the queue, fine her late return and take her payment', async () => {
    const { library, clock, notifier } = aLibrary('college');
    const seen: DomainEventName[] = [];
    library.events.onAny((e) => {
      seen.push(e.name);
    });

    // The library has three copies of Cormen; Raj, Meera and a third reader have them all.
    const [c1, c2, c3] = await shelve(library, 'cormen', 3);
    await enrol(library, 'priya', 'raj', 'meera', 'arjun');
    const rajLoan = await library.circulation.checkOut({ memberId: raj.id, barcode: c1! });
    await library.circulation.checkOut({ memberId: meera.id, barcode: c2! });
    await library.circulation.checkOut({ memberId: MemberFixtures.arjun.id, barcode: c3! });
    expect(rajLoan.dueAt).toBe('2026-09-17T09:00:00.000Z'); // seed 003: 10-day loans

    // Priya finds no copy on the shelf and reserves the title: she is first in line.
    const reservation = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
    expect(reservation).toMatchObject({ status: 'WAITING', position: 1 });

    // Raj tries to renew, but Priya is waiting: refused, and his loan is untouched.
    await expect(library.circulation.renew({ barcode: c1! })).rejects.toMatchObject({ code: 'RENEWAL_BLOCKED_BY_RESERVATIONS' });
    expect((await library.members.loans(raj.id))[0]?.dueAt).toBe(rajLoan.dueAt);

    // Eight days later Raj returns his copy: it goes to the hold shelf for Priya for 24 hours.
    clock.advanceDays(8);
    const receipt = await library.circulation.returnCopy({ barcode: c1! });
    expect(receipt.finesAssessed).toEqual([]);
    expect(receipt.heldFor).toMatchObject({ memberId: priya.id, expiresAt: '2026-09-16T09:00:00.000Z' });
    expect((await library.catalog.getCopy(c1!)).status).toBe('RESERVED');

    // Priya is notified (asynchronously, after the return committed).
    await library.idle();
    expect(notifier.notices({ kind: 'reservation-ready', memberId: priya.id })).toHaveLength(1);

    // Raj cannot take the held copy back; Priya picks it up the next morning.
    await expect(library.circulation.checkOut({ memberId: raj.id, barcode: c1! })).rejects.toSatisfy(
      (e: unknown) => LendingError.is(e) && e.code === 'COPY_HELD_FOR_ANOTHER_MEMBER',
    );
    clock.advanceHours(20);
    const priyaLoan = await library.circulation.checkOut({ memberId: priya.id, barcode: c1! });
    expect(await library.reservations.get(reservation.reservationId)).toMatchObject({ status: 'FULFILLED' });

    // She returns it 5 days late: a student's first 2 late days are free, then ₹3/day → ₹9.
    clock.set(new Date(Date.parse(priyaLoan.dueAt) + 5 * 86_400_000));
    const late = await library.circulation.returnCopy({ barcode: c1! });
    expect(late.daysLate).toBe(5);
    expect(late.finesAssessed.map((f) => f.amount)).toEqual([{ amount: 900, currency: 'INR' }]);
    expect((await library.members.get(priya.id)).fineBalance).toEqual({ amount: 900, currency: 'INR' });

    // She pays in two parts; the balance reaches zero.
    await library.fines.pay({ memberId: priya.id, amount: 400, method: 'cash' });
    const settled = await library.fines.pay({ memberId: priya.id, amount: 500, method: 'card' });
    expect(settled.ledger.balance.amount).toBe(0);
    expect(settled.ledger.fines[0]?.status).toBe('PAID');

    await library.idle();
    expect(seen).toEqual(
      expect.arrayContaining([
        'copy.checked-out',
        'reservation.placed',
        'copy.returned',
        'copy.held',
        'reservation.ready-for-pickup',
        'reservation.fulfilled',
        'fine.assessed',
        'fine.paid',
      ]),
    );
  });
});
