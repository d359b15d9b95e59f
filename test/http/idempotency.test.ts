import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyClaim, IdempotencyClaimRequest, StoredResponse } from '../../src/application/ports/IdempotencyStore.js';
import { InMemoryIdempotencyStore } from '../../src/infrastructure/memory/InMemoryIdempotencyStore.js';
import { Idempotency } from '../../src/interfaces/http/idempotency/Idempotency.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { shelve } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, PIN, type TestServer } from './server.js';

const { priya } = MemberFixtures;
const LENT: StoredResponse = { status: 201, body: { loanId: 'loan-000001' } };

describe(Idempotency, () => {
  describe('.run', () => {
    describe('when the request fails unexpectedly', () => {
      it('should record nothing, so a retry with the same key runs', async () => {
        const idempotency = new Idempotency(new InMemoryIdempotencyStore(), new FixedClock(MONDAY_MORNING));
        await expect(idempotency.run('k1', 'fp', () => Promise.reject(new Error('database went away')))).rejects.toThrow('database went away');
        expect(await idempotency.run('k1', 'fp', () => Promise.resolve(LENT))).toEqual({ response: LENT, replayed: false });
      });
    });

    describe('when another process is still answering the key', () => {
      it('should look again until the answer is recorded, then replay it', async () => {
        const store = new InMemoryIdempotencyStore();
        const clock = new FixedClock(MONDAY_MORNING);
        const elsewhere: IdempotencyClaimRequest = { key: 'k1', claimant: 'other-server', fingerprint: 'fp', now: clock.now(), leaseUntil: new Date(Date.parse(MONDAY_MORNING) + 300_000), expiresAt: new Date(Date.parse(MONDAY_MORNING) + 86_400_000) };
        expect(await store.claim(elsewhere)).toEqual({ state: 'claimed' });
        let looks = 0;
        const watched = {
          claim: async (request: IdempotencyClaimRequest): Promise<IdempotencyClaim> => {
            looks += 1;
            if (looks === 3) await store.complete('k1', 'other-server', LENT);
            return store.claim(request);
          },
          complete: store.complete.bind(store),
          release: store.release.bind(store),
          prune: store.prune.bind(store),
        };
        const answer = await new Idempotency(watched, clock).run('k1', 'fp', () => Promise.reject(new Error('must not run twice')));
        expect(answer).toEqual({ response: LENT, replayed: true });
        expect(looks).toBe(3);
      });
    });
  });
});

describe('ShelfmarkServer.pruneExpired', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await shelve(t.library, 'cormen', 1);
    await enrol(t.library, 'priya');
  });
  afterEach(() => t.server.close());

  const checkout = () => t.call({ method: 'POST', url: '/api/checkouts', as: t.staff.counter, payload: { memberId: priya.id, barcode: 'cormen-1' }, headers: { 'idempotency-key': 'scan-0001' } });

  describe('when a recorded answer is older than 24 hours', () => {
    it('should delete it, so the same key runs as a new request', async () => {
      expect((await checkout()).statusCode).toBe(201);
      t.clock.advanceHours(23);
      expect(await t.server.pruneExpired()).toBe(0);
      expect((await checkout()).headers['idempotent-replayed']).toBe('true');
      t.clock.advanceHours(1);
      expect(await t.server.pruneExpired()).toBe(1);
      const fresh = await checkout();
      expect([fresh.statusCode, fresh.json<{ code: string }>().code, fresh.headers['idempotent-replayed']]).toEqual([409, 'COPY_NOT_AVAILABLE', undefined]);
    });
  });
});

describe('an Idempotency-Key retry', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await shelve(t.library, 'cormen', 1);
    await enrol(t.library, 'priya', 'raj');
    await t.server.pins.setPin(priya.id, PIN);
    await t.server.pins.setPin(MemberFixtures.raj.id, PIN);
    await t.library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
  });
  afterEach(() => t.server.close());

  const returnAs = (token: string, key = 'kiosk-return-1') =>
    t.call({ method: 'POST', url: '/api/returns', as: token, payload: { barcode: 'cormen-1' }, headers: { 'idempotency-key': key } });

  describe("when a member's return succeeded and the kiosk retries it (the copy has no borrower any more)", () => {
    it('should replay the recorded receipt, not answer 403', async () => {
      const session = await t.signIn(priya.id);
      const first = await returnAs(session);
      expect(first.statusCode).toBe(200);
      const retry = await returnAs(session);
      expect([retry.statusCode, retry.headers['idempotent-replayed']]).toEqual([200, 'true']);
      expect(retry.json()).toEqual(first.json());
    });
  });

  describe('when another member sends the same key for the same copy', () => {
    it('should not see the recorded answer: records are kept per caller, and the ownership check still refuses', async () => {
      const first = await returnAs(await t.signIn(priya.id));
      expect(first.statusCode).toBe(200);
      const other = await returnAs(await t.signIn(MemberFixtures.raj.id));
      expect([other.statusCode, other.json<{ code: string }>().code, other.headers['idempotent-replayed']]).toEqual([403, 'FORBIDDEN', undefined]);
    });
  });

  describe('when the first attempt was refused by the ownership check', () => {
    it('should record nothing, so the refusal is decided afresh', async () => {
      const raj = await t.signIn(MemberFixtures.raj.id);
      expect((await returnAs(raj, 'kiosk-raj-1')).statusCode).toBe(403);
      const again = await returnAs(raj, 'kiosk-raj-1');
      expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([403, undefined]);
    });
  });

  describe('when the caller is anonymous', () => {
    it('should answer 401 without recording the key', async () => {
      const anonymous = () => t.call({ method: 'POST', url: '/api/returns', payload: { barcode: 'cormen-1' }, headers: { 'idempotency-key': 'kiosk-anon-1' } });
      expect((await anonymous()).statusCode).toBe(401);
      expect(await t.server.pruneExpired()).toBe(0);
      t.clock.advanceHours(25);
      expect(await t.server.pruneExpired()).toBe(0);
    });
  });
});
