import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/application/ports/Store.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, PIN, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;
const { cormen, cleanCode } = BookFixtures;

/** `staff:<tokenId>` for a token `smk_<tokenId>_<secret>`. */
const staffActor = (token: string): string => `staff:${/^smk_([0-9a-f]+)_/.exec(token)?.[1] ?? 'unparsed'}`;

/** Who is named on each entry of `action`: `actor (label)`. */
const whoDid = (entries: readonly AuditEntry[], action: string): string[] =>
  entries.filter((e) => e.action === action).map((e) => (e.actorLabel === undefined ? e.actor : `${e.actor} (${e.actorLabel})`));

describe('the audit log behind the HTTP API', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await shelve(t.library, 'cormen', 1);
    await enrol(t.library, 'priya', 'raj');
    await t.server.pins.setPin(raj.id, PIN);
  });
  afterEach(() => t.server.close());

  const expectCreated = async (request: Parameters<TestServer['call']>[0]): Promise<void> => {
    const response = await t.call(request);
    expect(response.statusCode, response.body).toBeLessThan(300);
  };

  describe('when staff change the catalogue, the copies and the members', () => {
    it('should name the staff token and its label on every entry', async () => {
      await expectCreated({ method: 'POST', url: '/api/catalog/books', as: t.staff.librarian, payload: { isbn: cleanCode.isbn, title: cleanCode.title, authors: cleanCode.authors } });
      await expectCreated({ method: 'POST', url: '/api/items', as: t.staff.librarian, payload: { barcode: 'cleanCode-1', isbn: cleanCode.isbn, branch: 'main', rack: '4-B' } });
      await expectCreated({ method: 'POST', url: '/api/members', as: t.staff.counter, payload: { id: 'M-NEW', name: 'New reader' } });
      await expectCreated({ method: 'POST', url: '/api/members/M-NEW/block', as: t.staff.librarian, payload: { reason: 'lost card' } });

      const entries = [...(await t.library.audit.query({ isbn: cleanCode.isbn })), ...(await t.library.audit.query({ memberId: 'M-NEW' }))];
      const cataloguer = `${staffActor(t.staff.librarian)} (cataloguer)`;
      expect(whoDid(entries, 'book.added')).toEqual([cataloguer]);
      expect(whoDid(entries, 'copy.added')).toEqual([cataloguer]);
      expect(whoDid(entries, 'member.registered')).toEqual([`${staffActor(t.staff.counter)} (front desk)`]);
      expect(whoDid(entries, 'member.blocked')).toEqual([cataloguer]);
    });
  });

  describe('when the counter lends, takes back and takes a payment', () => {
    it('should name the counter token on the loan, the return, the fine and the payment', async () => {
      await expectCreated({ method: 'POST', url: '/api/checkouts', as: t.staff.counter, payload: { memberId: priya.id, barcode: 'cormen-1' } });
      t.clock.advanceDays(20);
      await expectCreated({ method: 'POST', url: '/api/returns', as: t.staff.counter, payload: { barcode: 'cormen-1' } });
      const owed = (await t.library.fines.ledger(priya.id)).balance.amount;
      await expectCreated({ method: 'POST', url: '/api/payments', as: t.staff.counter, payload: { memberId: priya.id, amount: owed, method: 'cash' } });

      const entries = await t.library.audit.query({ memberId: priya.id });
      const frontDesk = `${staffActor(t.staff.counter)} (front desk)`;
      for (const action of ['copy.checked-out', 'copy.returned', 'fine.assessed', 'fine.paid']) expect(whoDid(entries, action)).toEqual([frontDesk]);
    });
  });

  describe('when a member signed in at a kiosk reserves and renews', () => {
    it('should name the member', async () => {
      await t.library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      const session = await t.signIn(raj.id);
      await expectCreated({ method: 'POST', url: '/api/renewals', as: session, payload: { barcode: 'cormen-1' } });
      await t.library.catalog.addBook(cleanCode);
      await t.library.catalog.addCopy({ barcode: 'cleanCode-1', isbn: cleanCode.isbn, branch: 'main', rack: '4-B' });
      await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'cleanCode-1' });
      await expectCreated({ method: 'POST', url: '/api/reservations', as: session, payload: { memberId: raj.id, isbn: cleanCode.isbn } });

      const entries = await t.library.audit.query({ memberId: raj.id });
      expect(whoDid(entries, 'loan.renewed')).toEqual([`member:${raj.id}`]);
      expect(whoDid(entries, 'reservation.placed')).toEqual([`member:${raj.id}`]);
      expect(whoDid(entries, 'copy.checked-out')).toEqual(['system']);
    });
  });

  describe('when the jobs run without anyone naming an actor', () => {
    it('should name them system:jobs', async () => {
      await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
      await t.library.reservations.reserve({ memberId: raj.id, isbn: cormen.isbn });
      await t.library.circulation.returnCopy({ barcode: 'cormen-1' });
      t.clock.advanceDays(5);
      await t.library.runDueJobs();

      expect(whoDid(await t.library.audit.query({ memberId: raj.id }), 'reservation.expired')).toEqual(['system:jobs']);
    });
  });
});
