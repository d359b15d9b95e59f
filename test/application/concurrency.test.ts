import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { LendingError } from '../../src/domain/lending/LendingError.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const CORMEN = BookFixtures.cormen.isbn;
const { priya, raj } = MemberFixtures;

/** Runs `work` after `ticks` turns of the microtask queue: the same two use cases, started a little apart. */
async function after<T>(ticks: number, work: () => Promise<T>): Promise<T> {
  for (let i = 0; i < ticks; i++) await Promise.resolve();
  return work();
}

async function registerReaders(library: ReturnType<typeof aLibrary>['library'], count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `R-${String(i + 1).padStart(2, '0')}`);
  for (const id of ids) await library.members.register({ id, name: `Reader ${id}`, type: 'PUBLIC' });
  return ids;
}

describe('Concurrency on the in-memory store', () => {
  describe('when 50 members check out the last copy at once', () => {
    it('should lend it exactly once; the other 49 learn the copy is not available', async () => {
      const { library } = aLibrary('college');
      const readers = await registerReaders(library, 50);
      const [barcode] = await shelve(library, 'cormen', 1);

      const results = await Promise.allSettled(readers.map((memberId) => library.circulation.checkOut({ memberId, barcode: barcode! })));

      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      expect(lost.every((r) => LendingError.is(r.reason) && r.reason.code === 'COPY_NOT_AVAILABLE')).toBe(true);
      const copy = await library.catalog.getCopy(barcode!);
      expect(copy.status).toBe('LOANED');
      const loansOut = await Promise.all(readers.map((id) => library.members.loans(id)));
      expect(loansOut.flat()).toHaveLength(1);
    });
  });

  describe('when one member checks out several titles at once near the loan limit', () => {
    it('should never exceed the limit', async () => {
      const { library } = aLibrary('city'); // basic plan: 3 loans
      const [reader] = await registerReaders(library, 1);
      const barcodes = [
        ...(await shelve(library, 'cormen', 1)),
        ...(await shelve(library, 'sedgewick', 1)),
        ...(await shelve(library, 'cleanCode', 1)),
        ...(await shelve(library, 'designPatterns', 1)),
      ];
      const results = await Promise.allSettled(barcodes.map((barcode) => library.circulation.checkOut({ memberId: reader!, barcode })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect((await library.members.get(reader!)).activeLoanCount).toBe(3);
    });
  });

  describe('when a member reserves a title while its only copy comes back', () => {
    it('should leave the copy on the hold shelf for that member, however the two interleave', async () => {
      for (let head = 0; head <= 40; head++) {
        const { library } = aLibrary('college');
        await enrol(library, 'priya', 'raj');
        const [barcode] = await shelve(library, 'cormen', 1);
        await library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });

        await Promise.all([library.reservations.reserve({ memberId: priya.id, isbn: CORMEN }), after(head, () => library.circulation.returnCopy({ barcode: barcode! }))]);

        const copy = await library.catalog.getCopy(barcode!);
        expect({ head, status: copy.status, heldFor: copy.heldFor }).toEqual({ head, status: 'RESERVED', heldFor: priya.id });
      }
    });
  });

  describe('when 20 members reserve one title at once', () => {
    it('should give each a distinct place, 1 to 20', async () => {
      const { library } = aLibrary('college');
      const readers = await registerReaders(library, 21);
      const [barcode] = await shelve(library, 'cormen', 1);
      await library.circulation.checkOut({ memberId: readers[20]!, barcode: barcode! });

      const placed = await Promise.all(readers.slice(0, 20).map((memberId) => library.reservations.reserve({ memberId, isbn: CORMEN })));

      expect(placed.map((r) => r.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const queue = await library.reservations.queueFor(CORMEN);
      expect(queue.map((r) => r.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });
});
