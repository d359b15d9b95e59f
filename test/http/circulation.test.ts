import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;

describe('POST /api/checkouts', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await shelve(t.library, 'cormen', 1);
    await enrol(t.library, 'priya', 'raj');
  });
  afterEach(() => t.server.close());

  const checkout = (key?: string, memberId: string = priya.id): InjectOptions & { as: string } => ({
    method: 'POST',
    url: '/api/checkouts',
    as: t.staff.counter,
    payload: { memberId, barcode: 'cormen-1' },
    ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
  });

  describe('when the copy is on the shelf', () => {
    it('should lend it and answer 201 with the loan slip', async () => {
      const response = await t.call(checkout());
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ memberId: priya.id, barcode: 'cormen-1', dueAt: '2026-09-17T09:00:00.000Z', status: 'OPEN' });
    });
  });

  describe('when a scanner double-fires with the same Idempotency-Key', () => {
    it('should replay the first answer and create one loan', async () => {
      const first = await t.call(checkout('scan-0001-cormen'));
      const retry = await t.call(checkout('scan-0001-cormen'));
      expect(retry.statusCode).toBe(first.statusCode);
      expect(retry.body).toBe(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await t.library.members.loans(priya.id)).toHaveLength(1);
    });
  });

  describe('when ten duplicates with the same key arrive at once', () => {
    it('should run the checkout once and give every duplicate the same answer', async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, () => t.call(checkout('scan-0002-cormen'))));
      expect(new Set(responses.map((r) => `${r.statusCode} ${r.body}`)).size).toBe(1);
      expect(responses[0]?.statusCode).toBe(201);
      expect(await t.library.members.loans(priya.id, { includeClosed: true })).toHaveLength(1);
    });
  });

  describe('when the same key is reused for a different request', () => {
    it('should refuse with 422 IDEMPOTENCY_KEY_REUSED and change nothing', async () => {
      await t.call(checkout('scan-0003-cormen'));
      const reused = await t.call(checkout('scan-0003-cormen', raj.id));
      expect(reused.statusCode).toBe(422);
      expect(reused.json()).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) as string });
      expect(await t.library.members.loans(raj.id)).toHaveLength(0);
    });
  });

  describe('when the copy is already lent', () => {
    it('should answer 409 COPY_NOT_AVAILABLE, and replay that answer to a retry', async () => {
      await t.call(checkout());
      const refused = await t.call(checkout('scan-0004-cormen', raj.id));
      const retry = await t.call(checkout('scan-0004-cormen', raj.id));
      expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([409, 'COPY_NOT_AVAILABLE']);
      expect(retry.body).toBe(refused.body);
    });
  });

  describe('when the member is unknown', () => {
    it('should answer 404 MEMBER_NOT_FOUND', async () => {
      const response = await t.call(checkout(undefined, 'M-NOBODY'));
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    });
  });

  describe('when the member is blocked', () => {
    it('should answer 422 MEMBER_BLOCKED', async () => {
      await t.library.members.block({ memberId: priya.id, reason: 'lost card' });
      const response = await t.call(checkout());
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([422, 'MEMBER_BLOCKED']);
    });
  });

  describe.each([
    ['no member id', { barcode: 'cormen-1' }],
    ['an unknown field', { memberId: priya.id, barcode: 'cormen-1', dueAt: '2030-01-01' }],
    ['a number for the barcode', { memberId: priya.id, barcode: 1 }],
    ['an empty barcode', { memberId: priya.id, barcode: '' }],
    ['white space in the member id', { memberId: 'M PRIYA', barcode: 'cormen-1' }],
    ['an array', [{ memberId: priya.id, barcode: 'cormen-1' }]],
  ])('when the body has %s', (_case, payload) => {
    it('should answer 400 INVALID_INPUT and leave the copy on the shelf', async () => {
      const response = await t.call({ ...checkout(), payload });
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([400, 'INVALID_INPUT']);
      expect((await t.library.catalog.getCopy('cormen-1')).status).toBe('AVAILABLE');
    });
  });

  describe('when the body is not JSON', () => {
    it('should answer 400 and leave the copy on the shelf', async () => {
      const response = await t.call({ ...checkout(), payload: '{"memberId": "M-PRIYA",', headers: { 'content-type': 'application/json' } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_INPUT' });
      expect((await t.library.catalog.getCopy('cormen-1')).status).toBe('AVAILABLE');
    });
  });
});

describe('50 counters checking out the last copy at once, over HTTP', () => {
  it('should lend it once (201) and refuse the other 49 with 409', async () => {
    const t = await aServer();
    await shelve(t.library, 'cormen', 1);
    const members = Array.from({ length: 50 }, (_, i) => `M-READER-${String(i + 1).padStart(2, '0')}`);
    for (const id of members) await t.library.members.register({ id, name: `Reader ${id}`, type: 'STUDENT' });
    const address = await t.server.listen({ port: 0 });
    try {
      const responses = await Promise.all(
        members.map((memberId) =>
          fetch(`${address}/api/checkouts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${t.staff.counter}`, 'content-type': 'application/json' },
            body: JSON.stringify({ memberId, barcode: 'cormen-1' }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } })),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['COPY_NOT_AVAILABLE']));
      expect((await t.library.catalog.getCopy('cormen-1')).status).toBe('LOANED');
    } finally {
      await t.server.close();
    }
  });
});

describe('POST /api/returns', () => {
  describe('when the copy comes back late and a member waits for the title', () => {
    it('should answer with the fine and a hold slip for the next member', async () => {
      const t = await aServer();
      await shelve(t.library, 'cormen', 1);
      await enrol(t.library, 'priya', 'raj');
      await t.library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      await t.library.reservations.reserve({ memberId: priya.id, isbn: BookFixtures.cormen.isbn });
      t.clock.advanceDays(15);
      const response = await t.call({ method: 'POST', url: '/api/returns', as: t.staff.counter, payload: { barcode: 'cormen-1' } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        daysLate: 5,
        finesAssessed: [{ reason: 'OVERDUE', amount: { amount: 900, currency: 'INR' } }],
        heldFor: { memberId: priya.id, barcode: 'cormen-1' },
      });
    });
  });

  describe('when retried with the same Idempotency-Key', () => {
    it('should replay the receipt and assess the fine once', async () => {
      const t = await aServer();
      await shelve(t.library, 'cormen', 1);
      await enrol(t.library, 'raj');
      await t.library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      t.clock.advanceDays(15);
      const request = { method: 'POST', url: '/api/returns', as: t.staff.counter, payload: { barcode: 'cormen-1' }, headers: { 'idempotency-key': 'return-0001' } } as const;
      const first = await t.call(request);
      const retry = await t.call(request);
      expect(retry.body).toBe(first.body);
      expect((await t.library.fines.ledger(raj.id)).fines).toHaveLength(1);
    });
  });
});

describe('POST /api/payments', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await shelve(t.library, 'cormen', 1);
    await enrol(t.library, 'raj');
    await t.library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
    t.clock.advanceDays(15);
    await t.library.circulation.returnCopy({ barcode: 'cormen-1' });
  });

  const pay = (payload: unknown, key?: string): InjectOptions & { as: string } => ({
    method: 'POST',
    url: '/api/payments',
    as: t.staff.counter,
    payload: payload as Record<string, unknown>,
    ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
  });

  describe('when a payment is retried with the same Idempotency-Key', () => {
    it('should take the money once', async () => {
      const first = await t.call(pay({ memberId: raj.id, amount: 400, method: 'cash' }, 'till-7-0001'));
      const retry = await t.call(pay({ memberId: raj.id, amount: 400, method: 'cash' }, 'till-7-0001'));
      expect(first.statusCode).toBe(201);
      expect(retry.body).toBe(first.body);
      const ledger = await t.library.fines.ledger(raj.id);
      expect([ledger.payments.length, ledger.balance.amount]).toEqual([1, 500]);
    });
  });

  describe.each([
    ['an amount as text', { memberId: raj.id, amount: '400', method: 'cash' }],
    ['a fractional amount', { memberId: raj.id, amount: 4.5, method: 'cash' }],
    ['a negative amount', { memberId: raj.id, amount: -400, method: 'cash' }],
    ['no method', { memberId: raj.id, amount: 400 }],
  ])('when the body has %s', (_case, payload) => {
    it('should answer 400 and leave the balance as it was', async () => {
      const response = await t.call(pay(payload));
      expect(response.statusCode).toBe(400);
      expect((await t.library.fines.ledger(raj.id)).balance.amount).toBe(900);
    });
  });

  describe('when the amount is more than the member owes', () => {
    it('should answer 422 AMOUNT_EXCEEDS_BALANCE', async () => {
      const response = await t.call(pay({ memberId: raj.id, amount: 5000, method: 'cash' }));
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([422, 'AMOUNT_EXCEEDS_BALANCE']);
    });
  });
});
