import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/application/CatalogService.js';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures } from '../fixtures/catalog.js';

const CORMEN = BookFixtures.cormen;
/** A film without an ISBN, keyed by its control number and found by its UPC. */
const SEVEN_SAMURAI = {
  recordId: 'OCoLC-50542208',
  identifiers: ['UPC:715515012423', 'LCCN:2002710542'],
  materialType: 'DVD',
  title: 'Seven samurai',
  authors: ['Kurosawa, Akira'],
  year: 2002,
} as const;

describe(CatalogService, () => {
  describe('.addBook', () => {
    describe('when the record has no ISBN', () => {
      it('should catalogue it under its record id with its identifiers and material type', async () => {
        const { library } = aLibrary('desk');
        expect(await library.catalog.addBook(SEVEN_SAMURAI)).toMatchObject({
          recordId: 'OCoLC-50542208',
          isbn: null,
          identifiers: ['UPC:715515012423', 'LCCN:2002710542'],
          materialType: 'DVD',
        });
        expect((await library.catalog.getBook('OCoLC-50542208')).title).toBe('Seven samurai');
      });
    });

    describe('when the record has neither an ISBN nor a record id', () => {
      it('should refuse it with INVALID_RECORD_ID and catalogue nothing', async () => {
        const { library } = aLibrary('desk');
        await expect(library.catalog.addBook({ title: 'Untitled', authors: ['Anon'] })).rejects.toMatchObject({ code: 'INVALID_RECORD_ID' });
        expect(await library.catalog.findByTitle('Untitled')).toEqual([]);
      });
    });

    describe('when an identifier fails its check digit', () => {
      it('should refuse it with INVALID_IDENTIFIER', async () => {
        const { library } = aLibrary('desk');
        await expect(library.catalog.addBook({ ...SEVEN_SAMURAI, identifiers: ['UPC:715515012424'] })).rejects.toMatchObject({ code: 'INVALID_IDENTIFIER' });
      });
    });

    describe('when the same record id is catalogued twice', () => {
      it('should refuse the second with BOOK_ALREADY_EXISTS', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(SEVEN_SAMURAI);
        await expect(library.catalog.addBook(SEVEN_SAMURAI)).rejects.toMatchObject({ code: 'BOOK_ALREADY_EXISTS', details: { recordId: 'OCoLC-50542208' } });
      });
    });
  });

  describe('.findByIdentifier', () => {
    describe('when records carry the identifier in another written form', () => {
      it('should find them by its normal form', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(SEVEN_SAMURAI);
        await library.catalog.addBook(CORMEN);
        expect((await library.catalog.findByIdentifier('upc:7155-1501-2423')).map((b) => b.recordId)).toEqual(['OCoLC-50542208']);
        expect((await library.catalog.findByIdentifier('LCCN:2002-710542')).map((b) => b.recordId)).toEqual(['OCoLC-50542208']);
        expect((await library.catalog.findByIdentifier('0-262-03384-4')).map((b) => b.recordId)).toEqual([CORMEN.isbn]);
      });
    });
  });

  describe('.getBook', () => {
    describe('when given the ISBN-10 of a title', () => {
      it('should find the title keyed by its ISBN-13, and refuse a wrong check digit with INVALID_ISBN', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(CORMEN);
        expect((await library.catalog.getBook('0-262-03384-4')).recordId).toBe(CORMEN.isbn);
        await expect(library.catalog.getBook('0-262-03384-5')).rejects.toMatchObject({ code: 'INVALID_ISBN' });
      });
    });
  });

  describe('.addCopy', () => {
    describe('when the title is a record without an ISBN', () => {
      it('should shelve the copy under the record id', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(SEVEN_SAMURAI);
        const { copy } = await library.catalog.addCopy({ barcode: 'dvd-1', isbn: 'OCoLC-50542208', branch: 'main', rack: 'AV' });
        expect(copy).toMatchObject({ barcode: 'dvd-1', isbn: 'OCoLC-50542208', status: 'AVAILABLE' });
        expect((await library.catalog.copiesOf('OCoLC-50542208')).map((c) => c.barcode)).toEqual(['dvd-1']);
      });
    });

    describe('when the key has the shape of an ISBN but a wrong check digit', () => {
      it('should refuse the copy with INVALID_ISBN and shelve nothing', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(CORMEN);
        await expect(library.catalog.addCopy({ barcode: 'cormen-1', isbn: '978-0-262-03384-7', branch: 'main', rack: '4-B' })).rejects.toMatchObject({ code: 'INVALID_ISBN' });
        expect(await library.catalog.copiesOf(CORMEN.isbn)).toEqual([]);
      });
    });

    describe('when the key is neither an ISBN nor a record id', () => {
      it('should refuse the copy with INVALID_RECORD_ID and shelve nothing', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(SEVEN_SAMURAI);
        await expect(library.catalog.addCopy({ barcode: 'dvd-1', isbn: 'OCoLC 50542208', branch: 'main', rack: 'AV' })).rejects.toMatchObject({ code: 'INVALID_RECORD_ID' });
        expect(await library.catalog.copiesOf('OCoLC-50542208')).toEqual([]);
      });
    });
  });
});

describe(CatalogService, () => {
  describe('.addBooks', () => {
    describe('when every record is new', () => {
      it('should catalogue them all in one commit and index them for search', async () => {
        const { library } = aLibrary('desk');
        expect(await library.catalog.addBooks([CORMEN, SEVEN_SAMURAI])).toEqual({ added: 2, revised: 0, unchanged: 0 });
        expect((await library.catalog.search({ text: 'algorithms' })).hits.map((h) => h.isbn)).toEqual([CORMEN.isbn]);
      });
    });

    describe('when one record is invalid', () => {
      it('should catalogue none of them', async () => {
        const { library } = aLibrary('desk');
        await expect(library.catalog.addBooks([CORMEN, { ...SEVEN_SAMURAI, title: ' ' }])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        expect(await library.catalog.findBook(CORMEN.isbn)).toBeNull();
      });
    });

    describe('when a record is catalogued already', () => {
      it('should refuse the batch without revise, and with it take the new description once', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBooks([CORMEN, SEVEN_SAMURAI]);
        await expect(library.catalog.addBooks([SEVEN_SAMURAI])).rejects.toMatchObject({ code: 'BOOK_ALREADY_EXISTS' });
        const revised = { ...SEVEN_SAMURAI, subjects: ['Samurai films'] };
        expect(await library.catalog.addBooks([CORMEN, revised], { revise: true })).toEqual({ added: 0, revised: 1, unchanged: 1 });
        expect(await library.catalog.addBooks([CORMEN, revised], { revise: true })).toEqual({ added: 0, revised: 0, unchanged: 2 });
        expect((await library.catalog.getBook(SEVEN_SAMURAI.recordId)).subjects).toEqual(['Samurai films']);
      });
    });
  });
});
