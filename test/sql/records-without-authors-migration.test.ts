import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Book } from '../../src/domain/catalog/Book.js';
import type { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { migratedOver, onEveryEngine, type OpenedStore, postgresServer } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const NOW = new Date('2026-09-07T09:00:00.000Z');
const CORMEN = BookFixtures.cormen.isbn;
/** A serial catalogued by its title: no 1XX or 7XX, and its publisher is not its author. */
const ANNALS = { recordId: 'DLC-sn78004256', identifiers: ['ISSN:0003-486X'], materialType: 'SERIAL', title: 'Annals of mathematics', publisher: 'Princeton University Press' } as const;

/** What 029 must do to a database that held records before it: on every engine the store runs on. */
function recordsWithoutAuthorsSpec(engine: string, open: () => Promise<OpenedStore>): void {
  describe(`migration 029_records_without_authors on ${engine}`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    let store: SqlStore;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
      await migratedOver(
        store,
        (m) => m.version < '029',
        `INSERT INTO books (record_id, isbn, identifiers, version, title, authors) VALUES ('${CORMEN}', '${CORMEN}', '{ISBN:${CORMEN}}', 1, 'Introduction to Algorithms', '{Cormen}');`,
      );
    });
    afterAll(async () => {
      await opened.close();
    });

    describe('when a record naming no author is saved beside one catalogued before it', () => {
      it('should keep it with no authors, and the earlier record with its own', async () => {
        await store.transaction((tx) => tx.books.save(Book.catalogue(ANNALS, NOW)));
        const { value } = await store.transaction(async (tx) => ({
          annals: (await tx.books.get(ANNALS.recordId))?.toPrimitives(),
          cormen: (await tx.books.get(CORMEN))?.authors,
        }));
        expect(value.annals).toMatchObject({ title: 'Annals of mathematics', authors: [], publisher: 'Princeton University Press', materialType: 'SERIAL' });
        expect(value.cormen).toEqual(['Cormen']);
      });
    });
  });
}

onEveryEngine(server, 'no_authors', recordsWithoutAuthorsSpec);
