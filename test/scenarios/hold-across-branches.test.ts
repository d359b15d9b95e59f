import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import type { DomainEventName } from '../../src/domain/shared/DomainEvent.js';
import type { PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { policyPreset } from '../../src/domain/policy/presets.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const DAY = 86_400_000;

/** The college rules (seed 003), with overdue fines accrued by the jobs each day rather than charged at the return. */
const college = policyPreset('college');
const COLLEGE_ACCRUING_DAILY: PolicyDefinition = { ...college, entries: college.entries.map((e) => ({ ...e, rule: { ...e.rule, fineAccrual: 'DAILY' as const } })) };

describe('Scenario: Priya collects Cormen at the East branch (college policy)', () => {
  it('should carry the copy from the main desk to East, hold it there from its arrival, and fine her late return', async () => {
    const { library, clock, notifier } = aLibrary('college', { policy: COLLEGE_ACCRUING_DAILY });
    const seen: DomainEventName[] = [];
    library.events.onAny((e) => {
      seen.push(e.name);
    });

    // The main branch owns the one copy of Cormen, and Raj has it. East is a branch of its own, with its hold shelf.
    const [copy] = await shelve(library, 'cormen', 1);
    await library.branches.register({ id: 'east', name: 'East Branch', holdShelf: 'East desk, shelf 2' });
    await enrol(library, 'priya', 'raj');
    await library.circulation.checkOut({ memberId: raj.id, barcode: copy! });

    // Priya reserves it, to collect at East (branch A).
    const hold = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, pickupBranch: 'east' });
    expect(hold).toMatchObject({ status: 'WAITING', position: 1, pickupBranch: 'east' });

    // Three days later Raj returns it at the main desk (branch B): it cannot wait on main's hold shelf for her, so it travels.
    clock.advanceDays(3);
    const receipt = await library.circulation.returnCopy({ barcode: copy!, branch: 'main' });
    expect(receipt.heldFor).toMatchObject({ memberId: priya.id, inTransitTo: 'east', expiresAt: null });
    expect(await library.catalog.getCopy(copy!)).toMatchObject({ status: 'IN_TRANSIT', inTransitTo: 'east' });
    expect(await library.reservations.get(hold.reservationId)).toMatchObject({ status: 'IN_TRANSIT' });
    await library.idle();
    expect(notifier.notices({ kind: 'reservation-ready' })).toEqual([]); // nothing to collect yet

    // The van reaches East two days later; checked in there, the copy goes onto East's hold shelf, and her 24 hours start now.
    clock.advanceDays(2);
    const arrived = await library.copies.receive({ barcode: copy!, branch: 'east' });
    expect(arrived.heldFor).toMatchObject({ memberId: priya.id, expiresAt: '2026-09-13T09:00:00.000Z' });
    expect(await library.reservations.holdShelf('east')).toEqual([
      { barcode: copy, memberId: priya.id, reservationId: hold.reservationId, expiresAt: '2026-09-13T09:00:00.000Z' },
    ]);
    expect(await library.reservations.holdShelf('main')).toEqual([]);
    await library.idle();
    expect(notifier.notices({ kind: 'reservation-ready', memberId: priya.id })).toHaveLength(1);

    // She collects it at East the next morning.
    clock.advanceHours(20);
    const loan = await library.circulation.checkOut({ memberId: priya.id, barcode: copy! });
    expect(await library.reservations.get(hold.reservationId)).toMatchObject({ status: 'FULFILLED' });

    // She brings it back 5 days late, the jobs accruing her fine each day meanwhile: a student's first 2 late days are
    // free, then ₹3 a day; the return finalises the accrued fine, charging nothing twice.
    for (let day = 1; day <= 4; day++) {
      clock.set(new Date(Date.parse(loan.dueAt) + day * DAY - 3_600_000));
      await library.runDueJobs();
    }
    // The ledger shows what the loan has cost so far (4 started late days: 2 free, 2 at ₹3), before it comes back.
    expect((await library.fines.ledger(priya.id)).fines.map((f) => [f.reason, f.amount.amount, f.status])).toEqual([['OVERDUE', 600, 'OPEN']]);
    clock.set(new Date(Date.parse(loan.dueAt) + 5 * DAY));
    const late = await library.circulation.returnCopy({ barcode: copy!, branch: 'east' });
    expect(late.daysLate).toBe(5);
    expect((await library.fines.ledger(priya.id)).fines.map((f) => [f.reason, f.amount.amount])).toEqual([['OVERDUE', 900]]);
    expect((await library.members.get(priya.id)).fineBalance).toEqual({ amount: 900, currency: 'INR' });
    expect(late.heldFor).toBeNull();
    expect(await library.catalog.getCopy(copy!)).toMatchObject({ status: 'AVAILABLE', branch: 'main' });

    // She pays; the balance reaches zero.
    const settled = await library.fines.pay({ memberId: priya.id, amount: 900, method: 'cash' });
    expect(settled.ledger.balance.amount).toBe(0);

    await library.idle();
    expect(seen).toEqual(
      expect.arrayContaining(['reservation.placed', 'copy.in-transit', 'reservation.in-transit', 'copy.received', 'copy.held', 'reservation.ready-for-pickup', 'reservation.fulfilled', 'fine.paid']),
    );
  });
});
