import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BorrowResult } from '../../src/application/digital/views.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { license } from '../fixtures/digital.js';
import { PIN, aServer, type TestServer } from './server.js';

const CORMEN = BookFixtures.cormen.isbn;
const READERS = Array.from({ length: 30 }, (_, i) => `R-${String(i + 1).padStart(2, '0')}`);

describe('POST /api/digital-loans under concurrency', () => {
  describe('when 30 signed-in members borrow a 2-license e-book at once', () => {
    let t: TestServer;
    let answers: { readonly memberId: string; readonly status: number; readonly result: BorrowResult }[];

    beforeAll(async () => {
      // Every borrow saves the pool, so the 30 race on one optimistic version; the losers re-run from scratch.
      t = await aServer({ library: { retryLimit: 1_000 }, server: { pinRateLimit: { capacity: 100, refillPerMinute: 100 } } });
      await license(t, 'cormenEpub', { licenses: 2 });
      const sessions = new Map<string, string>();
      for (const id of READERS) {
        await t.library.members.register({ id, name: `Reader ${id}`, type: 'PUBLIC' });
        await t.server.pins.setPin(id, PIN);
        sessions.set(id, await t.signIn(id));
      }
      answers = await Promise.all(
        READERS.map(async (memberId) => {
          const response = await t.call({ method: 'POST', url: '/api/digital-loans', as: sessions.get(memberId) ?? '', payload: { memberId, copyId: 'cormen-epub' } });
          return { memberId, status: response.statusCode, result: response.json<BorrowResult>() };
        }),
      );
    });
    afterAll(() => t.server.close());

    it('should answer every borrow 201', () => {
      expect(answers.map((a) => a.status)).toEqual(READERS.map(() => 201));
    });

    it('should lend exactly the 2 licenses', async () => {
      expect(answers.filter((a) => a.result.outcome === 'LENT')).toHaveLength(2);
      expect(await t.library.digitalCatalog.getCopy('cormen-epub')).toMatchObject({ lent: 2, offered: 0, availableLicenses: 0 });
    });

    it('should queue the other 28 at positions 1 to 28, each told the place the queue keeps', async () => {
      const told = new Map(answers.flatMap((a) => (a.result.outcome === 'QUEUED' ? [[a.memberId, a.result.reservation.position] as const] : [])));
      const queue = await t.library.reservations.queueFor(CORMEN);
      expect(queue.map((r) => r.position)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
      expect(queue.map((r) => told.get(r.memberId))).toEqual(queue.map((r) => r.position));
      expect(queue.every((r) => r.format === 'DIGITAL' && r.status === 'WAITING')).toBe(true);
    });
  });
});
