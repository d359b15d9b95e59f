import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { exec, migratedOver, postgresServer, scratchDatabase } from '../support/sql.js';
import { BookFixtures } from '../fixtures/catalog.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const AT = '2026-09-07T09:00:00.000Z';
const CORMEN = BookFixtures.cormen.isbn;

describe.skipIf(server === null)('migrations 022_branches and 023_hold_lifecycle_and_item_statuses', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'holds_branches');
    store = SqlStore.postgres(database.url, { poolSize: 2 });
    // Data as written before: branches as free text on copies, a saved calendar and a kiosk login, and a waiting hold.
    await migratedOver(store, (m) => m.version < '022', `INSERT INTO books (record_id, isbn, identifiers, version, title, authors) VALUES ('${CORMEN}', '${CORMEN}', '{ISBN:${CORMEN}}', 1, 'Introduction to Algorithms', '{Cormen}');
       INSERT INTO book_items (barcode, version, isbn, branch, rack, reference_only, status) VALUES
         ('cormen-1', 1, '${CORMEN}', 'main', '4-B', false, 'AVAILABLE'),
         ('cormen-2', 1, '${CORMEN}', 'east', '1-A', false, 'AVAILABLE'),
         ('cormen-3', 1, '${CORMEN}', 'main', '4-B', false, 'LOST');
       INSERT INTO branch_calendars (branch, time_zone) VALUES ('riverside', 'Asia/Kolkata');
       INSERT INTO sip2_accounts (login_user, password_hash, location, created_at) VALUES ('kiosk-1', 'x', 'north', '${AT}');
       INSERT INTO reservation_queues (isbn, version, next_sequence) VALUES ('${CORMEN}', 1, 2);
       INSERT INTO reservations (id, isbn, member_id, sequence, status, placed_at) VALUES ('R1', '${CORMEN}', 'priya', 1, 'WAITING', '${AT}');`);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  describe('when copies, calendars and kiosks named branches as text before them', () => {
    it('should create one branch for each code in use, named after it, with the default hold shelf', async () => {
      expect(await exec(store, 'SELECT id, name, hold_shelf, version FROM branches ORDER BY id')).toEqual(
        ['east', 'main', 'north', 'riverside'].map((id) => ({ id, name: id, hold_shelf: 'Hold shelf', version: 1 })),
      );
    });

    it('should read the old copies and holds back with no transit, no pickup branch and no suspension', async () => {
      const { value } = await store.transaction(async (tx) => ({ copy: await tx.items.get('cormen-2'), queue: await tx.reservations.forTitle(CORMEN) }));
      expect(value.copy?.branch).toBe('east');
      expect(value.copy?.transit).toBeNull();
      const hold = value.queue.get('R1');
      expect([hold.status, hold.pickupBranch, hold.notNeededAfter, hold.suspendedUntil]).toEqual(['WAITING', null, null, null]);
    });

    it('should refuse a copy at a branch that is not registered, and a status outside the copy table', async () => {
      await expect(exec(store, `INSERT INTO book_items (barcode, version, isbn, branch, rack, reference_only, status) VALUES ('x-1', 1, '${CORMEN}', 'west', 'A', false, 'AVAILABLE')`)).rejects.toThrow();
      await expect(exec(store, `UPDATE book_items SET status = 'SHREDDED' WHERE barcode = 'cormen-1'`)).rejects.toThrow();
      await expect(exec(store, `UPDATE book_items SET status = 'IN_TRANSIT' WHERE barcode = 'cormen-1'`)).rejects.toThrow(); // names no destination
    });
  });
});
