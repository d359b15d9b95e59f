import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyClaim, IdempotencyClaimRequest, StoredResponse } from '../../src/application/ports/IdempotencyStore.js';
import { InMemoryIdempotencyStore } from '../../src/infrastructure/memory/InMemoryIdempotencyStore.js';
import { Idempotency } from '../../src/interfaces/http/idempotency/Idempotency.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { shelve } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, type TestServer } from './server.js';

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
