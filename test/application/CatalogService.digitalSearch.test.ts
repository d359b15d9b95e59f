import { describe, expect, it } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** Cormen only as a one-license PDF (no copy on a shelf); Sedgewick on the shelf only. */
async function catalogue() {
  const t = await aDigitalLibrary();
  await enrol(t.library, 'priya', 'raj');
  await license(t, 'cormenPdf');
  await shelve(t.library, 'sedgewick', 1);
  return t;
}

const availableTitles = async (t: Awaited<ReturnType<typeof catalogue>>): Promise<string[]> =>
  (await t.library.catalog.search({ text: 'algorithms', availableOnly: true })).hits.map((h) => h.recordId).sort();

describe('CatalogService', () => {
  describe('.search', () => {
    describe('when a title is lendable only as an e-book', () => {
      it('should count its free license as available, and drop it from "available only" while the license is out', async () => {
        const t = await catalogue();
        expect((await t.library.catalog.search({ text: 'introduction algorithms' })).hits[0]).toMatchObject({ isbn: CORMEN, availableCopies: 0, availableLicenses: 1, formats: ['PDF'] });
        expect(await availableTitles(t)).toEqual([CORMEN, BookFixtures.sedgewick.isbn].sort());

        const lent = await t.library.digital.borrow({ memberId: priya.id, copyId: 'cormen-pdf' });
        expect(await availableTitles(t)).toEqual([BookFixtures.sedgewick.isbn]);

        // Returned while Raj waits: the license is offered to him, so it is not free for anyone else either.
        await t.library.digital.borrow({ memberId: raj.id, copyId: 'cormen-pdf' });
        if (lent.outcome !== 'LENT') throw new Error('expected a loan');
        await t.library.digital.returnEarly({ loanId: lent.loan.loanId });
        expect(await availableTitles(t)).toEqual([BookFixtures.sedgewick.isbn]);

        const [offer] = await t.library.reservations.queueFor(CORMEN);
        await t.library.reservations.cancel({ reservationId: offer?.reservationId ?? '' });
        expect(await availableTitles(t)).toEqual([CORMEN, BookFixtures.sedgewick.isbn].sort());
      });
    });

    describe('when the contract of a title\'s only pool ends by date, with nothing else happening', () => {
      // In memory, and on a SQL store, whose search the process builds from the database's change feed.
      it.each([
        ['in memory', () => aDigitalLibrary()],
        ['on PGlite', () => aDigitalLibrary({ store: SqlStore.pglite() })],
      ])('should stop counting its license and its format from that instant on (%s)', async (_, open) => {
        const t = await open();
        await license(t, 'cormenPdf', { terms: { expiresAt: new Date('2026-09-09T09:00:00Z') } });
        const hit = async () => (await t.library.catalog.search({ text: 'introduction algorithms' })).hits[0];
        expect(await hit()).toMatchObject({ isbn: CORMEN, availableLicenses: 1, formats: ['PDF'] });
        t.clock.advanceDays(1);
        expect(await hit()).toMatchObject({ availableLicenses: 1, formats: ['PDF'] });
        t.clock.advanceDays(1);
        expect(await hit()).toMatchObject({ isbn: CORMEN, availableLicenses: 0, formats: [] });
        expect((await t.library.catalog.search({ text: 'introduction algorithms', availableOnly: true })).hits).toEqual([]);
        await t.library.close();
      });
    });

    describe('when asked for one format, with facets', () => {
      it('should keep the titles lendable in that format and count every format', async () => {
        const t = await catalogue();
        await license(t, 'cormenEpub');
        const result = await t.library.catalog.search({ text: 'algorithms', format: 'EPUB', facets: true });
        expect(result.hits.map((h) => h.isbn)).toEqual([CORMEN]);
        expect(result.facets?.formats).toEqual([{ value: 'EPUB', count: 1 }, { value: 'PDF', count: 1 }]);
        expect((await t.library.catalog.search({ text: 'algorithms', facets: true })).facets?.formats).toEqual([
          { value: 'EPUB', count: 1 },
          { value: 'PDF', count: 1 },
          { value: 'PRINT', count: 1 },
        ]);
      });
    });

    describe('when asked for a format that does not exist', () => {
      it('should refuse the query with INVALID_QUERY', async () => {
        const t = await catalogue();
        await expect(t.library.catalog.search({ text: 'algorithms', format: 'DOCX' as 'PDF' })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      });
    });
  });
});
