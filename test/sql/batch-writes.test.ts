import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/application/CatalogService.js';
import type { AddCopyCommand } from '../../src/application/CatalogService.js';
import { Book, type BookDescription } from '../../src/domain/catalog/Book.js';
import { BookItem } from '../../src/domain/catalog/BookItem.js';
import { Isbn } from '../../src/domain/catalog/Isbn.js';
import { PgDriver } from '../../src/infrastructure/sql/PgDriver.js';
import type { SqlDriver, SqlRow, SqlSession } from '../../src/infrastructure/sql/SqlDriver.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import type { Library } from '../../src/Library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aLibrary, MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { emptied, exec, lent, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

/** A driver that passes every statement on and keeps its text, in the order sent. */
class StatementLog implements SqlDriver {
  texts: string[] = [];

  constructor(private readonly inner: SqlDriver) {}

  get engine(): SqlDriver['engine'] {
    return this.inner.engine;
  }

  async acquire(): Promise<SqlSession> {
    const session = await this.inner.acquire();
    return {
      query: <R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]) => {
        this.texts.push(text);
        return session.query<R>(text, params);
      },
      script: (text) => session.script(text),
      release: (broken) => {
        session.release(broken);
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Record `n` of a generated import: an ISBN-13 numbered from n, one copy `B<n>` on the main branch. */
function entry(n: number): { book: BookDescription; copies: AddCopyCommand[] } {
  const isbn = Isbn.fromTwelveDigits(`978${String(n).padStart(9, '0')}`).value;
  return { book: { isbn, title: `Generated title ${n}`, authors: ['Ada Writer'], subjects: ['Testing'], year: 2000 }, copies: [{ barcode: `B${n}`, isbn, branch: 'main', rack: `${n}` }] };
}
const entries = (from: number, count: number) => Array.from({ length: count }, (_, i) => entry(from + i));

const writesTo = (texts: readonly string[], table: string): number => texts.filter((t) => t.includes(`INSERT INTO ${table} (`)).length;

describe.skipIf(server === null)('SqlStore on a PostgreSQL server, writing an import batch', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let log: StatementLog;
  let store: SqlStore;
  let library: Library | null = null;
  /** The library of the test under way, on the emptied database. */
  const desk = (): Library => library!;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'batch_writes');
    log = new StatementLog(PgDriver.fromUrl(database.url, 4));
    store = new SqlStore(log);
    await store.ready();
  });
  beforeEach(async () => {
    await library?.close();
    library = aLibrary('desk', { store: lent(await emptied(store)) }).library;
  });
  afterAll(async () => {
    await library?.close();
    await store.close();
    await database.drop();
  });

  describe(CatalogService, () => {
    describe('.importBatch', () => {
      describe('when the batch holds many records with a copy each', () => {
        it('should write the records, the copies and their queues by one statement each', async () => {
          await desk().catalog.importBatch(entries(1, 2)); // the branch is made on the first shelving
          log.texts = [];
          expect(await desk().catalog.importBatch(entries(10, 40))).toMatchObject({ added: 40, copies: { added: 40, unchanged: 0 } });
          expect(['books', 'book_items', 'reservation_queues'].map((table) => writesTo(log.texts, table))).toEqual([1, 1, 1]);
          expect(await desk().catalog.catalogPage(null, 100)).toHaveLength(42);
        });

        it('should send as many statements for forty records as for four', async () => {
          await desk().catalog.importBatch(entries(1, 2));
          const statementsFor = async (from: number, count: number): Promise<number> => {
            log.texts = [];
            await desk().catalog.importBatch(entries(from, count));
            return log.texts.length;
          };
          expect(await statementsFor(100, 40)).toBe(await statementsFor(10, 4));
        });
      });

      describe('when a batch writes more audit values than a statement takes parameters (65,535)', () => {
        it('should shelve every copy and log each one, in the order shelved', async () => {
          await desk().catalog.importBatch(entries(1, 1));
          const copies = Array.from({ length: 8000 }, (_, i) => ({ barcode: `M${String(i).padStart(5, '0')}`, isbn: entry(1).book.isbn!, branch: 'main', rack: 'M' }));
          expect(await desk().catalog.addCopies(copies)).toMatchObject({ added: 8000 });
          const logged = await exec(store, "SELECT barcode FROM audit WHERE action = 'copy.added' AND barcode LIKE 'M%' ORDER BY position");
          expect(logged.map((row) => row['barcode'])).toEqual(copies.map((c) => c.barcode));
        });
      });

      describe('when members wait for titles of the batch', () => {
        it('should hold the first new copies for them in queue order and shelve the rest', async () => {
          const { priya, raj, meera } = MemberFixtures;
          const cormen = BookFixtures.cormen.isbn;
          const [lentCopy] = await shelve(desk(), 'cormen', 1);
          await enrol(desk(), 'priya', 'raj', 'meera');
          await desk().circulation.checkOut({ memberId: meera.id, barcode: lentCopy! });
          await desk().reservations.reserve({ memberId: priya.id, isbn: cormen });
          await desk().reservations.reserve({ memberId: raj.id, isbn: cormen });
          const copy = (barcode: string): AddCopyCommand => ({ barcode, isbn: cormen, branch: 'main', rack: '4-B' });
          const outcome = await desk().catalog.importBatch([entry(1), { book: BookFixtures.cormen, copies: [copy('c-1'), copy('c-2'), copy('c-3')] }, entry(2)]);
          expect(outcome.copies.heldFor.map((h) => [h.barcode, h.memberId])).toEqual([
            ['c-1', priya.id],
            ['c-2', raj.id],
          ]);
          expect([(await desk().catalog.getCopy('c-3')).status, (await desk().catalog.getCopy('B1')).status]).toEqual(['AVAILABLE', 'AVAILABLE']);
        });
      });

      describe('when it revises records that another writer changed after they were read', () => {
        it('should refuse the whole batch as a lost race and change none of the records', async () => {
          const [first, second] = entries(1, 2).map((e) => e.book) as [BookDescription, BookDescription];
          await desk().catalog.addBooks([first, second]);
          log.texts = [];
          const now = new Date(MONDAY_MORNING);
          const batch = store.transaction(async (tx) => {
            const read = await tx.books.getMany([first.isbn!, second.isbn!]);
            await desk().catalog.addBooks([{ ...second, title: 'Changed meanwhile' }], { revise: true });
            for (const book of read) {
              book.revise({ ...(book.isbn === first.isbn ? first : second), title: 'Revised by the batch' }, now);
              await tx.books.save(book);
            }
          });
          await expect(batch).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
          expect(log.texts.filter((t) => t.includes('UPDATE books t SET'))).toHaveLength(1);
          expect([(await desk().catalog.getBook(first.isbn!)).title, (await desk().catalog.getBook(second.isbn!)).title]).toEqual([first.title, 'Changed meanwhile']);
        });
      });
    });
  });

  describe('the rows of a batch read from one JSON array', () => {
    describe('when two copies carrying a lost loan are shelved in one batch', () => {
      it('should store each lost loan as the JSON object it is', async () => {
        await desk().catalog.addBook(BookFixtures.cormen);
        await exec(store, "INSERT INTO branches (id, version, name, hold_shelf) VALUES ('main', 1, 'Main', 'main')");
        const lost = (barcode: string): BookItem =>
          BookItem.fromPrimitives(
            { barcode, isbn: BookFixtures.cormen.isbn, branch: 'main', rack: '4-B', referenceOnly: false, replacementPrice: null, status: 'LOST', hold: null, loan: null, lostLoan: { loanId: `loan-${barcode}`, memberId: 'priya', lostAt: MONDAY_MORNING } },
            0,
          );
        await store.transaction(async (tx) => {
          await tx.items.save(lost('lost-1'));
          await tx.items.save(lost('lost-2'));
        });
        expect(await exec(store, "SELECT barcode, jsonb_typeof(lost_loan) AS kind, lost_loan ->> 'loanId' AS loan FROM book_items ORDER BY barcode")).toEqual([
          { barcode: 'lost-1', kind: 'object', loan: 'loan-lost-1' },
          { barcode: 'lost-2', kind: 'object', loan: 'loan-lost-2' },
        ]);
      });
    });
  });

  describe('the search change log', () => {
    const logged = async (): Promise<SqlRow[]> => exec(store, 'SELECT kind, key FROM search_changes ORDER BY kind, key');
    const setAside = async (): Promise<SqlRow[]> =>
      exec(store, 'SELECT (SELECT count(*) FROM search_changes_pending)::int AS pending, (SELECT count(*) FROM search_changes_commits)::int AS commits');

    describe('when a batch catalogues records and shelves their copies', () => {
      it('should log each record and each copy once, and keep nothing set aside after the commit', async () => {
        await desk().catalog.importBatch(entries(1, 2));
        const [a, b] = entries(1, 2).map((e) => e.book.isbn);
        expect(await logged()).toEqual([
          { kind: 'book', key: a },
          { kind: 'book', key: b },
          { kind: 'copy', key: 'B1' },
          { kind: 'copy', key: 'B2' },
        ]);
        expect(await setAside()).toEqual([{ pending: 0, commits: 0 }]);
      });
    });

    describe('when one transaction writes a record by two statements', () => {
      it('should log the record once', async () => {
        const { book } = entry(1);
        const now = new Date(MONDAY_MORNING);
        await store.transaction(async (tx) => {
          const made = Book.catalogue(book, now);
          await tx.books.save(made);
          await tx.books.get(book.isbn!); // a read sends the INSERT first: the UPDATE below is a statement of its own
          made.revise({ ...book, title: 'Revised in the same transaction' }, now);
          await tx.books.save(made);
        });
        expect((await logged()).filter((r) => r.kind === 'book')).toEqual([{ kind: 'book', key: book.isbn }]);
        expect((await desk().catalog.getBook(book.isbn!)).title).toBe('Revised in the same transaction');
      });
    });

    describe('when a transaction rolls back', () => {
      it('should log nothing of it and keep nothing set aside', async () => {
        const { book } = entry(1);
        const failing = store.transaction(async (tx) => {
          await tx.books.save(Book.catalogue(book, new Date(MONDAY_MORNING)));
          await tx.books.get(book.isbn!);
          throw new Error('the use case fails after its write');
        });
        await expect(failing).rejects.toThrow('the use case fails after its write');
        expect([await logged(), await setAside()]).toEqual([[], [{ pending: 0, commits: 0 }]]);
      });
    });
  });
});
