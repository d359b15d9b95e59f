import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Book } from '../../src/domain/catalog/Book.js';
import { BookItem } from '../../src/domain/catalog/BookItem.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { exec, migratedOver, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const NOW = new Date('2026-09-07T09:00:00.000Z');

describe.skipIf(server === null)('migration 017_catalogue_records', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'catalogue_records');
    store = SqlStore.postgres(database.url, { poolSize: 2 });
    // A title and its copy as written before the migration.
    await migratedOver(store, (m) => m.version < '017', `INSERT INTO books (isbn, version, title, authors) VALUES ('9780262033848', 2, 'Introduction to Algorithms', ARRAY['Thomas H. Cormen']);
       INSERT INTO book_items (barcode, version, isbn, branch, rack, reference_only, status) VALUES ('cormen-1', 1, '9780262033848', 'main', '4-B', false, 'AVAILABLE');`);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  describe('when titles were catalogued before it', () => {
    it('should key each by its ISBN, list the ISBN among its identifiers and make it a BOOK', async () => {
      const { value } = await store.transaction(async (tx) => (await tx.books.get('9780262033848'))?.toPrimitives());
      expect(value).toMatchObject({ recordId: '9780262033848', isbn: '9780262033848', identifiers: ['ISBN:9780262033848'], materialType: 'BOOK' });
      const found = await store.transaction((tx) => tx.books.findByIdentifier('ISBN:9780262033848'));
      expect(found.value.map((b) => b.version)).toEqual([2]);
    });

    it('should keep their copies shelved under the ISBN, and take a record without one beside them', async () => {
      await store.transaction(async (tx) => {
        await tx.books.save(Book.catalogue({ recordId: 'KOHA-42', title: 'Local history leaflets', authors: ['Town archive'], materialType: 'MANUSCRIPT' }, NOW));
        await tx.items.save(BookItem.shelve({ barcode: 'cormen-2', isbn: '9780262033848', branch: 'main', rack: '4-B' }, NOW));
      });
      expect(await exec(store, `SELECT record_id, isbn, material_type FROM books ORDER BY record_id`)).toEqual([
        { record_id: '9780262033848', isbn: '9780262033848', material_type: 'BOOK' },
        { record_id: 'KOHA-42', isbn: null, material_type: 'MANUSCRIPT' },
      ]);
      const copies = await store.transaction((tx) => tx.items.listByIsbn('9780262033848'));
      expect(copies.value.map((c) => c.barcode)).toEqual(['cormen-1', 'cormen-2']);
    });

    it('should refuse a row whose ISBN is not its key', async () => {
      await expect(exec(store, `INSERT INTO books (record_id, isbn, version, title, authors) VALUES ('KOHA-43', '9780262033848', 1, 't', ARRAY['a'])`)).rejects.toThrow();
    });
  });
});
