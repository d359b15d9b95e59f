import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/application/ports/SearchIndex.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { Library } from '../../src/Library.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { emptied, exec, lent, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const { cormen, sedgewick, cleanCode, designPatterns } = BookFixtures;
const { priya } = MemberFixtures;
/** Fast polling keeps a test that waits on the poll short; the notifications make the PostgreSQL ones faster still. */
const FEED = { pollMillis: 25 } as const;

/** Asks again until the answer satisfies `done`: the other process's change arrives within the feed's lag, not at a known instant. */
async function eventually(search: () => Promise<SearchResult>, done: (result: SearchResult) => boolean): Promise<SearchResult> {
  for (;;) {
    const result = await search();
    if (done(result)) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const open = (store: SqlStore): Library => Library.create({ store, clock: new FixedClock(MONDAY_MORNING), searchFeed: FEED });
const copyOf = (result: SearchResult, isbn: string): number | undefined => result.hits.find((h) => h.isbn === isbn)?.availableCopies;

/** A record without an ISBN, keyed by its control number: its copies name it by that. */
const CASABLANCA = { recordId: 'OCoLC-ocm12345678', materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] } as const;

/**
 * Five titles (one without an ISBN) streamed two at a time, their copies filed under barcodes that interleave the
 * titles (so no batch of copies follows the titles' order): each title's copies on the shelf, per branch, from the
 * batch that brought it. Returns the library that streamed them, open.
 */
async function streamedAcrossBatches(storeFor: () => SqlStore): Promise<Library> {
  const written = storeFor();
  const writer = Library.create({ store: written, clock: new FixedClock(MONDAY_MORNING), searchEngine: 'postgres' });
  const copies: [string, string, string][] = [
    ['a-1', designPatterns.isbn, 'east'],
    ['b-1', cormen.isbn, 'main'],
    ['c-1', cleanCode.isbn, 'main'],
    ['d-1', cormen.isbn, 'east'],
    ['e-1', designPatterns.isbn, 'east'],
    ['f-1', cormen.isbn, 'main'],
    ['a-2', CASABLANCA.recordId, 'main'],
    ['g-1', CASABLANCA.recordId, 'east'],
  ];
  for (const book of [cormen, sedgewick, cleanCode, designPatterns, CASABLANCA]) await writer.catalog.addBook(book);
  for (const [barcode, isbn, branch] of copies) await writer.catalog.addCopy({ barcode, isbn, branch, rack: '1-A' });
  await exec(written, "UPDATE book_items SET status = 'LOST', version = version + 1 WHERE barcode = 'c-1'");
  await exec(written, 'DELETE FROM search_changes'); // pruned: the scan alone brings the catalogue, no replay of the log
  await writer.close();
  const reader = Library.create({ store: storeFor(), clock: new FixedClock(MONDAY_MORNING), searchFeed: { ...FEED, batch: 2 } });
  const all = await reader.catalog.search({ limit: 10 });
  const ids = (result: SearchResult): string[] => result.hits.map((h) => h.recordId).sort();
  expect(Object.fromEntries(all.hits.map((h) => [h.recordId, h.availableCopies]))).toEqual({
    [cormen.isbn]: 3,
    [sedgewick.isbn]: 0,
    [cleanCode.isbn]: 0,
    [designPatterns.isbn]: 2,
    [CASABLANCA.recordId]: 2,
  });
  expect(ids(await reader.catalog.search({ branch: 'east', availableOnly: true }))).toEqual([cormen.isbn, designPatterns.isbn, CASABLANCA.recordId].sort());
  expect(ids(await reader.catalog.search({ format: 'PRINT' }))).toEqual([cormen.isbn, designPatterns.isbn, CASABLANCA.recordId].sort());
  return reader;
}

describe('the in-process search on a SQL store', () => {
  describe('on PGlite', () => {
    let shared: SqlStore;
    let store: SqlStore;
    let library: Library;
    beforeAll(async () => {
      shared = SqlStore.pglite();
      await shared.ready();
    });
    afterAll(async () => {
      await shared.close();
    });
    beforeEach(async () => {
      store = lent(await emptied(shared));
    });
    afterEach(async () => {
      await library.close(); // stops its feed; the lent store stays open
    });

    describe('when the database already holds a catalogue', () => {
      it('should build the index from it at the first search, with the copies on the shelf', async () => {
        const writer = Library.create({ store, clock: new FixedClock(MONDAY_MORNING), searchEngine: 'postgres' });
        await writer.catalog.addBook(cormen);
        await writer.catalog.addCopy({ barcode: 'cormen-1', isbn: cormen.isbn, branch: 'main', rack: '4-B' });
        await writer.catalog.addCopy({ barcode: 'cormen-2', isbn: cormen.isbn, branch: 'east', rack: '1-A' });
        library = open(store);
        const result = await library.catalog.search({ text: 'introduction algorithms' });
        expect(result.hits[0]).toMatchObject({ isbn: cormen.isbn, availableCopies: 2, formats: ['PRINT'] });
        expect((await library.catalog.search({ text: 'algorithms', branch: 'east' })).hits.map((h) => h.isbn)).toEqual([cormen.isbn]);
      });
    });

    describe('when the catalogue is longer than a batch and its copies are filed out of title order', () => {
      it('should count every copy of each title streamed, however the batches fall', async () => {
        library = await streamedAcrossBatches(() => store);
      });
    });

    describe('when a copy is lent through this library', () => {
      it('should count it out in the next search, read through the change log', async () => {
        library = open(store);
        await enrol(library, 'priya');
        await library.catalog.addBook(cormen);
        await library.catalog.addCopy({ barcode: 'cormen-1', isbn: cormen.isbn, branch: 'main', rack: '4-B' });
        expect(copyOf(await library.catalog.search({ text: 'algorithms' }), cormen.isbn)).toBe(1);
        await library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
        expect(copyOf(await library.catalog.search({ text: 'algorithms' }), cormen.isbn)).toBe(0);
        await library.circulation.returnCopy({ barcode: 'cormen-1' });
        expect(copyOf(await library.catalog.search({ text: 'algorithms' }), cormen.isbn)).toBe(1);
      });
    });

    describe('when another writer changes the tables behind the library', () => {
      it('should find the change by polling the log', async () => {
        library = open(store);
        await library.catalog.addBook(cormen);
        await library.catalog.addCopy({ barcode: 'cormen-1', isbn: cormen.isbn, branch: 'main', rack: '4-B' });
        expect(copyOf(await library.catalog.search({ text: 'algorithms' }), cormen.isbn)).toBe(1);
        await exec(store, "UPDATE book_items SET status = 'LOST', version = version + 1 WHERE barcode = 'cormen-1'");
        await exec(store, "UPDATE books SET title = 'Introduction to Algorithms, third edition', version = version + 1 WHERE isbn = $1", [cormen.isbn]);
        const seen = await eventually(() => library.catalog.search({ text: 'third edition' }), (r) => r.total === 1);
        expect(seen.hits[0]).toMatchObject({ isbn: cormen.isbn, availableCopies: 0, formats: [] });
      });
    });
  });

  describe.skipIf(server === null)('on a PostgreSQL server, two libraries each with its own pool', () => {
    let database: Awaited<ReturnType<typeof scratchDatabase>>;
    let setup: SqlStore;
    let a: Library;
    let b: Library;
    beforeAll(async () => {
      database = await scratchDatabase(server!, 'search_feed');
      setup = SqlStore.postgres(database.url, { poolSize: 1 });
      await setup.ready();
    });
    afterAll(async () => {
      await setup.close();
      await database.drop();
    });
    beforeEach(async () => {
      await emptied(setup);
      a = open(SqlStore.postgres(database.url, { poolSize: 3 }));
      b = open(SqlStore.postgres(database.url, { poolSize: 3 }));
      await Promise.all([a.searchReady(), b.searchReady()]);
    });
    afterEach(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    describe('when the catalogue is longer than a batch and its copies are filed out of title order', () => {
      it('should count every copy of each title streamed, in the server\'s own collation', async () => {
        const reader = await streamedAcrossBatches(() => SqlStore.postgres(database.url, { poolSize: 2 }));
        await reader.close();
      });
    });

    describe('when a book and its copy are added through one', () => {
      it("should show them in the other's search", async () => {
        await a.catalog.addBook(sedgewick);
        await a.catalog.addCopy({ barcode: 'sedgewick-1', isbn: sedgewick.isbn, branch: 'main', rack: '2-A' });
        const seen = await eventually(() => b.catalog.search({ text: 'sedgewick' }), (r) => copyOf(r, sedgewick.isbn) === 1);
        expect(seen.hits.map((h) => h.isbn)).toEqual([sedgewick.isbn]);
      });
    });

    describe('when a copy is lent through one and returned through the other', () => {
      it("should count it out, then in again, in each one's search", async () => {
        await enrol(a, 'priya');
        await a.catalog.addBook(cormen);
        await a.catalog.addCopy({ barcode: 'cormen-1', isbn: cormen.isbn, branch: 'main', rack: '4-B' });
        await eventually(() => b.catalog.search({ text: 'algorithms' }), (r) => copyOf(r, cormen.isbn) === 1);
        await a.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' });
        expect(copyOf(await a.catalog.search({ text: 'algorithms' }), cormen.isbn)).toBe(0);
        await eventually(() => b.catalog.search({ text: 'algorithms' }), (r) => copyOf(r, cormen.isbn) === 0);
        await b.circulation.returnCopy({ barcode: 'cormen-1' });
        expect(copyOf(await b.catalog.search({ text: 'algorithms' }), cormen.isbn)).toBe(1);
        await eventually(() => a.catalog.search({ text: 'algorithms' }), (r) => copyOf(r, cormen.isbn) === 1);
      });
    });

    describe('when the polls are an hour apart', () => {
      it("should still show a change through one in the other's search: the notification wakes it", async () => {
        const slow = (): Library => Library.create({ store: SqlStore.postgres(database.url, { poolSize: 2 }), clock: new FixedClock(MONDAY_MORNING), searchFeed: { pollMillis: 3_600_000 } });
        const [writer, reader] = [slow(), slow()];
        await Promise.all([writer.searchReady(), reader.searchReady()]);
        await writer.catalog.addBook(cormen);
        const seen = await eventually(() => reader.catalog.search({ text: 'cormen' }), (r) => r.total === 1);
        expect(seen.hits.map((h) => h.isbn)).toEqual([cormen.isbn]);
        await Promise.all([writer.close(), reader.close()]);
      });
    });

    describe('when the full-text engine is chosen on a database the in-process engine served', () => {
      it('should answer from PostgreSQL, with the titles catalogued meanwhile; the change log is still written', async () => {
        await a.catalog.addBook(sedgewick);
        const store = SqlStore.postgres(database.url, { poolSize: 2 });
        const library = Library.create({ store, clock: new FixedClock(MONDAY_MORNING), searchEngine: 'postgres' });
        await library.catalog.addBook(cormen);
        expect((await library.catalog.search({ text: 'algorithms' })).hits.map((h) => h.isbn).sort()).toEqual([cormen.isbn, sedgewick.isbn].sort());
        expect((await exec(setup, "SELECT count(*)::int AS n FROM search_changes WHERE kind = 'book'"))[0]).toEqual({ n: 2 });
        await library.close();
      });
    });
  });
});
