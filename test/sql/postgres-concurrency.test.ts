import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LendingError } from '../../src/domain/lending/LendingError.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { UuidGenerator } from '../../src/infrastructure/system/ids.js';
import type { Library } from '../../src/Library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { aLibrary } from '../fixtures/library.js';
import { PgDriver } from '../../src/infrastructure/sql/PgDriver.js';
import { emptied, exec, postgresServer, RefusalLog, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

/** A valid ISBN-13 per number, for scenarios that need many titles. */
const isbn13 = (n: number): string => {
  const body = `979${String(100_000_000 + n).slice(-9)}`;
  const sum = Array.from(body, Number).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
};

/** `Reader 01`, `Reader 02`, …: deterministic members for crowd scenarios. */
const readers = (prefix: string, count: number): { id: string; name: string }[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${String(i + 1).padStart(2, '0')}`, name: `${prefix} reader ${i + 1}` }));

describe.skipIf(server === null)('SqlStore on a PostgreSQL server under concurrency', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let setup: SqlStore;
  /**
   * Five application instances with ten connections each: fifty clients that share nothing but the database. Each
   * draws its ids from UUIDs, as instances sharing a database must (sequential ids would collide across them).
   */
  let desks: { library: Library; store: SqlStore; refusals: RefusalLog }[];

  beforeAll(async () => {
    database = await scratchDatabase(server!, 'concurrency');
    setup = SqlStore.postgres(database.url, { poolSize: 2 });
    await setup.ready();
    desks = Array.from({ length: 5 }, () => {
      const refusals = new RefusalLog(PgDriver.fromUrl(database.url, 10));
      const store = new SqlStore(refusals);
      return { library: aLibrary('city', { store, ids: new UuidGenerator() }).library, store, refusals };
    });
  });
  /** Libraries opened by a test: their after-commit work (search index, notices) must settle before the next test empties the tables. */
  const opened: Library[] = [];
  const open = (store: SqlStore): Library => {
    const { library } = aLibrary('city', { store });
    opened.push(library);
    return library;
  };
  afterEach(async () => {
    await Promise.all([...opened.splice(0), ...desks.map((d) => d.library)].map((l) => l.idle()));
  });
  afterAll(async () => {
    await Promise.all(desks.map((d) => d.store.close()));
    await setup.close();
    await database.drop();
  });

  const desk = (i: number): Library => desks[i % desks.length]!.library;

  describe('CirculationService.checkOut', () => {
    describe('when 50 members check out the last copy at the same moment', () => {
      it('should open exactly one loan and tell the other 49 the copy is gone', async () => {
        const library = open(await emptied(setup));
        const [lastCopy] = await shelve(library, 'cormen', 1);
        const crowd = readers('CROWD', 50);
        for (const m of crowd) await library.members.register(m);

        const outcomes = await Promise.allSettled(crowd.map((m, i) => desk(i).circulation.checkOut({ memberId: m.id, barcode: lastCopy! })));

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(refusals).toHaveLength(49);
        expect(refusals.every((e) => LendingError.is(e) && e.code === 'COPY_NOT_AVAILABLE')).toBe(true);
        expect(await exec(setup, 'SELECT count(*)::int AS n FROM loans')).toEqual([{ n: 1 }]);
        expect(await exec(setup, `SELECT count(DISTINCT member_id)::int AS n FROM loans WHERE status = 'OPEN'`)).toEqual([{ n: 1 }]);
      });
    });
  });

  describe('CirculationService.checkOut by one member', () => {
    describe('when a member on a three-loan limit checks out eight titles at once from five desks', () => {
      it('should lend exactly three and refuse the other five with LOAN_LIMIT_REACHED', async () => {
        const library = open(await emptied(setup)); // city, basic plan: 3 loans
        await library.members.register({ id: 'ASHA', name: 'Asha' });
        const barcodes = Array.from({ length: 8 }, (_, i) => `limit-${i + 1}`);
        for (const [i, barcode] of barcodes.entries()) {
          await library.catalog.addBook({ isbn: isbn13(100 + i), title: `Limit title ${i + 1}`, authors: ['A. Writer'] });
          await library.catalog.addCopy({ barcode, isbn: isbn13(100 + i), branch: 'main', rack: 'R-1' });
        }

        const outcomes = await Promise.allSettled(barcodes.map((barcode, i) => desk(i).circulation.checkOut({ memberId: 'ASHA', barcode })));

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
        const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(refusals.map((e) => (LendingError.is(e) ? e.code : e))).toEqual(Array.from({ length: 5 }, () => 'LOAN_LIMIT_REACHED'));
        expect(await exec(setup, `SELECT count(*)::int AS n FROM loans WHERE member_id = 'ASHA' AND status = 'OPEN'`)).toEqual([{ n: 3 }]);
      });
    });
  });

  describe('CirculationService.returnCopy', () => {
    describe('when 20 copies of a title with 20 waiting members come back at once', () => {
      it('should promote each waiting member once, in the order they joined', async () => {
        const library = open(await emptied(setup));
        const copies = await shelve(library, 'sedgewick', 20);
        const borrowers = readers('BORROWER', 20);
        const waiters = readers('WAITER', 20);
        for (const m of [...borrowers, ...waiters]) await library.members.register(m);
        for (const [i, m] of borrowers.entries()) await library.circulation.checkOut({ memberId: m.id, barcode: copies[i]! });
        for (const m of waiters) await library.reservations.reserve({ memberId: m.id, isbn: BookFixtures.sedgewick.isbn });
        const queue = (): Promise<Record<string, unknown>[]> => exec(setup, 'SELECT member_id, status, barcode FROM reservations ORDER BY sequence');

        // First wave: ten returns at once promote exactly the first ten in line.
        await Promise.all(copies.slice(0, 10).map((barcode, i) => desk(i).circulation.returnCopy({ barcode })));
        const afterFirstWave = await queue();
        expect(afterFirstWave.map((r) => r.status)).toEqual([...Array<string>(10).fill('READY_FOR_PICKUP'), ...Array<string>(10).fill('WAITING')]);

        // Second wave: the other ten.
        await Promise.all(copies.slice(10).map((barcode, i) => desk(i).circulation.returnCopy({ barcode })));
        const ready = await queue();
        expect(ready.map((r) => r.member_id)).toEqual(waiters.map((m) => m.id));
        expect(ready.every((r) => r.status === 'READY_FOR_PICKUP')).toBe(true);
        expect(new Set(ready.map((r) => r.barcode)).size).toBe(20);
        const holds = await exec(setup, `SELECT hold_member_id, barcode FROM book_items WHERE status = 'RESERVED' ORDER BY hold_member_id`);
        expect(holds.map((h) => [h.hold_member_id, h.barcode])).toEqual(
          [...ready].sort((a, b) => String(a.member_id).localeCompare(String(b.member_id))).map((r) => [r.member_id, r.barcode]),
        );
      });
    });
  });

  describe('ReservationService.reserve', () => {
    describe('when twenty members each reserve a never-reserved title at the moment its only copy comes back', () => {
      it('should leave every copy on the hold shelf for its reserver, whichever of the two commits first', async () => {
        const library = open(await emptied(setup));
        const borrowers = readers('LENT', 20);
        const reservers = readers('WAIT', 20);
        for (const m of [...borrowers, ...reservers]) await library.members.register(m);
        const titles = borrowers.map((_, i) => ({ isbn: isbn13(i), barcode: `race-${i + 1}` }));
        for (const [i, t] of titles.entries()) {
          await library.catalog.addBook({ isbn: t.isbn, title: `Race title ${i + 1}`, authors: ['A. Writer'] });
          await library.catalog.addCopy({ barcode: t.barcode, isbn: t.isbn, branch: 'main', rack: 'R-1' });
          await library.circulation.checkOut({ memberId: borrowers[i]!.id, barcode: t.barcode });
        }

        await Promise.all(
          titles.flatMap((t, i) => [
            desk(i).reservations.reserve({ memberId: reservers[i]!.id, isbn: t.isbn }),
            desk(i + 1).circulation.returnCopy({ barcode: t.barcode }),
          ]),
        );

        const copies = await Promise.all(titles.map((t) => library.catalog.getCopy(t.barcode)));
        expect(copies.map((c) => [c.barcode, c.status, c.heldFor])).toEqual(titles.map((t, i) => [t.barcode, 'RESERVED', reservers[i]!.id]));
      });
    });
  });

  describe('DigitalLendingService.borrow', () => {
    /** An emptied database with the 3-license Cormen EPUB and `count` registered readers, and one digital desk per application instance. */
    async function eBookScene(prefix: string, count: number) {
      const setupDesk = await aDigitalLibrary({ store: await emptied(setup) });
      const copyId = await license(setupDesk, 'cormenEpub');
      const crowd = readers(prefix, count);
      for (const m of crowd) await setupDesk.library.members.register(m);
      // Every borrow bumps the pool's version, so losers re-run from fresh reads: allow them enough attempts.
      const digitalDesks = await Promise.all(desks.map(({ store }) => aDigitalLibrary({ store, ids: new UuidGenerator(), retryLimit: 1_000 })));
      return { setupDesk, copyId, crowd, digitalDesks };
    }

    describe('when 30 members borrow a 3-license e-book at the same moment', () => {
      it('should lend exactly 3 licenses and queue the other 27, each once and in order', async () => {
        const { copyId, crowd, digitalDesks } = await eBookScene('EREADER', 30);

        const results = await Promise.all(crowd.map((m, i) => digitalDesks[i % digitalDesks.length]!.library.digital.borrow({ memberId: m.id, copyId })));

        const lent = results.flatMap((r) => (r.outcome === 'LENT' ? [r.loan.memberId] : []));
        const queued = results.flatMap((r) => (r.outcome === 'QUEUED' ? [r.reservation] : []));
        expect(lent).toHaveLength(3);
        expect(queued).toHaveLength(27);
        expect(await exec(setup, `SELECT member_id FROM digital_loans WHERE status = 'ACTIVE' ORDER BY member_id`)).toEqual([...lent].sort().map((member_id) => ({ member_id })));
        expect(await exec(setup, 'SELECT jsonb_array_length(leases) AS lent, jsonb_array_length(offers) AS offered FROM digital_copies')).toEqual([{ lent: 3, offered: 0 }]);
        const waiting = await exec(setup, `SELECT member_id, format, sequence FROM reservations WHERE status = 'WAITING' ORDER BY sequence`);
        expect(waiting.map((r) => r.sequence)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
        expect(waiting.every((r) => r.format === 'DIGITAL')).toBe(true);
        expect(new Set([...lent, ...waiting.map((r) => String(r.member_id))]).size).toBe(30);
        const placeOf = new Map(queued.map((r) => [r.memberId, r.position]));
        expect(waiting.map((r) => placeOf.get(String(r.member_id)))).toEqual(waiting.map((r) => r.sequence));
      });
    });

    describe('when licenses come back while members borrow the same e-book', () => {
      it('should leave no license free behind a waiting member', async () => {
        const { setupDesk, copyId, crowd, digitalDesks } = await eBookScene('RETURNER', 20);
        const loans = (await Promise.all(crowd.slice(0, 3).map((m) => setupDesk.library.digital.borrow({ memberId: m.id, copyId })))).flatMap((r) =>
          r.outcome === 'LENT' ? [r.loan.loanId] : [],
        );

        // Returns lock the title's queue and then write the pool; borrows write the pool and then join the queue.
        const refusedBefore = desks.map((d) => d.refusals.sqlStates.length);
        await Promise.all([
          ...crowd.slice(3).map((m, i) => digitalDesks[i % digitalDesks.length]!.library.digital.borrow({ memberId: m.id, copyId })),
          ...loans.map((loanId, i) => digitalDesks[i % digitalDesks.length]!.library.digital.returnEarly({ loanId })),
        ]);

        const [pool] = await exec(setup, 'SELECT jsonb_array_length(leases) AS lent, jsonb_array_length(offers) AS offered FROM digital_copies');
        expect(Number(pool!.lent) + Number(pool!.offered)).toBe(3);
        expect(await exec(setup, `SELECT count(*)::int AS n FROM reservations WHERE status = 'READY_FOR_PICKUP'`)).toEqual([{ n: pool!.offered }]);
        expect(await exec(setup, `SELECT count(*)::int AS n FROM revoked_tokens`)).toEqual([{ n: 3 }]);
        // With the two lock orders crossed, this still ends correctly, but only after the database breaks deadlocks
        // (SQLSTATE 40P01) and the losers re-run: one lock order means the database never had to break one.
        const refusedDuring = desks.flatMap((d, i) => d.refusals.sqlStates.slice(refusedBefore[i]));
        expect(refusedDuring.filter((code) => code === '40P01')).toEqual([]);
      });
    });
  });

  describe('.transaction', () => {
    describe('when the process is killed in the middle of a transaction', () => {
      it('should leave nothing of it behind and no lock held', async () => {
        await emptied(setup);
        const script = fileURLToPath(new URL('./support/crashMidTransaction.ts', import.meta.url));
        const child = spawn(process.execPath, ['--import', 'tsx', script, database.url], { stdio: ['ignore', 'pipe', 'inherit'] });
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('WRITTEN')) resolve();
          });
          child.on('exit', (code) => {
            reject(new Error(`child exited with ${String(code)} before writing`));
          });
        });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;

        const library = open(setup);
        await library.members.register({ id: 'M-DANA', name: 'Dana' }); // would wait on a leftover row lock
        expect(await exec(setup, 'SELECT isbn FROM books')).toEqual([]);
        expect(await exec(setup, `SELECT id, name FROM members`)).toEqual([{ id: 'M-DANA', name: 'Dana' }]);
        expect(await setup.outbox.list()).toEqual([]);
      });
    });
  });
});
