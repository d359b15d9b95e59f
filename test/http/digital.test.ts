import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BorrowResult, DigitalCopyView, DigitalLoanView } from '../../src/application/digital/views.js';
import { JoseLoanTokens } from '../../src/infrastructure/tokens/JoseLoanTokens.js';
import { LoanTokenKeyRing } from '../../src/infrastructure/tokens/LoanTokenKeyRing.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { FILES_HOST, LINK_SECRET, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { HmacDownloadLinks } from '../../src/infrastructure/tokens/HmacDownloadLinks.js';
import { aServer, PIN, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const SEDGEWICK = BookFixtures.sedgewick.isbn;

type Lent = Extract<BorrowResult, { outcome: 'LENT' }>;

interface World extends TestServer {
  readonly keys: LoanTokenKeyRing;
  borrow(memberId: string, copyId: string, extra?: { as?: string; key?: string }): ReturnType<TestServer['call']>;
  lend(memberId: string, copyId: string): Promise<Lent>;
  /** Every Cormen license out: the PDF to Priya, the three EPUB licenses to Meera, Arjun and Dana. */
  lendEveryLicense(): Promise<void>;
}

/** Cormen in EPUB (3 licenses, loan tokens) and PDF (1 license, open file); Sedgewick on the shelf only. */
async function aWorld(): Promise<World> {
  const keys = new LoanTokenKeyRing(await LoanTokenKeyRing.generateKey('k1'));
  const t = await aServer({ library: { loanTokens: new JoseLoanTokens(keys), downloadLinks: new HmacDownloadLinks(LINK_SECRET, FILES_HOST) } });
  await license(t, 'cormenEpub');
  await license(t, 'cormenPdf');
  await shelve(t.library, 'sedgewick', 1);
  await enrol(t.library, 'priya', 'raj', 'meera', 'arjun', 'dana');
  const borrow: World['borrow'] = (memberId, copyId, extra = {}) =>
    t.call({
      method: 'POST',
      url: '/api/digital-loans',
      as: extra.as ?? t.staff.counter,
      payload: { memberId, copyId },
      ...(extra.key === undefined ? {} : { headers: { 'idempotency-key': extra.key } }),
    });
  const lend = async (memberId: string, copyId: string): Promise<Lent> => {
    const response = await borrow(memberId, copyId);
    const result = response.json<BorrowResult>();
    if (result.outcome !== 'LENT') throw new Error(`expected a loan, got ${response.body}`);
    return result;
  };
  const lendEveryLicense = async (): Promise<void> => {
    await lend(priya.id, 'cormen-pdf');
    for (const reader of [MemberFixtures.meera, MemberFixtures.arjun, MemberFixtures.dana]) await lend(reader.id, 'cormen-epub');
  };
  return { ...t, keys, borrow, lend, lendEveryLicense };
}

const tokenOf = (lent: Lent): string => lent.access.token ?? '';
const check = (t: TestServer, token: string, as?: string) => t.call({ method: 'POST', url: '/api/digital/tokens/check', payload: { token }, ...(as === undefined ? {} : { as }) });

describe('digital lending over HTTP', () => {
  let t: World;
  beforeEach(async () => {
    t = await aWorld();
  });
  afterEach(() => t.server.close());

  describe('GET /api/catalog/books/:isbn/digital-copies', () => {
    it("should list the title's formats with their license pools", async () => {
      const response = await t.call({ method: 'GET', url: `/api/catalog/books/${CORMEN}/digital-copies` });
      expect(response.statusCode).toBe(200);
      expect(response.json<DigitalCopyView[]>().map((c) => [c.copyId, c.format, c.drm, c.totalLicenses, c.availableLicenses, c.status])).toEqual([
        ['cormen-epub', 'EPUB', 'LOAN_TOKEN', 3, 3, 'AVAILABLE'],
        ['cormen-pdf', 'PDF', 'NONE', 1, 1, 'AVAILABLE'],
      ]);
    });

    describe('when the title has no digital copy', () => {
      it('should answer an empty list', async () => {
        const response = await t.call({ method: 'GET', url: `/api/catalog/books/${SEDGEWICK}/digital-copies` });
        expect([response.statusCode, response.json()]).toEqual([200, []]);
      });
    });
  });

  describe('POST /api/digital-copies', () => {
    const audiobook = { copyId: 'sedgewick-audio', isbn: SEDGEWICK, format: 'AUDIOBOOK', fileKey: 'audio/sedgewick.m4b', drm: 'LOAN_TOKEN', licenses: 2 };

    it('should add the format with its license terms', async () => {
      const response = await t.call({
        method: 'POST',
        url: '/api/digital-copies',
        as: t.staff.librarian,
        payload: { ...audiobook, terms: { checkouts: 26, expiresAt: '2028-09-07T09:00:00.000Z' } },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<DigitalCopyView>()).toMatchObject({ copyId: 'sedgewick-audio', format: 'AUDIOBOOK', totalLicenses: 2, checkoutsLeft: 26, status: 'AVAILABLE' });
    });

    describe.each([
      ['an unknown format', { ...audiobook, format: 'DOCX' }, 400, 'INVALID_INPUT'],
      ['an unknown DRM type', { ...audiobook, drm: 'LCP' }, 400, 'INVALID_INPUT'],
      ['no licenses and no unlimited access', { ...audiobook, licenses: undefined }, 400, 'INVALID_INPUT'],
      ['a title not in the catalogue', { ...audiobook, isbn: BookFixtures.designPatterns.isbn }, 404, 'BOOK_NOT_FOUND'],
      ['a copy id already used', { ...audiobook, copyId: 'cormen-epub', isbn: CORMEN }, 409, 'DIGITAL_COPY_ALREADY_EXISTS'],
    ])('when given %s', (_case, payload, status, code) => {
      it(`should answer ${String(status)} ${code} and add nothing`, async () => {
        const before = [await t.library.digitalCatalog.copiesOf(CORMEN), await t.library.digitalCatalog.copiesOf(SEDGEWICK)];
        const response = await t.call({ method: 'POST', url: '/api/digital-copies', as: t.staff.librarian, payload });
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([status, code]);
        expect([await t.library.digitalCatalog.copiesOf(CORMEN), await t.library.digitalCatalog.copiesOf(SEDGEWICK)]).toEqual(before);
      });
    });
  });

  describe('POST /api/digital-copies/:copyId/licenses', () => {
    describe('when a member waits for the exhausted pool', () => {
      it('should add the licenses and offer one to the waiting member at once', async () => {
        await t.lendEveryLicense();
        expect((await t.borrow(raj.id, 'cormen-pdf')).json<BorrowResult>().outcome).toBe('QUEUED');
        const response = await t.call({ method: 'POST', url: '/api/digital-copies/cormen-pdf/licenses', as: t.staff.librarian, payload: { count: 2 } });
        expect(response.json<DigitalCopyView>()).toMatchObject({ totalLicenses: 3, lent: 1, offered: 1, availableLicenses: 1 });
      });
    });
  });

  describe('POST /api/digital-loans', () => {
    describe('when a license is free', () => {
      it('should lend it with a loan token and a download link', async () => {
        const response = await t.borrow(priya.id, 'cormen-epub');
        expect(response.statusCode).toBe(201);
        const lent = response.json<Lent>();
        expect(lent.loan).toMatchObject({ copyId: 'cormen-epub', memberId: priya.id, status: 'ACTIVE', dueAt: '2026-09-21T09:00:00.000Z' });
        expect(lent.access.drm).toBe('LOAN_TOKEN');
        expect(lent.access.downloadUrl?.startsWith(`${FILES_HOST}/`)).toBe(true);
        expect(lent.access.token?.split('.')).toHaveLength(3);
      });
    });

    describe('when every license is out', () => {
      it('should place the member in the title queue for DIGITAL and say the wait', async () => {
        await t.lendEveryLicense();
        const response = await t.borrow(raj.id, 'cormen-pdf');
        expect(response.statusCode).toBe(201);
        expect(response.json()).toMatchObject({ outcome: 'QUEUED', reservation: { memberId: raj.id, format: 'DIGITAL', position: 1, status: 'WAITING' }, estimatedWaitDays: 14 });
      });
    });

    describe('when every license of this format is out but another format has one free', () => {
      it('should queue the member and offer the free license of the other format at once', async () => {
        await t.lend(priya.id, 'cormen-pdf');
        const response = await t.borrow(raj.id, 'cormen-pdf');
        expect(response.json()).toMatchObject({ outcome: 'QUEUED', reservation: { status: 'READY_FOR_PICKUP', copyId: 'cormen-epub' }, estimatedWaitDays: 0 });
        expect(await t.library.digitalCatalog.getCopy('cormen-epub')).toMatchObject({ offered: 1, availableLicenses: 2 });
        expect((await t.borrow(raj.id, 'cormen-epub')).json()).toMatchObject({ outcome: 'LENT', loan: { memberId: raj.id } });
      });
    });

    describe.each([
      ['a second loan of the same title', 'cormen-pdf', 422, 'ALREADY_BORROWED_TITLE'],
      ['a digital copy that does not exist', 'sedgewick-epub', 404, 'DIGITAL_COPY_NOT_FOUND'],
    ])('when asked for %s', (_case, copyId, status, code) => {
      it(`should answer ${String(status)} ${code} and lend nothing`, async () => {
        await t.lend(priya.id, 'cormen-epub');
        const pools = await t.library.digitalCatalog.copiesOf(CORMEN);
        const response = await t.borrow(priya.id, copyId);
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([status, code]);
        expect(await t.library.digitalCatalog.copiesOf(CORMEN)).toEqual(pools);
        expect((await t.library.digital.loansOf(priya.id)).map((l) => l.copyId)).toEqual(['cormen-epub']);
        expect(await t.library.reservations.queueFor(CORMEN)).toEqual([]);
      });
    });

    describe('when retried with the same Idempotency-Key', () => {
      it('should replay the first answer and lend once', async () => {
        const first = await t.borrow(priya.id, 'cormen-epub', { key: 'borrow-0001' });
        const again = await t.borrow(priya.id, 'cormen-epub', { key: 'borrow-0001' });
        expect([again.statusCode, again.headers['idempotent-replayed'], again.json()]).toEqual([201, 'true', first.json()]);
        expect(await t.library.digital.loansOf(priya.id)).toHaveLength(1);
      });
    });

    describe("when a member borrows for another member's account", () => {
      it('should answer 403 FORBIDDEN and lend nothing', async () => {
        await t.server.pins.setPin(priya.id, PIN);
        const response = await t.borrow(raj.id, 'cormen-epub', { as: await t.signIn(priya.id) });
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([403, 'FORBIDDEN']);
        expect(await t.library.digital.loansOf(raj.id)).toEqual([]);
      });
    });
  });

  describe('POST /api/digital-loans/:loanId/return', () => {
    it('should end the loan, free the license and make the token answer TOKEN_REVOKED', async () => {
      const lent = await t.lend(priya.id, 'cormen-epub');
      const response = await t.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/return`, as: t.staff.counter, headers: { 'idempotency-key': 'return-0001' } });
      expect(response.json<DigitalLoanView>()).toMatchObject({ status: 'RETURNED', endedAt: '2026-09-07T09:00:00.000Z' });
      expect((await t.library.digitalCatalog.getCopy('cormen-epub')).availableLicenses).toBe(3);
      const refused = await check(t, tokenOf(lent));
      expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([403, 'TOKEN_REVOKED']);
    });

    describe('when retried with the same Idempotency-Key', () => {
      it('should replay the first answer instead of refusing a closed loan', async () => {
        const lent = await t.lend(priya.id, 'cormen-epub');
        const giveBack = () => t.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/return`, as: t.staff.counter, headers: { 'idempotency-key': 'return-0001' } });
        const first = await giveBack();
        const again = await giveBack();
        expect([again.statusCode, again.headers['idempotent-replayed'], again.json()]).toEqual([200, 'true', first.json()]);
      });
    });

    describe('when retried without a key', () => {
      it('should answer 409 ILLEGAL_TRANSITION: the loan has ended', async () => {
        const lent = await t.lend(priya.id, 'cormen-epub');
        await t.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/return`, as: t.staff.counter });
        const again = await t.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/return`, as: t.staff.counter });
        expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'ILLEGAL_TRANSITION']);
      });
    });
  });

  describe('POST /api/digital-loans/:loanId/renew', () => {
    it('should extend the loan by a loan period and give a new token; the old one is revoked', async () => {
      const lent = await t.lend(priya.id, 'cormen-epub');
      const response = await t.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/renew`, as: t.staff.counter });
      expect(response.json()).toMatchObject({ loan: { renewals: 1, dueAt: '2026-10-05T09:00:00.000Z' }, access: { drm: 'LOAN_TOKEN' } });
      expect((await check(t, tokenOf(lent))).json<{ code: string }>().code).toBe('TOKEN_REVOKED');
      expect((await check(t, response.json<{ access: { token: string } }>().access.token)).statusCode).toBe(200);
    });

    describe('when a member waits for a license of the title', () => {
      it('should answer 422 RENEWAL_BLOCKED_BY_RESERVATIONS and keep the due date', async () => {
        await t.lendEveryLicense();
        await t.borrow(raj.id, 'cormen-pdf');
        const [lent] = await t.library.digital.loansOf(priya.id);
        const response = await t.call({ method: 'POST', url: `/api/digital-loans/${lent?.loanId ?? ''}/renew`, as: t.staff.counter });
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([422, 'RENEWAL_BLOCKED_BY_RESERVATIONS']);
        expect(await t.library.digital.getLoan(lent?.loanId ?? '')).toEqual(lent);
      });
    });
  });

  describe('POST /api/digital-loans/:loanId/access', () => {
    it('should sign a fresh download link for the running loan', async () => {
      const lent = await t.lend(priya.id, 'cormen-pdf');
      t.clock.advanceHours(1);
      const response = await t.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/access`, as: t.staff.counter });
      expect(response.json()).toMatchObject({ drm: 'NONE', token: null, downloadExpiresAt: '2026-09-07T10:15:00.000Z' });
    });
  });

  describe('when the scheduled jobs run at the due instant', () => {
    it("should end the loan, refuse its token as expired and offer the license to the next in line", async () => {
      await t.lendEveryLicense();
      const queued = (await t.borrow(raj.id, 'cormen-pdf')).json<Extract<BorrowResult, { outcome: 'QUEUED' }>>();
      const [pdf] = await t.library.digital.loansOf(priya.id);
      const [epub] = await t.library.digital.loansOf(MemberFixtures.meera.id);
      const { token } = (await t.call({ method: 'POST', url: `/api/digital-loans/${epub?.loanId ?? ''}/access`, as: t.staff.counter })).json<{ token: string }>();
      t.clock.advanceDays(14);

      expect(await t.library.runDueJobs()).toMatchObject({ digitalLoansExpired: 4 });
      expect((await t.call({ method: 'GET', url: `/api/digital-loans/${pdf?.loanId ?? ''}`, as: t.staff.counter })).json()).toMatchObject({ status: 'EXPIRED' });
      expect((await t.call({ method: 'GET', url: `/api/reservations/${queued.reservation.reservationId}`, as: t.staff.counter })).json()).toMatchObject({
        status: 'READY_FOR_PICKUP',
        expiresAt: '2026-09-22T09:00:00.000Z',
      });
      await t.library.idle();
      expect(t.notifier.notices({ kind: 'license-offered', memberId: raj.id })).toHaveLength(1);
      expect((await check(t, token)).json<{ code: string }>().code).toBe('TOKEN_EXPIRED');
    });
  });

  describe('GET /api/members/:memberId/digital-loans', () => {
    it("should list the member's running e-loans", async () => {
      await t.lend(priya.id, 'cormen-epub');
      const response = await t.call({ method: 'GET', url: `/api/members/${priya.id}/digital-loans`, as: t.staff.counter });
      expect(response.json<DigitalLoanView[]>().map((l) => [l.copyId, l.status])).toEqual([['cormen-epub', 'ACTIVE']]);
    });
  });

  describe('POST /api/digital/tokens/check', () => {
    it('should answer VALID with the loan, copy and expiry, and no patron', async () => {
      const lent = await t.lend(priya.id, 'cormen-epub');
      const response = await check(t, tokenOf(lent));
      expect([response.statusCode, response.json()]).toEqual([200, { status: 'VALID', loanId: lent.loan.loanId, copyId: 'cormen-epub', expiresAt: lent.loan.dueAt }]);
    });

    describe('when the token is refused', () => {
      /** Each way a token can fail, made from Priya's genuine loan. */
      const REFUSED: readonly (readonly [string, (w: World, lent: Lent) => Promise<string>, string])[] = [
        ['past its due instant', (w, lent) => Promise.resolve((w.clock.advanceDays(15), tokenOf(lent))), 'TOKEN_EXPIRED'],
        [
          'returned early',
          async (w, lent) => {
            await w.call({ method: 'POST', url: `/api/digital-loans/${lent.loan.loanId}/return`, as: w.staff.counter });
            return tokenOf(lent);
          },
          'TOKEN_REVOKED',
        ],
        ['signed by another key under the same key id', async (_w, lent) => forged(lent, 'k1'), 'TOKEN_INVALID_SIGNATURE'],
        ['signed by a key the library does not know', async (_w, lent) => forged(lent, 'k9'), 'TOKEN_UNKNOWN_KEY'],
        ['not a token at all', () => Promise.resolve('not-a-token'), 'TOKEN_MALFORMED'],
      ];

      it.each(REFUSED)('should answer 403 when %s, with the reason as the code and nothing of the loan', async (_case, make, code) => {
        const lent = await t.lend(priya.id, 'cormen-epub');
        const response = await check(t, await make(t, lent));
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([403, code]);
        expect(response.body).not.toContain(lent.loan.loanId);
        expect(response.body).not.toContain(priya.id);
      });

      it('should answer each reason distinctly', () => {
        expect(new Set(REFUSED.map(([, , code]) => code)).size).toBe(REFUSED.length);
      });
    });

    describe("when a signed-in member checks another member's token", () => {
      it('should answer 403 NOT_YOUR_LOAN', async () => {
        const lent = await t.lend(raj.id, 'cormen-epub');
        await t.server.pins.setPin(priya.id, PIN);
        const response = await check(t, tokenOf(lent), await t.signIn(priya.id));
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([403, 'NOT_YOUR_LOAN']);
        expect(response.body).not.toContain(raj.id);
      });
    });
  });

  describe('POST /api/reservations with a format', () => {
    it.each(['DIGITAL', 'ANY'] as const)('should place a %s hold', async (format) => {
      const response = await t.call({ method: 'POST', url: '/api/reservations', as: t.staff.counter, payload: { memberId: priya.id, isbn: CORMEN, format } });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ memberId: priya.id, format });
    });

    describe.each([
      ['DIGITAL for a title with no digital copy', { isbn: SEDGEWICK, format: 'DIGITAL' }, 422, 'NOTHING_TO_RESERVE'],
      ['an unknown format', { isbn: CORMEN, format: 'EBOOK' }, 400, 'INVALID_INPUT'],
    ])('when asked for %s', (_case, payload, status, code) => {
      it(`should answer ${String(status)} ${code} and place nothing`, async () => {
        const response = await t.call({ method: 'POST', url: '/api/reservations', as: t.staff.counter, payload: { memberId: priya.id, ...payload } });
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([status, code]);
        expect(await t.library.reservations.queueFor(payload.isbn)).toEqual([]);
      });
    });
  });

  describe('GET /api/reservations/:reservationId/wait', () => {
    it('should estimate the days until a license frees up', async () => {
      await t.lendEveryLicense();
      t.clock.advanceDays(4);
      const queued = (await t.borrow(raj.id, 'cormen-pdf')).json<Extract<BorrowResult, { outcome: 'QUEUED' }>>();
      const response = await t.call({ method: 'GET', url: `/api/reservations/${queued.reservation.reservationId}/wait`, as: t.staff.counter });
      expect(response.json()).toEqual({ reservationId: queued.reservation.reservationId, isbn: CORMEN, estimatedWaitDays: 10 });
    });
  });
});

/** A loan token with genuine-looking claims, signed by a key the library never issued under `kid`. */
async function forged(lent: Lent, kid: string): Promise<string> {
  const impostor = new JoseLoanTokens(new LoanTokenKeyRing(await LoanTokenKeyRing.generateKey(kid)));
  return impostor.issue({
    copyId: lent.loan.copyId,
    patronId: lent.loan.memberId,
    loanId: lent.loan.loanId,
    tokenId: 'token-forged',
    issuedAt: new Date(lent.loan.borrowedAt),
    expiresAt: new Date(lent.loan.dueAt),
  });
}

