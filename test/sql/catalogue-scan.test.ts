import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueChanges } from '../../src/application/ports/CatalogueFeed.js';
import { SqlCatalogueScan } from '../../src/infrastructure/sql/SqlCatalogueScan.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { Library } from '../../src/Library.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const { cormen, sedgewick, cleanCode, designPatterns } = BookFixtures;
const CASABLANCA = { recordId: 'OCoLC-ocm12345678', materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] } as const;

/** Five titles, one without an ISBN, each with a copy; written without an index of the writer's own. */
async function catalogue(store: SqlStore): Promise<void> {
  const writer = Library.create({ store, clock: new FixedClock(MONDAY_MORNING), searchEngine: 'postgres' });
  for (const book of [cormen, sedgewick, cleanCode, designPatterns, CASABLANCA]) await writer.catalog.addBook(book);
  for (const [i, book] of [cormen, sedgewick, cleanCode, designPatterns].entries()) await writer.catalog.addCopy({ barcode: `x-${i}`, isbn: book.isbn, branch: 'main', rack: '1-A' });
  await writer.catalog.addCopy({ barcode: 'x-9', isbn: CASABLANCA.recordId, branch: 'east', rack: '1-A' });
}

/** The batches `all` streams, two titles at a time; the `failAt`-th batch applied throws. */
async function scan(store: SqlStore, failAt = Number.POSITIVE_INFINITY): Promise<{ batches: CatalogueChanges[]; next: number }> {
  const sql = await store.driver.acquire();
  const batches: CatalogueChanges[] = [];
  try {
    await SqlCatalogueScan.all(sql, 2, (changes) => {
      batches.push(changes);
      return batches.length === failAt ? Promise.reject(new Error('index refused the batch')) : Promise.resolve();
    });
    return { batches, next: 0 };
  } catch (error: unknown) {
    // The session still answers: the batch read ahead was settled, not left failing on it.
    const { rows } = await sql.query('SELECT 41 + 1 AS next');
    if (error instanceof Error && error.message === 'index refused the batch') return { batches, next: Number(rows[0]?.next) };
    throw error;
  } finally {
    sql.release();
  }
}

function scanSpec(storeOf: () => SqlStore): void {
  describe('.all', () => {
    describe('when the catalogue is longer than a batch', () => {
      it('should stream every title once, in record id order, each with its copies', async () => {
        const { batches } = await scan(storeOf());
        const titles = batches.flatMap((b) => b.books.map((t) => t.recordId));
        expect(titles).toEqual([cormen.isbn, sedgewick.isbn, cleanCode.isbn, designPatterns.isbn, CASABLANCA.recordId].sort());
        expect(batches.filter((b) => b.books.length > 0).map((b) => b.books.length)).toEqual([2, 2, 1]);
        for (const batch of batches) {
          const recordIds = new Set(batch.books.map((t) => t.recordId));
          expect(batch.copies.every((c) => c.copy !== null && recordIds.has(c.copy.isbn))).toBe(true);
        }
        expect(batches.flatMap((b) => b.copies.map((c) => c.barcode)).sort()).toEqual(['x-0', 'x-1', 'x-2', 'x-3', 'x-9']);
        expect(batches.flatMap((b) => b.books).find((t) => t.recordId === CASABLANCA.recordId)?.book).toMatchObject({ isbn: null, materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'], year: null });
      });
    });

    describe('when applying a batch fails while the next one is being read', () => {
      it('should reject with that failure and leave the session answering', async () => {
        const { batches, next } = await scan(storeOf(), 2);
        expect(batches).toHaveLength(2);
        expect(next).toBe(42);
      });
    });
  });
}

describe('SqlCatalogueScan', () => {
  describe('on PGlite', () => {
    let store: SqlStore;
    beforeAll(async () => {
      store = SqlStore.pglite();
      await store.ready();
      await catalogue(store);
    });
    afterAll(async () => {
      await store.close();
    });
    scanSpec(() => store);
  });

  describe.skipIf(server === null)('on a PostgreSQL server', () => {
    let database: Awaited<ReturnType<typeof scratchDatabase>>;
    let store: SqlStore;
    beforeAll(async () => {
      database = await scratchDatabase(server!, 'catalogue_scan');
      store = SqlStore.postgres(database.url, { poolSize: 1 });
      await store.ready();
      await catalogue(store);
    });
    afterAll(async () => {
      await store.close();
      await database.drop();
    });
    scanSpec(() => store);
  });
});
