import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/Library.js';
import { ScheduledJobs } from '../../src/application/ScheduledJobs.js';
import { SqlJobLock } from '../../src/infrastructure/sql/SqlJobLock.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import type { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { UuidGenerator } from '../../src/infrastructure/system/ids.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { emptied, postgresServer, scratchDatabase } from '../support/sql.js';

const { raj } = MemberFixtures;
const OVERDUE_MORNING = '2026-09-22T06:00:00.000Z';

/** Raj's loan, due 21 September, is overdue on OVERDUE_MORNING: one overdue notice is due. */
async function anOverdueLoan(library: Library, ...clocks: FixedClock[]): Promise<void> {
  await shelve(library, 'cormen', 1);
  await enrol(library, 'raj');
  await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
  for (const clock of clocks) clock.set(OVERDUE_MORNING);
}

// Ids from UUIDs: two libraries on one database must not hand out the same sequential ids.
const onStore = (store: SqlStore) => aLibrary('city', { store, ids: new UuidGenerator() });

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

describe(SqlJobLock, () => {
  describe('on PGlite', () => {
    let store: SqlStore;
    beforeAll(async () => {
      store = SqlStore.pglite();
      await store.ready();
    });
    afterAll(() => store.close());

    describe('behind two libraries on one database', () => {
      it('should let one round run and the other report that it skipped', async () => {
        const first = onStore(await emptied(store));
        const second = onStore(store);
        await anOverdueLoan(first.library, first.clock, second.clock);

        const reports = await Promise.all([first.library.runDueJobs(), second.library.runDueJobs()]);
        expect(reports.map((r) => [r.skipped, r.reminders.overdue])).toEqual([
          [false, 1],
          [true, 0],
        ]);
        expect((await second.library.runDueJobs()).skipped).toBe(false);
        await Promise.all([first.library.idle(), second.library.idle()]);
        expect(await first.library.notifications.list()).toHaveLength(1);
      });
    });
  });

  describe.skipIf(server === null)('on a PostgreSQL server', () => {
    let database: Awaited<ReturnType<typeof scratchDatabase>>;
    let stores: SqlStore[];
    beforeAll(async () => {
      database = await scratchDatabase(server!, 'joblock');
      // Two stores with pools of their own: two processes on one database, as far as the server can tell. Pools of one
      // connection: the lock's connection is its own, so the round still has the pool.
      stores = [SqlStore.postgres(database.url, { poolSize: 1 }), SqlStore.postgres(database.url, { poolSize: 1 })];
      for (const store of stores) await store.ready();
    });
    afterAll(async () => {
      for (const store of stores) await store.close();
      await database.drop();
    });

    describe('.runExclusive', () => {
      it("should answer null while another store's connection holds the lock, and run once it let go", async () => {
        const [mine, theirs] = stores.map((s) => new SqlJobLock(s.driver)) as [SqlJobLock, SqlJobLock];
        const whileHeld = await mine.runExclusive('jobs', () => theirs.runExclusive('jobs', () => Promise.resolve('ran')));
        expect(whileHeld).toBeNull();
        expect(await theirs.runExclusive('jobs', () => Promise.resolve('ran'))).toBe('ran');
      });

      it('should let go when the work fails', async () => {
        const [mine, theirs] = stores.map((s) => new SqlJobLock(s.driver)) as [SqlJobLock, SqlJobLock];
        await expect(mine.runExclusive('jobs', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await theirs.runExclusive('jobs', () => Promise.resolve('free'))).toBe('free');
      });
    });

    describe('behind two libraries on one database', () => {
      it('should skip the round of one while the other runs its own', async () => {
        const [a, b] = stores as [SqlStore, SqlStore];
        const first = onStore(await emptied(a));
        const second = onStore(b);
        await anOverdueLoan(first.library, first.clock, second.clock);
        const holder = new SqlJobLock(a.driver); // what the first library's round holds while it runs

        const skipped = await holder.runExclusive(ScheduledJobs.LOCK, () => second.library.runDueJobs());
        expect(skipped).toMatchObject({ skipped: true, reminders: { overdue: 0 } });

        const reports = await Promise.all([first.library.runDueJobs(), second.library.runDueJobs()]);
        expect(reports.some((r) => !r.skipped)).toBe(true);
        await Promise.all([first.library.idle(), second.library.idle()]);
        expect(await first.library.notifications.list()).toHaveLength(1);
      });
    });
  });
});
