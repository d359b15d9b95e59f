import { describe, expect, it } from 'vitest';
import { BookFixtures } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';

const CORMEN = BookFixtures.cormen.isbn;

describe('DigitalLendingService under concurrency', () => {
  describe('when 100 members borrow a 3-license e-book at once', () => {
    it('should lend exactly 3 licenses and queue the other 97 in order', async () => {
      // Every borrow saves the pool, so the 100 race on one optimistic version; losers re-run from scratch.
      const t = await aDigitalLibrary({ retryLimit: 1_000 });
      const readers = Array.from({ length: 100 }, (_, i) => `R-${String(i + 1).padStart(3, '0')}`);
      for (const id of readers) await t.library.members.register({ id, name: `Reader ${id}`, type: 'PUBLIC' });
      const copyId = await license(t, 'cormenEpub');

      const results = await Promise.all(readers.map((memberId) => t.library.digital.borrow({ memberId, copyId })));

      const lent = results.filter((r) => r.outcome === 'LENT');
      const queued = results.flatMap((r) => (r.outcome === 'QUEUED' ? [r.reservation] : []));
      expect(lent).toHaveLength(3);
      expect(queued).toHaveLength(97);
      expect(await t.library.digitalCatalog.getCopy(copyId)).toMatchObject({ lent: 3, availableLicenses: 0 });

      const queue = await t.library.reservations.queueFor(CORMEN);
      expect(queue.map((r) => r.position)).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
      const placeOf = new Map(queued.map((r) => [r.memberId, r.position]));
      expect(queue.map((r) => placeOf.get(r.memberId))).toEqual(queue.map((r) => r.position));

      // The first license to come back goes to the first in line.
      const first = lent[0];
      if (first?.outcome !== 'LENT') throw new Error('expected a loan');
      await t.library.digital.returnEarly({ loanId: first.loan.loanId });
      expect((await t.library.reservations.queueFor(CORMEN))[0]).toMatchObject({ memberId: queue[0]?.memberId, status: 'READY_FOR_PICKUP' });
    });
  });

  describe('when licenses come back while members join the queue', () => {
    it('should never leave a license free behind a waiting member', async () => {
      const t = await aDigitalLibrary({ retryLimit: 1_000 });
      const readers = Array.from({ length: 20 }, (_, i) => `R-${String(i + 1).padStart(3, '0')}`);
      for (const id of readers) await t.library.members.register({ id, name: `Reader ${id}`, type: 'PUBLIC' });
      const copyId = await license(t, 'cormenEpub');
      const loans = (await Promise.all(readers.slice(0, 3).map((memberId) => t.library.digital.borrow({ memberId, copyId })))).flatMap((r) =>
        r.outcome === 'LENT' ? [r.loan.loanId] : [],
      );

      await Promise.all([
        ...readers.slice(3).map((memberId) => t.library.digital.borrow({ memberId, copyId })),
        ...loans.map((loanId) => t.library.digital.returnEarly({ loanId })),
      ]);

      const copy = await t.library.digitalCatalog.getCopy(copyId);
      const queue = await t.library.reservations.queueFor(CORMEN);
      expect(copy.availableLicenses).toBe(0);
      expect(copy.offered + copy.lent).toBe(3);
      expect(queue.filter((r) => r.status === 'READY_FOR_PICKUP')).toHaveLength(copy.offered);
    });
  });
});
