import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from '../../src/infrastructure/sql/Migrator.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { UuidGenerator } from '../../src/infrastructure/system/ids.js';
import { shelve, BookFixtures } from '../fixtures/catalog.js';
import { aLibrary, MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { cardsContract } from '../contract/cardsContract.js';
import { reportsContract } from '../contract/reportsContract.js';
import { historyContract } from '../contract/historyContract.js';
import { storeContract } from '../contract/storeContract.js';
import { holdsContract } from '../contract/holdsContract.js';
import { emptied, exec, lent } from '../support/sql.js';
import { searchIndexSpec } from './searchIndexSpec.js';
import { catalogueRecordContract } from '../contract/catalogueRecordContract.js';
import { recordSearchContract } from '../contract/recordSearchContract.js';
import { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';

// One embedded database for the whole file (each PGlite instance costs seconds and hundreds of MB).
let dataDir: string;
let store: SqlStore;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shelfmark-pglite-'));
  store = SqlStore.pglite(dataDir);
  await store.ready();
});
afterAll(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

storeContract('SqlStore on PGlite', { fresh: () => emptied(store) });
catalogueRecordContract('SqlStore on PGlite', { fresh: () => emptied(store) });
historyContract('SqlStore on PGlite', { fresh: () => emptied(store) });
holdsContract('SqlStore on PGlite', { fresh: () => emptied(store) });
cardsContract('SqlStore on PGlite', { fresh: () => emptied(store) });
reportsContract('SqlStore on PGlite', { fresh: () => emptied(store) });
searchIndexSpec('PostgresSearchIndex on PGlite', () => emptied(store));
for (const searchEngine of ['in-process', 'postgres'] as const) {
  recordSearchContract(`SqlStore on PGlite, ${searchEngine} search`, {
    open: async () => Library.create({ store: lent(await emptied(store)), clock: new FixedClock(MONDAY_MORNING), searchEngine }),
  });
}

describe('SqlStore on PGlite', () => {
  const { priya, raj } = MemberFixtures;

  describe('as the store of a Library', () => {
    it('should carry a copy through checkout, reservation, return and hold', async () => {
      const { library, clock } = aLibrary('college', { store: await emptied(store) });
      const [c1] = await shelve(library, 'cormen', 1);
      await enrol(library, 'priya', 'raj');
      await library.circulation.checkOut({ memberId: raj.id, barcode: c1! });
      await library.reservations.reserve({ memberId: priya.id, isbn: BookFixtures.cormen.isbn });
      clock.advanceDays(15);
      const receipt = await library.circulation.returnCopy({ barcode: c1! });
      expect(receipt.daysLate).toBe(5);
      expect(receipt.heldFor).toMatchObject({ memberId: priya.id, barcode: c1 });
      expect((await library.members.get(raj.id)).fineBalance).toEqual({ amount: 900, currency: 'INR' });
      await library.idle();
    });
  });

  describe('as the outbox and audit log of a Library', () => {
    it('should keep a committed notice through a crash, deliver it once, and audit the change with its actor', async () => {
      await emptied(store);
      const before = aLibrary('city', { store, notifications: { autoDispatch: false } });
      await shelve(before.library, 'cormen', 1);
      await enrol(before.library, 'priya', 'raj');
      await before.library.members.register({ id: 'M-KIM', name: 'Kim', contact: { phone: '+15550100', channels: ['sms', 'push'] } });
      await before.library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      await before.library.reservations.reserve({ memberId: 'M-KIM', isbn: BookFixtures.cormen.isbn });
      await before.library.as('librarian:anita').circulation.returnCopy({ barcode: 'cormen-1' });
      // the process stops here: committed, nothing sent

      const after = aLibrary('city', { store, ids: new UuidGenerator() });
      after.clock.set(before.clock.now());
      expect(await after.library.notifications.dispatch()).toEqual({ delivered: 2, retrying: 0, dead: 0, unconfirmed: 0 });
      expect(after.notifier.deliveries({ memberId: 'M-KIM' }).map((d) => [d.medium, d.to, d.notice.kind])).toEqual([
        ['sms', '+15550100', 'reservation-ready'],
        ['push', 'M-KIM', 'reservation-ready'],
      ]);
      expect(await after.library.notifications.dispatch()).toEqual({ delivered: 0, retrying: 0, dead: 0, unconfirmed: 0 });
      const held = (await after.library.audit.query({ memberId: 'M-KIM', isbn: '978-0-262-03384-8' })).filter((e) => e.action === 'copy.held');
      expect(held).toMatchObject([{ actor: 'librarian:anita', barcode: 'cormen-1' }]);
    });

    it('should send each reminder once when the jobs run twice', async () => {
      const { library, clock, notifier } = aLibrary('city', { store: await emptied(store) });
      await shelve(library, 'cormen', 1);
      await enrol(library, 'raj');
      await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      clock.set('2026-09-19T06:00:00.000Z');
      await library.runDueJobs();
      await library.runDueJobs();
      await library.idle();
      expect(notifier.notices({ kind: 'due-soon', memberId: raj.id })).toHaveLength(1);
      expect(await library.notifications.list({ memberId: raj.id })).toMatchObject([{ kind: 'due-soon', status: 'DELIVERED', attempts: 1 }]);
    });
  });

  describe('schema constraints', () => {
    const loan = (id: string) => [id, 'cormen-1', BookFixtures.cormen.isbn, priya.id, MONDAY_MORNING, '2026-09-17T09:00:00.000Z'];
    const insertLoan = `INSERT INTO loans (id, version, barcode, isbn, member_id, status, checked_out_at, due_at, renewals) VALUES ($1, 1, $2, $3, $4, 'OPEN', $5, $6, 0)`;

    describe('when a reservation id is already taken by another title\'s queue', () => {
      it('should refuse the save as a lost race and leave the other title\'s reservation where it was', async () => {
        const { library } = aLibrary('college', { store: await emptied(store) });
        await shelve(library, 'cormen', 1);
        await shelve(library, 'sedgewick', 1);
        await enrol(library, 'priya', 'raj');
        const placeIn = (isbn: string, memberId: string) =>
          store.transaction(async (tx) => {
            const queue = await tx.reservations.forTitle(isbn);
            queue.place('R-SAME', memberId, new Date(MONDAY_MORNING));
            await tx.reservations.save(queue);
          });
        await placeIn(BookFixtures.cormen.isbn, priya.id);
        await expect(placeIn(BookFixtures.sedgewick.isbn, raj.id)).rejects.toMatchObject({ code: 'CONCURRENT_MODIFICATION' });
        expect(await exec(store, 'SELECT isbn, member_id FROM reservations')).toEqual([{ isbn: BookFixtures.cormen.isbn, member_id: priya.id }]);
      });
    });

    describe('when a second open loan is written for the same copy', () => {
      it('should refuse it with a unique violation', async () => {
        const { library } = aLibrary('college', { store: await emptied(store) });
        await shelve(library, 'cormen', 1);
        await enrol(library, 'priya');
        await exec(store, insertLoan, loan('L1'));
        await expect(exec(store, insertLoan, loan('L2'))).rejects.toMatchObject({ code: '23505' });
      });
    });

    describe('when a fine would owe less than nothing', () => {
      it('should refuse it with a check violation', async () => {
        await emptied(store);
        await exec(store, `INSERT INTO fine_ledgers (member_id, version, currency) VALUES ($1, 1, 'INR')`, [priya.id]);
        await expect(
          exec(store, `INSERT INTO fines (id, member_id, ordinal, reason, amount, outstanding, status, assessed_at) VALUES ('F1', $1, 0, 'OVERDUE', 900, -100, 'OPEN', $2)`, [priya.id, MONDAY_MORNING]),
        ).rejects.toMatchObject({ code: '23514' });
      });
    });

    describe('when an audit entry is edited', () => {
      it('should refuse the change', async () => {
        await emptied(store);
        await exec(store, `INSERT INTO audit (id, at, actor, action, data) VALUES ('A1', $1, 'desk', 'loan.opened', '{}')`, [MONDAY_MORNING]);
        await expect(exec(store, `UPDATE audit SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      });
    });
  });

  describe('migrate', () => {
    describe('when every migration was applied already', () => {
      it('should apply nothing', async () => {
        expect(await migrate(store.driver, await bundledMigrations())).toEqual([]);
        expect((await exec(store, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual((await bundledMigrations()).map((m) => m.version));
      });
    });
  });

  describe('when persisted to a directory and reopened', () => {
    it('should keep what was committed', async () => {
      const { library } = aLibrary('college', { store: await emptied(store) });
      await shelve(library, 'cleanCode', 2);
      await store.close();
      store = SqlStore.pglite(dataDir);
      const reopened = aLibrary('college', { store }).library;
      expect((await reopened.catalog.copiesOf(BookFixtures.cleanCode.isbn)).map((c) => c.barcode)).toEqual(['cleanCode-1', 'cleanCode-2']);
    });
  });
});
