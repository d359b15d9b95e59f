import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera, arjun, dana } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** Cormen's PDF has one license; Arjun reads it, so everyone else waits. */
async function pdfOutWithArjun() {
  const t = await aDigitalLibrary();
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun', 'dana');
  const copyId = await license(t, 'cormenPdf');
  const lent = await t.library.digital.borrow({ memberId: arjun.id, copyId });
  if (lent.outcome !== 'LENT') throw new Error('the first borrow should lend');
  return { ...t, copyId, arjunLoan: lent.loan };
}

describe('DigitalLendingService', () => {
  describe('.borrow', () => {
    describe('when a license is free', () => {
      it('should lend it for 14 days with a token and a short-lived download link', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya');
        const copyId = await license(t, 'cormenEpub');

        const result = await t.library.digital.borrow({ memberId: priya.id, copyId });

        expect(result.outcome).toBe('LENT');
        if (result.outcome !== 'LENT') return;
        expect(result.loan).toMatchObject({ copyId, memberId: priya.id, status: 'ACTIVE', dueAt: '2026-09-21T09:00:00.000Z' });
        expect(result.access.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(result.access.downloadUrl).toMatch(/^https:\/\/files\.example\.org\/files\/books%2Fcormen\.epub\?loan=eloan-000001&expires=\d+&sig=/);
        expect(result.access.downloadExpiresAt).toBe('2026-09-07T09:15:00.000Z');
        expect(await t.library.digitalCatalog.getCopy(copyId)).toMatchObject({ totalLicenses: 3, availableLicenses: 2, lent: 1 });
      });
    });

    describe('when staff block the member from borrowing', () => {
      it('should refuse the e-book with MEMBER_BLOCKED, as a print checkout is, and lend nothing', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya');
        const copyId = await license(t, 'cormenEpub');
        await t.library.blocks.place({ memberId: priya.id, actions: ['borrow'], message: 'Library card not yet signed', placedBy: 'staff-1' });
        await expect(t.library.digital.borrow({ memberId: priya.id, copyId })).rejects.toMatchObject({ code: 'MEMBER_BLOCKED' });
        expect(await t.library.digitalCatalog.getCopy(copyId)).toMatchObject({ availableLicenses: 3, lent: 0 });
      });
    });

    describe('when the member owes more than the blocking threshold', () => {
      it('should refuse the e-book with FINES_OVER_THRESHOLD', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'arjun');
        const copyId = await license(t, 'cormenEpub');
        const [barcode] = await shelve(t.library, 'sedgewick', 1);
        await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
        t.clock.advanceDays(120);
        await t.library.circulation.returnCopy({ barcode: barcode! });
        await expect(t.library.digital.borrow({ memberId: arjun.id, copyId })).rejects.toMatchObject({ code: 'FINES_OVER_THRESHOLD' });
      });
    });

    describe('when every license is out', () => {
      it('should place the member in the title’s queue with a DIGITAL preference and a wait estimate', async () => {
        const { library, copyId } = await pdfOutWithArjun();
        const result = await library.digital.borrow({ memberId: priya.id, copyId });
        expect(result).toMatchObject({ outcome: 'QUEUED', reservation: { status: 'WAITING', position: 1, format: 'DIGITAL' }, estimatedWaitDays: 14 });
        const second = await library.digital.borrow({ memberId: raj.id, copyId });
        expect(second).toMatchObject({ outcome: 'QUEUED', reservation: { position: 2 }, estimatedWaitDays: 28 });
      });
    });

    describe('when the copy’s DRM is NONE', () => {
      it('should hand out a download link and no token', async () => {
        const { arjunLoan, library } = await pdfOutWithArjun();
        const access = await library.digital.access({ loanId: arjunLoan.loanId, memberId: arjun.id });
        expect(access).toMatchObject({ drm: 'NONE', token: null });
        expect(access.downloadUrl).toContain('books%2Fcormen.pdf');
      });
    });

    describe('when the copy’s DRM is ADOBE', () => {
      it('should lend the license and leave delivery to the external server', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya');
        const copyId = await license(t, 'sedgewickAdobe');
        expect(await t.library.digital.borrow({ memberId: priya.id, copyId })).toMatchObject({
          outcome: 'LENT',
          access: { drm: 'ADOBE', token: null, downloadUrl: null },
        });
      });
    });

    describe('when the member already reads the title', () => {
      it('should refuse with ALREADY_BORROWED_TITLE', async () => {
        const { library, copyId } = await pdfOutWithArjun();
        await expect(library.digital.borrow({ memberId: arjun.id, copyId })).rejects.toMatchObject({ code: 'ALREADY_BORROWED_TITLE' });
      });
    });

    describe('when the member reached the digital loan limit', () => {
      it('should refuse with DIGITAL_LOAN_LIMIT_REACHED and change nothing', async () => {
        const t = await aDigitalLibrary({ digital: { maxLoans: 1 } });
        await enrol(t.library, 'priya');
        await t.library.digital.borrow({ memberId: priya.id, copyId: await license(t, 'cormenEpub') });
        const sedgewick = await license(t, 'sedgewickAdobe');
        await expect(t.library.digital.borrow({ memberId: priya.id, copyId: sedgewick })).rejects.toMatchObject({ code: 'DIGITAL_LOAN_LIMIT_REACHED' });
        expect(await t.library.digitalCatalog.getCopy(sedgewick)).toMatchObject({ availableLicenses: 2 });
      });
    });

    describe('when the title has unlimited access', () => {
      it('should lend to everyone at once without counting toward the loan limit', async () => {
        const t = await aDigitalLibrary({ digital: { maxLoans: 1 } });
        await enrol(t.library, 'priya', 'raj', 'meera');
        await t.library.digital.borrow({ memberId: priya.id, copyId: await license(t, 'cormenEpub') });
        const audiobook = await license(t, 'cleanCodeAudiobook');
        const results = await Promise.all([priya, raj, meera].map((m) => t.library.digital.borrow({ memberId: m.id, copyId: audiobook })));
        expect(results.map((r) => r.outcome)).toEqual(['LENT', 'LENT', 'LENT']);
        expect(await t.library.digitalCatalog.getCopy(audiobook)).toMatchObject({ status: 'AVAILABLE', totalLicenses: null, availableLicenses: null });
      });
    });

    describe('when the contract is metered', () => {
      it('should stop lending once the checkouts are used up', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya', 'raj');
        const copyId = await license(t, 'cormenEpub', { terms: { checkouts: 1 } });
        const first = await t.library.digital.borrow({ memberId: priya.id, copyId });
        if (first.outcome !== 'LENT') throw new Error('should lend');
        await t.library.digital.returnEarly({ loanId: first.loan.loanId });
        expect(await t.library.digitalCatalog.getCopy(copyId)).toMatchObject({ status: 'ENDED', checkoutsLeft: 0, availableLicenses: 0 });
        await expect(t.library.digital.borrow({ memberId: raj.id, copyId })).rejects.toMatchObject({ code: 'LICENSE_TERMS_ENDED' });
      });
    });

    describe('when the contract has expired', () => {
      it('should refuse with LICENSE_TERMS_ENDED', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya');
        const copyId = await license(t, 'cormenEpub', { terms: { expiresAt: new Date('2026-09-10T00:00:00Z') } });
        t.clock.advanceDays(3);
        await expect(t.library.digital.borrow({ memberId: priya.id, copyId })).rejects.toMatchObject({ code: 'LICENSE_TERMS_ENDED' });
      });
    });
  });

  describe('.returnEarly', () => {
    describe('when somebody waits', () => {
      it('should free the license at once and offer it to the queue head for 24 hours', async () => {
        const { library, copyId, arjunLoan, notifier } = await pdfOutWithArjun();
        await library.digital.borrow({ memberId: priya.id, copyId });
        await library.digital.borrow({ memberId: raj.id, copyId });

        expect(await library.digital.returnEarly({ loanId: arjunLoan.loanId, memberId: arjun.id })).toMatchObject({ status: 'RETURNED' });

        const [head, next] = await library.reservations.queueFor(CORMEN);
        expect(head).toMatchObject({ memberId: priya.id, status: 'READY_FOR_PICKUP', copyId, expiresAt: '2026-09-08T09:00:00.000Z' });
        expect(next).toMatchObject({ memberId: raj.id, status: 'WAITING', position: 1 });
        await library.idle();
        expect(notifier.notices({ kind: 'license-offered', memberId: priya.id })).toHaveLength(1);
      });
    });

    describe('when another member returns it', () => {
      it('should refuse with NOT_YOUR_LOAN', async () => {
        const { library, arjunLoan } = await pdfOutWithArjun();
        await expect(library.digital.returnEarly({ loanId: arjunLoan.loanId, memberId: priya.id })).rejects.toMatchObject({ code: 'NOT_YOUR_LOAN' });
      });
    });
  });

  describe('.borrow after an offer', () => {
    describe('when the offered member claims within the window', () => {
      it('should lend the set-aside license and fulfil the reservation', async () => {
        const { library, copyId, arjunLoan, clock } = await pdfOutWithArjun();
        await library.digital.borrow({ memberId: priya.id, copyId });
        await library.digital.returnEarly({ loanId: arjunLoan.loanId });
        clock.advanceHours(23);
        expect(await library.digital.borrow({ memberId: priya.id, copyId })).toMatchObject({ outcome: 'LENT', loan: { memberId: priya.id } });
        expect(await library.reservations.queueFor(CORMEN)).toEqual([]);
        expect((await library.members.get(priya.id)).activeReservationCount).toBe(0);
      });
    });

    describe('when somebody else tries to take the offered license', () => {
      it('should queue them behind', async () => {
        const { library, copyId, arjunLoan } = await pdfOutWithArjun();
        await library.digital.borrow({ memberId: priya.id, copyId });
        await library.digital.returnEarly({ loanId: arjunLoan.loanId });
        expect(await library.digital.borrow({ memberId: dana.id, copyId })).toMatchObject({ outcome: 'QUEUED', reservation: { position: 1 } });
      });
    });
  });

  describe('.expireClaims', () => {
    describe('when the claim window closes unclaimed', () => {
      it('should expire the hold, tell the member, and offer the license to the next in line, once', async () => {
        const { library, copyId, arjunLoan, clock, notifier } = await pdfOutWithArjun();
        await library.digital.borrow({ memberId: priya.id, copyId });
        await library.digital.borrow({ memberId: raj.id, copyId });
        await library.digital.returnEarly({ loanId: arjunLoan.loanId });

        clock.advanceHours(23);
        expect(await library.digital.expireClaims()).toEqual([]);

        clock.advanceHours(1);
        const expired = await library.digital.expireClaims();
        expect(expired.map((r) => [r.memberId, r.status])).toEqual([[priya.id, 'EXPIRED']]);
        expect(await library.reservations.queueFor(CORMEN)).toMatchObject([{ memberId: raj.id, status: 'READY_FOR_PICKUP', expiresAt: '2026-09-09T09:00:00.000Z' }]);
        expect(await library.digital.expireClaims()).toEqual([]);

        await library.idle();
        expect(notifier.notices({ kind: 'claim-expired', memberId: priya.id })).toHaveLength(1);
        expect(notifier.notices({ kind: 'license-offered', memberId: raj.id })).toHaveLength(1);
      });
    });
  });

  describe('.expireDigitalLoans', () => {
    describe('when the due instant comes', () => {
      it('should end the loan without a fee, free the license and tell the member', async () => {
        const { library, copyId, clock, notifier } = await pdfOutWithArjun();
        await library.digital.borrow({ memberId: priya.id, copyId });

        clock.advanceDays(14);
        clock.advanceHours(-1);
        expect(await library.digital.expireDigitalLoans()).toEqual([]);
        clock.advanceHours(1);
        const expired = await library.digital.expireDigitalLoans();

        expect(expired).toMatchObject([{ memberId: arjun.id, status: 'EXPIRED', endedAt: '2026-09-21T09:00:00.000Z' }]);
        expect(await library.reservations.queueFor(CORMEN)).toMatchObject([{ memberId: priya.id, status: 'READY_FOR_PICKUP' }]);
        expect((await library.members.get(arjun.id)).fineBalance.amount).toBe(0);
        expect(await library.digital.expireDigitalLoans()).toEqual([]);
        await library.idle();
        expect(notifier.notices({ kind: 'digital-loan-ended', memberId: arjun.id })).toHaveLength(1);
      });
    });
  });

  describe('.renew', () => {
    describe('when nobody waits', () => {
      it('should extend by a loan period and reissue the token', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya');
        const lent = await t.library.digital.borrow({ memberId: priya.id, copyId: await license(t, 'cormenEpub') });
        if (lent.outcome !== 'LENT') throw new Error('should lend');
        const renewed = await t.library.digital.renew({ loanId: lent.loan.loanId, memberId: priya.id });
        expect(renewed.loan).toMatchObject({ dueAt: '2026-10-05T09:00:00.000Z', renewals: 1 });
        expect(renewed.access.token).not.toBe(lent.access.token);
        await expect(t.library.digital.verifyToken(lent.access.token ?? '')).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
        expect(await t.library.digital.verifyToken(renewed.access.token ?? '')).toMatchObject({ expiresAt: '2026-10-05T09:00:00.000Z' });
        await expect(t.library.digital.renew({ loanId: lent.loan.loanId })).rejects.toMatchObject({ code: 'RENEWAL_LIMIT_REACHED' });
      });
    });

    describe('when members wait for a license', () => {
      it('should refuse with RENEWAL_BLOCKED_BY_RESERVATIONS', async () => {
        const { library, copyId, arjunLoan } = await pdfOutWithArjun();
        await library.digital.borrow({ memberId: priya.id, copyId });
        await expect(library.digital.renew({ loanId: arjunLoan.loanId })).rejects.toMatchObject({ code: 'RENEWAL_BLOCKED_BY_RESERVATIONS' });
      });
    });
  });

  describe('.revoke', () => {
    describe('when staff end a loan', () => {
      it('should free the license and refuse the token', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya');
        const copyId = await license(t, 'cormenEpub');
        const lent = await t.library.digital.borrow({ memberId: priya.id, copyId });
        if (lent.outcome !== 'LENT') throw new Error('should lend');
        expect(await t.library.digital.revoke({ loanId: lent.loan.loanId, reason: 'shared the file publicly' })).toMatchObject({ status: 'REVOKED' });
        await expect(t.library.digital.verifyToken(lent.access.token ?? '')).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
        expect(await t.library.digitalCatalog.getCopy(copyId)).toMatchObject({ availableLicenses: 3 });
      });
    });
  });

  describe('with print copies of the same title', () => {
    describe('when a member with a license offer checks out a print copy', () => {
      it('should pass the license on to the next in line', async () => {
        const { library, copyId, arjunLoan } = await pdfOutWithArjun();
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN, format: 'ANY' });
        await library.digital.borrow({ memberId: raj.id, copyId });
        await library.digital.returnEarly({ loanId: arjunLoan.loanId });
        const [barcode] = await shelve(library, 'cormen', 1);
        // The new copy goes to nobody: Priya's hold is already READY with the license, Raj wants DIGITAL only.
        await library.circulation.checkOut({ memberId: priya.id, barcode: barcode! });
        expect(await library.reservations.queueFor(CORMEN)).toMatchObject([{ memberId: raj.id, status: 'READY_FOR_PICKUP', copyId }]);
      });
    });
  });
});
