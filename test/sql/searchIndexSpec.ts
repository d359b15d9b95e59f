import { beforeEach, describe, expect, it } from 'vitest';
import { PostgresSearchIndex } from '../../src/infrastructure/sql/PostgresSearchIndex.js';
import type { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures } from '../fixtures/catalog.js';

const { cormen, sedgewick, cleanCode, designPatterns } = BookFixtures;

/** The full-text SearchIndex adapter, specified once and run on each engine. */
export function searchIndexSpec(engine: string, fresh: () => Promise<SqlStore>): void {
  describe(engine, () => {
    let index: PostgresSearchIndex;
    beforeEach(async () => {
      index = new PostgresSearchIndex(await fresh());
      await index.upsert({ ...cormen, description: 'A comprehensive textbook covering sorting, graphs and dynamic programming.' });
      await index.upsert(sedgewick);
      await index.upsert({ ...cleanCode, description: 'Writing readable code; includes a chapter on algorithms for refactoring.' });
      await index.upsert(designPatterns);
      await index.setAvailability(cormen.isbn, { available: 2, byBranch: { main: 2 } });
      await index.setAvailability(sedgewick.isbn, { available: 1, byBranch: { east: 1 } });
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
          expect(result.hits).toEqual([{ isbn: sedgewick.isbn, title: sedgewick.title, authors: sedgewick.authors, year: 2011, score: expect.any(Number) as number, availableCopies: 1 }]);
        });
      });

      describe('when filtering by author, subject and years with facets', () => {
        it('should narrow the hits and count facets over all matches', async () => {
          const result = await index.search({ subject: 'software engineering', yearTo: 2000, facets: true });
          expect(result.hits.map((h) => h.isbn)).toEqual([designPatterns.isbn]);
          expect(result.facets).toEqual({ subjects: [{ value: 'Software engineering', count: 1 }], languages: [{ value: 'en', count: 1 }], decades: [{ value: '1990s', count: 1 }] });
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
