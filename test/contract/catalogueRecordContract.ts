import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/application/ports/Store.js';
import { Book, type BookDescription } from '../../src/domain/catalog/Book.js';
import { RecordId } from '../../src/domain/catalog/RecordId.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';
import { Library } from '../../src/Library.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
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
/** A film on DVD without an ISBN, keyed by its OCLC control number (MARC 001 `ocm12345678`, 003 `OCoLC`). */
const CASABLANCA: BookDescription = {
  recordId: RecordId.fromControlNumber('ocm12345678', 'OCoLC'),
  materialType: 'DVD',
  title: 'Casablanca',
  authors: ['Michael Curtiz'],
  year: 1942,
};
const DVD_KEY = 'OCoLC-ocm12345678';
const { priya, raj } = MemberFixtures;

/** The store lent to one test's library: closing the library leaves the harness's store open for the next test. */
const lentStore = (store: Store): Store => Object.assign(Object.create(store) as Store, { close: () => Promise.resolve() });

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

    describe('copies, loans and holds of a record without an ISBN', () => {
      let library: Library;
      beforeEach(async () => {
        library = Library.create({ store: lentStore(store), clock: new FixedClock(MONDAY_MORNING), ids: new SequentialIdGenerator() });
        await library.catalog.addBook(CASABLANCA);
        await enrol(library, 'priya', 'raj');
      });
      afterEach(async () => {
        await library.close();
      });

      describe('when a DVD keyed by its record id gets a copy, is lent, reserved, returned and lent to the reserver', () => {
        it('should keep every copy, loan and hold under the record id, and fulfil the hold at the second checkout', async () => {
          const { copy } = await library.catalog.addCopy({ barcode: 'dvd-1', isbn: DVD_KEY, branch: 'main', rack: 'AV-1' });
          expect(copy).toMatchObject({ barcode: 'dvd-1', isbn: DVD_KEY, status: 'AVAILABLE' });

          expect(await library.circulation.checkOut({ memberId: priya.id, barcode: 'dvd-1' })).toMatchObject({ isbn: DVD_KEY, memberId: priya.id, status: 'OPEN' });
          expect(await library.reservations.reserve({ memberId: raj.id, isbn: DVD_KEY })).toMatchObject({ isbn: DVD_KEY, memberId: raj.id, status: 'WAITING', position: 1 });

          const returned = await library.circulation.returnCopy({ barcode: 'dvd-1' });
          expect(returned.loan).toMatchObject({ isbn: DVD_KEY, memberId: priya.id, status: 'RETURNED' });
          expect(returned.heldFor).toMatchObject({ barcode: 'dvd-1', memberId: raj.id });
          expect(await library.reservations.queueFor(DVD_KEY)).toMatchObject([{ isbn: DVD_KEY, memberId: raj.id, status: 'READY_FOR_PICKUP', barcode: 'dvd-1' }]);

          expect(await library.circulation.checkOut({ memberId: raj.id, barcode: 'dvd-1' })).toMatchObject({ isbn: DVD_KEY, memberId: raj.id, status: 'OPEN' });
          expect(await library.reservations.queueFor(DVD_KEY)).toEqual([]);
          expect((await library.circulation.openLoansOf(DVD_KEY)).map((l) => l.memberId)).toEqual([raj.id]);
          expect(await library.catalog.availability(DVD_KEY)).toMatchObject({ isbn: DVD_KEY, total: 1, available: 0, byStatus: { LOANED: 1 } });
        });
      });

      describe('when the key given is not a record id', () => {
        it('should refuse it with INVALID_RECORD_ID and shelve nothing', async () => {
          await expect(library.catalog.addCopy({ barcode: 'dvd-2', isbn: 'OCoLC ocm12345678', branch: 'main', rack: 'AV-1' })).rejects.toMatchObject({ code: 'INVALID_RECORD_ID' });
          expect(await library.catalog.copiesOf(DVD_KEY)).toEqual([]);
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
