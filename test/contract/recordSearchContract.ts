import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src/application/ports/SearchIndex.js';
import type { BookDescription } from '../../src/domain/catalog/Book.js';
import type { Library } from '../../src/Library.js';
import { BookFixtures } from '../fixtures/catalog.js';

const CORMEN = BookFixtures.cormen;
/** A serial: no ISBN, keyed by its control number, found by its ISSN or LCCN. */
const ANNALS: BookDescription = {
  recordId: 'DLC-sn78004256',
  identifiers: ['ISSN:0003-486X', 'LCCN:sn78004256'],
  materialType: 'SERIAL',
  title: 'Annals of mathematics',
  authors: ['Princeton University'],
  subjects: ['Mathematics'],
  year: 1884,
};
/** A film on DVD: no ISBN, found by its UPC. */
const CASABLANCA: BookDescription = {
  recordId: 'local-dvd-0042',
  identifiers: ['UPC:036000291452'],
  materialType: 'DVD',
  title: 'Casablanca',
  authors: ['Michael Curtiz'],
  subjects: ['Film noir'],
  year: 1942,
};

const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => h.recordId).sort();

/** Opens a Library on a fresh store with the given search engine; `close` ends it. */
export interface RecordSearchHarness {
  open(): Promise<Library>;
}

/** Records without an ISBN in the catalogue search, on every store and search engine. */
export function recordSearchContract(adapter: string, harness: RecordSearchHarness): void {
  describe(`Catalogue search of records without an ISBN: ${adapter}`, () => {
    let library: Library;
    beforeEach(async () => {
      library = await harness.open();
      for (const record of [ANNALS, CASABLANCA, CORMEN]) await library.catalog.addBook(record);
    });
    afterEach(async () => {
      await library.close();
    });

    describe('.search', () => {
      describe('when the text is in the title of a record without an ISBN', () => {
        it('should find it by its record id, with its material type and no ISBN', async () => {
          const { hits } = await library.catalog.search({ text: 'annals mathematics' });
          expect(hits).toHaveLength(1);
          expect(hits[0]).toMatchObject({ recordId: ANNALS.recordId, materialType: 'SERIAL', title: ANNALS.title, year: 1884 });
          expect(hits[0]).not.toHaveProperty('isbn');
        });
      });

      describe('when a record has an ISBN', () => {
        it('should keep the ISBN on the hit, as its record id too', async () => {
          const { hits } = await library.catalog.search({ text: 'algorithms' });
          expect(hits.map((h) => ({ recordId: h.recordId, isbn: h.isbn, materialType: h.materialType }))).toEqual([{ recordId: CORMEN.isbn, isbn: CORMEN.isbn, materialType: 'BOOK' }]);
        });
      });

      describe('when the query names an author, a subject or a year range', () => {
        it('should find the records without an ISBN that match', async () => {
          expect(ids((await library.catalog.search({ author: 'Curtiz' })).hits)).toEqual([CASABLANCA.recordId]);
          expect(ids((await library.catalog.search({ subject: 'Mathematics' })).hits)).toEqual([ANNALS.recordId]);
          expect(ids((await library.catalog.search({ yearFrom: 1880, yearTo: 1950 })).hits)).toEqual([ANNALS.recordId, CASABLANCA.recordId].sort());
        });
      });

      describe('when the text is exactly one of a record’s identifiers', () => {
        it('should find that record by its ISSN, UPC or LCCN', async () => {
          expect(ids((await library.catalog.search({ text: '0003-486X' })).hits)).toEqual([ANNALS.recordId]);
          expect(ids((await library.catalog.search({ text: '036000291452' })).hits)).toEqual([CASABLANCA.recordId]);
          expect(ids((await library.catalog.search({ text: 'sn78004256' })).hits)).toEqual([ANNALS.recordId]);
        });
      });

      describe('when a material type is asked for', () => {
        it('should keep only the records of that type', async () => {
          expect(ids((await library.catalog.search({ materialType: 'DVD' })).hits)).toEqual([CASABLANCA.recordId]);
          expect(ids((await library.catalog.search({ materialType: 'BOOK' })).hits)).toEqual([CORMEN.isbn]);
          expect((await library.catalog.search({ materialType: 'MAP' })).total).toBe(0);
        });
      });

      describe('when facets are asked for', () => {
        it('should count the matches per material type, apart from the lending formats', async () => {
          const { facets } = await library.catalog.search({ facets: true });
          expect(facets?.materialTypes).toEqual([
            { value: 'BOOK', count: 1 },
            { value: 'DVD', count: 1 },
            { value: 'SERIAL', count: 1 },
          ]);
          expect(facets?.formats).toEqual([]);
        });
      });

      describe('when a record without an ISBN is revised and another removed', () => {
        it('should find the revision and no longer the removed one', async () => {
          await library.catalog.addBooks([{ ...CASABLANCA, title: 'Casablanca (restored)' }], { revise: true });
          await library.catalog.removeBook({ isbn: ANNALS.recordId ?? '' });
          expect(ids((await library.catalog.search({ text: 'restored' })).hits)).toEqual([CASABLANCA.recordId]);
          expect((await library.catalog.search({ text: '0003-486X' })).total).toBe(0);
          expect((await library.catalog.search({ text: 'annals' })).total).toBe(0);
        });
      });
    });
  });
}
