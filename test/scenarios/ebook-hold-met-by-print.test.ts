import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera, arjun, dana } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

describe('Scenario: Priya’s hold for the Cormen e-book is met by the print copy (one queue for print and digital, college policy)', () => {
  it('should give the returned print copy to Priya ahead of Raj’s e-book-only hold, and the freed license to Raj ahead of Meera’s print-only hold', async () => {
    // Monday 7 September 2026, 09:00. Cormen has one print copy and a PDF with one license: Arjun has the book,
    // Dana the PDF.
    const t = await aDigitalLibrary();
    const { library, clock, notifier } = t;
    await enrol(library, 'priya', 'raj', 'meera', 'arjun', 'dana');
    const [barcode] = await shelve(library, 'cormen', 1);
    const copyId = await license(t, 'cormenPdf');
    await library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
    const danaBorrow = await library.digital.borrow({ memberId: dana.id, copyId });
    if (danaBorrow.outcome !== 'LENT') throw new Error('the only license should go to Dana');

    // Raj tries to borrow the PDF: no license is free, so he is queued for it, first in line, for about the 14 days
    // left on Dana's e-loan.
    const rajBorrow = await library.digital.borrow({ memberId: raj.id, copyId });
    expect(rajBorrow).toMatchObject({ outcome: 'QUEUED', reservation: { memberId: raj.id, format: 'DIGITAL', position: 1 }, estimatedWaitDays: 14 });

    // Priya needs the text for an exam and will take whichever comes first, e-book or print; Meera wants the print
    // copy only. All three wait in the title's one queue, in the order they asked.
    const priyaHold = await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'ANY' });
    const meeraHold = await library.reservations.reserve({ memberId: meera.id, isbn: CORMEN, format: 'PRINT' });
    expect(await library.reservations.queueFor(CORMEN)).toMatchObject([
      { memberId: raj.id, format: 'DIGITAL', status: 'WAITING', position: 1 },
      { memberId: priya.id, format: 'ANY', status: 'WAITING', position: 2 },
      { memberId: meera.id, format: 'PRINT', status: 'WAITING', position: 3 },
    ]);

    // On Friday Arjun brings the print copy back early. Raj, ahead of her, wants only the e-book, so the copy goes
    // to the hold shelf for Priya, and she is told it is ready.
    clock.set('2026-09-11T09:00:00.000Z');
    const receipt = await library.circulation.returnCopy({ barcode: barcode! });
    expect(receipt.heldFor).toMatchObject({ barcode, memberId: priya.id });
    await library.idle();
    expect(notifier.notices({ kind: 'reservation-ready', memberId: priya.id })).toHaveLength(1);
    expect(await library.reservations.get(priyaHold.reservationId)).toMatchObject({ status: 'READY_FOR_PICKUP', barcode, copyId: null });

    // She collects it that afternoon: her hold is fulfilled, so she is out of the queue for the e-book too.
    clock.set('2026-09-11T15:00:00.000Z');
    await library.circulation.checkOut({ memberId: priya.id, barcode: barcode! });
    expect(await library.reservations.get(priyaHold.reservationId)).toMatchObject({ status: 'FULFILLED' });
    expect(await library.reservations.queueFor(CORMEN)).toMatchObject([
      { memberId: raj.id, format: 'DIGITAL', status: 'WAITING', position: 1 },
      { memberId: meera.id, format: 'PRINT', status: 'WAITING', position: 2 },
    ]);

    // The next Monday Dana returns the PDF early. Meera wants print only, so the license is set aside for Raj, who
    // is told; he borrows it within the claim window.
    clock.set('2026-09-14T09:00:00.000Z');
    await library.digital.returnEarly({ loanId: danaBorrow.loan.loanId });
    await library.idle();
    expect(notifier.notices({ kind: 'license-offered', memberId: raj.id })).toHaveLength(1);
    const rajLoan = await library.digital.borrow({ memberId: raj.id, copyId });
    expect(rajLoan).toMatchObject({ outcome: 'LENT', loan: { memberId: raj.id, copyId } });

    // Meera is now the only one waiting, first in line for the print copy Priya has.
    expect(await library.reservations.queueFor(CORMEN)).toMatchObject([{ reservationId: meeraHold.reservationId, memberId: meera.id, status: 'WAITING', position: 1 }]);
  });
});
