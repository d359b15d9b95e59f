import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shelve } from '../fixtures/catalog.js';
import { aServer, type TestServer } from './server.js';

/** Priya's card expires on Thursday 10 September 2026, three days after the fixture's Monday morning. */
const EXPIRY = '2026-09-10T09:00:00.000Z';
const AFTER_EXPIRY = '2026-09-11T09:00:00.000Z';

describe('Patron cards over HTTP', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await shelve(t.library, 'cormen', 1);
    const enrolled = await t.call({
      method: 'POST',
      url: '/api/members',
      as: t.staff.counter,
      payload: { id: 'M-PRIYA', name: 'Priya', contact: { email: 'priya@example.org' }, cardExpiresAt: EXPIRY },
    });
    expect(enrolled.statusCode).toBe(201);
  });
  afterEach(() => t.server.close());

  const checkout = (as: string, url = '/api/checkouts', extra: Record<string, string> = {}) =>
    t.call({ method: 'POST', url, as, payload: { memberId: 'M-PRIYA', barcode: 'cormen-1', ...extra } });

  describe('POST /api/members', () => {
    describe('when a card expiry is given', () => {
      it('should answer the member with it', async () => {
        const member = await t.call({ method: 'GET', url: '/api/members/M-PRIYA', as: t.staff.counter });
        expect(member.json()).toMatchObject({ memberId: 'M-PRIYA', cardExpiresAt: EXPIRY });
      });
    });

    describe('when the email address is already registered', () => {
      it('should answer 409 EMAIL_ALREADY_REGISTERED and enrol nobody', async () => {
        const refused = await t.call({ method: 'POST', url: '/api/members', as: t.staff.counter, payload: { id: 'M-TWIN', name: 'Twin', contact: { email: 'PRIYA@example.org' } } });
        expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([409, 'EMAIL_ALREADY_REGISTERED']);
        expect(await t.library.members.find('M-TWIN')).toBeNull();
      });
    });
  });

  describe('POST /api/checkouts', () => {
    describe('when the card has expired', () => {
      it('should answer 422 CARD_EXPIRED and lend nothing', async () => {
        t.clock.set(AFTER_EXPIRY);
        const refused = await checkout(t.staff.counter);
        expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([422, 'CARD_EXPIRED']);
        expect(await t.library.members.loans('M-PRIYA')).toEqual([]);
      });
    });
  });

  describe('POST /api/checkouts/override', () => {
    describe('when a librarian lends despite the expired card', () => {
      it('should lend, and the audit log should name the librarian and the reason', async () => {
        t.clock.set(AFTER_EXPIRY);
        const lent = await checkout(t.staff.librarian, '/api/checkouts/override', { reason: 'renewal form handed in' });
        expect(lent.statusCode).toBe(201);
        const overridden = (await t.library.audit.query({ memberId: 'M-PRIYA' })).filter((e) => e.action === 'member.block-overridden');
        expect(overridden).toMatchObject([{ actorLabel: 'cataloguer', data: { blocks: ['CARD_EXPIRED'], reason: 'renewal form handed in' } }]);
      });
    });

    describe('when the reason is missing', () => {
      it('should answer 400 and lend nothing', async () => {
        t.clock.set(AFTER_EXPIRY);
        expect((await checkout(t.staff.librarian, '/api/checkouts/override')).statusCode).toBe(400);
        expect(await t.library.members.loans('M-PRIYA')).toEqual([]);
      });
    });
  });

  describe('POST /api/members/:memberId/card/renew', () => {
    describe('when the new expiry is in the future', () => {
      it('should renew the card and lift the block', async () => {
        t.clock.set(AFTER_EXPIRY);
        const renewed = await t.call({ method: 'POST', url: '/api/members/M-PRIYA/card/renew', as: t.staff.counter, payload: { expiresAt: '2027-09-10T09:00:00.000Z' } });
        expect([renewed.statusCode, renewed.json<{ cardExpiresAt: string }>().cardExpiresAt]).toEqual([200, '2027-09-10T09:00:00.000Z']);
        expect((await checkout(t.staff.counter)).statusCode).toBe(201);
      });
    });

    describe('when the new expiry is already past', () => {
      it('should answer 400 INVALID_INPUT and keep the old expiry', async () => {
        const refused = await t.call({ method: 'POST', url: '/api/members/M-PRIYA/card/renew', as: t.staff.counter, payload: { expiresAt: '2026-01-01T00:00:00.000Z' } });
        expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([400, 'INVALID_INPUT']);
        expect((await t.library.members.get('M-PRIYA')).cardExpiresAt).toBe(EXPIRY);
      });
    });
  });
});
