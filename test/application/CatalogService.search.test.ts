import { describe, expect, it } from 'vitest';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya } = MemberFixtures;

async function catalogue() {
  const t = aLibrary('college');
  await enrol(t.library, 'priya', 'raj');
  await shelve(t.library, 'cormen', 1);
  await shelve(t.library, 'sedgewick', 2);
  await shelve(t.library, 'cleanCode', 1);
  return t;
}

describe('CatalogService', () => {
  describe('.search', () => {
    it('should find books by words of their title, authors and subjects, best match first', async () => {
      const { library } = await catalogue();
      const result = await library.catalog.search({ text: 'algorithms' });
      expect(result.total).toBe(2);
      expect(result.hits.map((h) => h.isbn)).toEqual(expect.arrayContaining([BookFixtures.cormen.isbn, BookFixtures.sedgewick.isbn]));
      expect((await library.catalog.search({ text: 'sedge' })).hits[0]?.isbn).toBe(BookFixtures.sedgewick.isbn);
    });

    describe('when a copy is lent and returned', () => {
      it('should report the available copies of the moment, with no stale count', async () => {
        const { library } = await catalogue();
        const before = await library.catalog.search({ text: 'introduction algorithms' });
        expect(before.hits[0]).toMatchObject({ isbn: BookFixtures.cormen.isbn, availableCopies: 1 });

        await library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
        const during = await library.catalog.search({ text: 'introduction algorithms' });
        expect(during.hits[0]).toMatchObject({ isbn: BookFixtures.cormen.isbn, availableCopies: 0 });
        expect((await library.catalog.search({ text: 'algorithms', availableOnly: true })).hits.map((h) => h.isbn)).toEqual([BookFixtures.sedgewick.isbn]);

        await library.circulation.returnCopy({ barcode: 'cormen-1' });
        expect((await library.catalog.search({ text: 'introduction algorithms' })).hits[0]).toMatchObject({ availableCopies: 1 });
      });
    });

    describe('when a book is added or removed', () => {
      it('should index it at once and forget it once removed', async () => {
        const { library } = await catalogue();
        await library.catalog.addBook({ ...BookFixtures.designPatterns });
        expect((await library.catalog.search({ text: 'design patterns' })).hits[0]?.isbn).toBe(BookFixtures.designPatterns.isbn);
        await library.catalog.removeBook({ isbn: BookFixtures.designPatterns.isbn });
        expect((await library.catalog.search({ text: 'design patterns' })).total).toBe(0);
      });
    });

    describe('when the query is invalid', () => {
      it('should throw INVALID_QUERY', async () => {
        const { library } = await catalogue();
        await expect(library.catalog.search({ text: 'x', limit: -1 })).rejects.toMatchObject({ code: 'INVALID_QUERY', area: 'search' });
      });
    });
  });
});
