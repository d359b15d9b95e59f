import { beforeEach, describe, expect, it } from 'vitest';
import { Book } from '../../src/domain/catalog/Book.js';
import { Branch } from '../../src/domain/catalog/Branch.js';
import { BookItem, type CopyDescription } from '../../src/domain/catalog/BookItem.js';
import { DigitalCopy } from '../../src/domain/digital/DigitalCopy.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { PostgresSearchIndex } from '../../src/infrastructure/sql/PostgresSearchIndex.js';
import type { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures } from '../fixtures/catalog.js';

const { cormen, sedgewick, cleanCode, designPatterns } = BookFixtures;
const NOW = new Date('2026-09-07T09:00:00Z');

/** The copies the search counts live: two of Cormen on the main shelf and one in reference, one Sedgewick at east. */
const COPIES: readonly CopyDescription[] = [
  { barcode: 'cormen-1', isbn: cormen.isbn, branch: 'main', rack: '4-B' },
  { barcode: 'cormen-2', isbn: cormen.isbn, branch: 'main', rack: '4-B' },
  { barcode: 'cormen-ref', isbn: cormen.isbn, branch: 'main', rack: 'REF', referenceOnly: true },
  { barcode: 'sedgewick-1', isbn: sedgewick.isbn, branch: 'east', rack: '2-A' },
];

/** The full-text SearchIndex adapter, specified once and run on each engine. */
export function searchIndexSpec(engine: string, fresh: () => Promise<SqlStore>): void {
  describe(engine, () => {
    let index: PostgresSearchIndex;
    let store: SqlStore;
    beforeEach(async () => {
      store = await fresh();
      index = new PostgresSearchIndex(store, new FixedClock(NOW));
      await index.upsert({ ...cormen, description: 'A comprehensive textbook covering sorting, graphs and dynamic programming.' });
      await index.upsert(sedgewick);
      await index.upsert({ ...cleanCode, description: 'Writing readable code; includes a chapter on algorithms for refactoring.' });
      await index.upsert(designPatterns);
      await store.transaction(async (tx) => {
        for (const book of [cormen, sedgewick]) await tx.books.save(Book.catalogue(book, NOW));
        for (const id of new Set(COPIES.map((c) => c.branch))) await tx.branches.save(Branch.register({ id }, NOW));
        for (const copy of COPIES) await tx.items.save(BookItem.shelve(copy, NOW));
      });
    });

    describe('availability', () => {
      describe('when copies are on the shelf, in reference, and lent', () => {
        it('should count only the lendable copies on the shelf, as they are at query time', async () => {
          const copiesOf = async (isbn: string): Promise<number | undefined> =>
            (await index.search({ text: 'algorithms' })).hits.find((h) => h.isbn === isbn)?.availableCopies;
          expect(await copiesOf(cormen.isbn)).toBe(2);
          await store.transaction(async (tx) => {
            const copy = (await tx.items.get('cormen-1'))!;
            copy.checkOut('priya', 'L1');
            await tx.items.save(copy);
          });
          expect(await copiesOf(cormen.isbn)).toBe(1);
          expect(await copiesOf(cleanCode.isbn)).toBe(0);
        });
      });
    });

    describe('availability with digital licenses', () => {
      /**
       * Cormen: EPUB with 2 licenses, one lent; a PDF whose contract ended; a metered MOBI (2 checkouts left, one
       * license offered). Design Patterns: an unlimited audiobook.
       */
      let pools: DigitalCopy[];
      beforeEach(async () => {
        const epub = DigitalCopy.acquire({ copyId: 'cormen-epub', isbn: cormen.isbn, format: 'EPUB', fileKey: 'e', drm: 'LOAN_TOKEN', licenses: 2 }, NOW);
        epub.lend({ loanId: 'eloan-1', memberId: 'priya', dueAt: '2026-09-21T09:00:00.000Z' }, NOW);
        const ended = { copyId: 'cormen-pdf', isbn: cormen.isbn, format: 'PDF', fileKey: 'p', drm: 'NONE', licenses: 3, terms: { expiresAt: new Date('2026-09-01T00:00:00Z') } } as const;
        const metered = DigitalCopy.acquire({ copyId: 'cormen-mobi', isbn: cormen.isbn, format: 'MOBI', fileKey: 'm', drm: 'NONE', licenses: 5, terms: { checkouts: 2 } }, NOW);
        metered.offer({ reservationId: 'res-1', memberId: 'raj', expiresAt: '2026-09-08T09:00:00.000Z' }, NOW);
        const audio = { copyId: 'gof-audio', isbn: designPatterns.isbn, format: 'AUDIOBOOK', fileKey: 'a', drm: 'NONE', terms: { unlimitedAccess: true } } as const;
        pools = [epub, DigitalCopy.acquire(ended, NOW), metered, DigitalCopy.acquire(audio, NOW)];
        await store.transaction(async (tx) => {
          await tx.books.save(Book.catalogue(designPatterns, NOW));
          for (const copy of pools) await tx.digitalCopies.save(copy);
        });
      });
      const hitOf = async (isbn: string) => (await index.search({ facets: true, limit: 10 })).hits.find((h) => h.isbn === isbn);

      it('should count the licenses that could be lent now, and list the formats still lending', async () => {
        // The database counts by the domain's rule: DigitalCopy.lendableLicenses(now) summed over the title's pools.
        const lendable = pools.filter((p) => p.isbn === cormen.isbn).reduce((sum, p) => sum + p.lendableLicenses(NOW), 0);
        expect(lendable).toBe(2);
        expect(await hitOf(cormen.isbn)).toMatchObject({ availableCopies: 2, availableLicenses: lendable, formats: ['PRINT', 'EPUB', 'MOBI'] });
        expect(await hitOf(designPatterns.isbn)).toMatchObject({ availableCopies: 0, availableLicenses: 65_535, formats: ['AUDIOBOOK'] });
      });

      it('should keep a title with a free license but no copy on the shelf under "available only"', async () => {
        expect((await index.search({ availableOnly: true })).hits.map((h) => h.isbn).sort()).toEqual([cormen.isbn, sedgewick.isbn, designPatterns.isbn].sort());
      });

      it('should filter by format and count formats as a facet', async () => {
        const result = await index.search({ format: 'AUDIOBOOK', facets: true });
        expect(result.hits.map((h) => h.isbn)).toEqual([designPatterns.isbn]);
        expect((await index.search({ facets: true })).facets?.formats).toEqual([
          { value: 'PRINT', count: 2 },
          { value: 'AUDIOBOOK', count: 1 },
          { value: 'EPUB', count: 1 },
          { value: 'MOBI', count: 1 },
        ]);
      });
    });

    describe('.search', () => {
      describe('when the text matches titles, authors and descriptions', () => {
        it('should rank a title match above a description match', async () => {
          const result = await index.search({ text: 'algorithms' });
          expect(result.total).toBe(3);
          expect(result.hits.map((h) => h.isbn).slice(-1)).toEqual([cleanCode.isbn]);
          expect(result.hits[0]?.score).toBeGreaterThan(result.hits[2]?.score ?? 0);
        });

        it('should match stemmed words anywhere in the weighted document', async () => {
          expect((await index.search({ text: 'sorting graph' })).hits.map((h) => h.isbn)).toEqual([cormen.isbn]);
          expect((await index.search({ text: 'gamma' })).hits.map((h) => h.isbn)).toEqual([designPatterns.isbn]);
        });
      });

      describe('when only available titles at one branch are wanted', () => {
        it('should count copies at that branch', async () => {
          const result = await index.search({ text: 'algorithms', availableOnly: true, branch: 'east' });
          expect(result.hits).toEqual([
            { recordId: sedgewick.isbn, isbn: sedgewick.isbn, materialType: 'BOOK', title: sedgewick.title, authors: sedgewick.authors, year: 2011, score: expect.any(Number) as number, availableCopies: 1, availableLicenses: 0, formats: ['PRINT'] },
          ]);
        });
      });

      describe('when filtering by author, subject and years with facets', () => {
        it('should narrow the hits and count facets over all matches', async () => {
          const result = await index.search({ subject: 'software engineering', yearTo: 2000, facets: true });
          expect(result.hits.map((h) => h.isbn)).toEqual([designPatterns.isbn]);
          expect(result.facets).toEqual({ subjects: [{ value: 'Software engineering', count: 1 }], languages: [{ value: 'en', count: 1 }], decades: [{ value: '1990s', count: 1 }], formats: [], materialTypes: [{ value: 'BOOK', count: 1 }] });
          expect((await index.search({ author: 'wayne' })).hits.map((h) => h.isbn)).toEqual([sedgewick.isbn]);
        });
      });

      describe('when paging', () => {
        it('should report the total and return the requested page', async () => {
          const page = await index.search({ text: 'algorithms', limit: 1, offset: 1 });
          expect(page.total).toBe(3);
          expect(page.hits).toHaveLength(1);
        });
      });
    });

    describe('.remove', () => {
      it('should drop the title from results', async () => {
        await index.remove(cormen.isbn);
        expect((await index.search({ text: 'algorithms' })).hits.map((h) => h.isbn)).not.toContain(cormen.isbn);
      });
    });
  });
}
