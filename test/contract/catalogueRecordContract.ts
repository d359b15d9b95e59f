import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/application/ports/Store.js';
import { Book } from '../../src/domain/catalog/Book.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import type { StoreHarness } from './storeContract.js';

const NOW = new Date(MONDAY_MORNING);
const CORMEN = BookFixtures.cormen;
/** A serial: no ISBN, keyed by its control number, found by its ISSN. */
const ANNALS = {
  recordId: 'DLC-sn78004256',
  identifiers: ['ISSN:0003-486X', 'LCCN:sn78004256'],
  materialType: 'SERIAL',
  title: 'Annals of mathematics',
  authors: ['Princeton University'],
} as const;

/** Catalogue records without an ISBN, their identifiers and material types, on every Store adapter. */
export function catalogueRecordContract(adapter: string, harness: StoreHarness): void {
  describe(`Store contract (catalogue records): ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.fresh();
    });

    describe('.books.get', () => {
      describe('when a record without an ISBN was saved', () => {
        it('should give it back by its record id, with its identifiers and material type', async () => {
          await store.transaction((tx) => tx.books.save(Book.catalogue(ANNALS, NOW)));
          const { value } = await store.transaction(async (tx) => (await tx.books.get(ANNALS.recordId))?.toPrimitives());
          expect(value).toMatchObject({ recordId: ANNALS.recordId, isbn: null, identifiers: ANNALS.identifiers, materialType: 'SERIAL' });
        });
      });

      describe('when a record with an ISBN was saved', () => {
        it('should key it by its ISBN-13 and list the ISBN among its identifiers', async () => {
          await store.transaction((tx) => tx.books.save(Book.catalogue(CORMEN, NOW)));
          const { value } = await store.transaction(async (tx) => (await tx.books.get(CORMEN.isbn))?.toPrimitives());
          expect(value).toMatchObject({ recordId: CORMEN.isbn, isbn: CORMEN.isbn, identifiers: [`ISBN:${CORMEN.isbn}`], materialType: 'BOOK' });
        });
      });
    });

    describe('.books.getMany and .books.pageAfter', () => {
      describe('when records with and without an ISBN are catalogued', () => {
        it('should read those asked for at once, and page through all of them in key order', async () => {
          await store.transaction(async (tx) => {
            await tx.books.save(Book.catalogue(ANNALS, NOW));
            await tx.books.save(Book.catalogue(CORMEN, NOW));
          });
          const { value } = await store.transaction(async (tx) => ({
            many: (await tx.books.getMany([ANNALS.recordId, 'nobody-1', CORMEN.isbn])).map((b) => b.recordId).sort(),
            first: (await tx.books.pageAfter(null, 1)).map((b) => b.recordId),
            next: (await tx.books.pageAfter(CORMEN.isbn, 5)).map((b) => b.recordId),
          }));
          expect(value).toEqual({ many: [CORMEN.isbn, ANNALS.recordId].sort(), first: [CORMEN.isbn], next: [ANNALS.recordId] });
        });
      });
    });

    describe('.books.findByIdentifier', () => {
      describe('when records carry different schemes', () => {
        it('should find each by any of its identifiers and nothing by an unknown one', async () => {
          await store.transaction(async (tx) => {
            await tx.books.save(Book.catalogue(ANNALS, NOW));
            await tx.books.save(Book.catalogue(CORMEN, NOW));
          });
          const { value } = await store.transaction(async (tx) => ({
            issn: (await tx.books.findByIdentifier('ISSN:0003-486X')).map((b) => b.recordId),
            lccn: (await tx.books.findByIdentifier('LCCN:sn78004256')).map((b) => b.recordId),
            isbn: (await tx.books.findByIdentifier(`ISBN:${CORMEN.isbn}`)).map((b) => b.recordId),
            none: await tx.books.findByIdentifier('ISSN:0317-8471'),
          }));
          expect(value).toEqual({ issn: [ANNALS.recordId], lccn: [ANNALS.recordId], isbn: [CORMEN.isbn], none: [] });
        });
      });
    });
  });
}
