import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { aLibrary } from '../fixtures/library.js';
import { exec, migratedOver, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const AT = '2026-09-07T09:00:00.000Z';

describe.skipIf(server === null)('migration 021_card_expiry_unique_email_fine_accrual', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'card_expiry');
    store = SqlStore.postgres(database.url, { poolSize: 2 });
    // Members as registered before the migration: Asha and Bala share an address (in two cases), Chitra has none;
    // Asha owes an overdue fine.
    await migratedOver(store, (m) => m.version < '021', `INSERT INTO members (id, version, name, type, plan, status, email) VALUES
         ('M-ASHA', 1, 'Asha', 'PUBLIC', 'BASIC', 'ACTIVE', 'family@example.org'),
         ('M-BALA', 1, 'Bala', 'PUBLIC', 'BASIC', 'ACTIVE', 'Family@Example.org'),
         ('M-CHITRA', 1, 'Chitra', 'PUBLIC', 'BASIC', 'ACTIVE', NULL);
       INSERT INTO fine_ledgers (member_id, version, currency, balance, fine_count, payment_count) VALUES ('M-ASHA', 1, 'INR', 500, 1, 0);
       INSERT INTO fines (id, member_id, ordinal, loan_id, barcode, reason, amount, outstanding, status, assessed_at) VALUES
         ('F1', 'M-ASHA', 0, 'L1', 'C-1', 'OVERDUE', 500, 500, 'OPEN', '${AT}');`);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  describe('when members shared an address before it', () => {
    it('should keep the address on both, the earliest id holding it, and refuse a new member with it', async () => {
      expect(await exec(store, 'SELECT id, email, email_shared, card_expires_at FROM members ORDER BY id')).toEqual([
        { id: 'M-ASHA', email: 'family@example.org', email_shared: false, card_expires_at: null },
        { id: 'M-BALA', email: 'Family@Example.org', email_shared: true, card_expires_at: null },
        { id: 'M-CHITRA', email: null, email_shared: false, card_expires_at: null },
      ]);
      const { library } = aLibrary('city', { store });
      await expect(library.members.block({ memberId: 'M-BALA', reason: 'lost card' })).resolves.toMatchObject({ status: 'BLOCKED', cardExpiresAt: null });
      await expect(library.members.register({ id: 'M-DEV', name: 'Dev', contact: { email: 'FAMILY@example.org' } })).rejects.toMatchObject({ code: 'EMAIL_ALREADY_REGISTERED' });
    });
  });

  describe('when fines were assessed before it', () => {
    it('should read them as charged in full, nothing accruing', async () => {
      const { value } = await store.transaction((tx) => tx.ledgers.forMember('M-ASHA', 'INR'));
      expect(value.fines.map((f) => [f.id, f.amount, f.accrual ?? null])).toEqual([['F1', 500, null]]);
      expect(value.balance().amount).toBe(500);
    });
  });
});
