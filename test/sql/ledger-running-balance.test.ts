import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/domain/shared/Money.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { exec, migratedOver, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const AT = '2026-09-07T09:00:00.000Z';

describe.skipIf(server === null)('migration 015_ledger_running_balance', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'ledger_balance');
    store = SqlStore.postgres(database.url, { poolSize: 2 });
    // Ledgers as written before the migration: Priya owes 400 of two fines and paid 900; Raj paid everything.
    await migratedOver(store, (m) => m.version < '015', `INSERT INTO fine_ledgers (member_id, version, currency) VALUES ('priya', 3, 'INR'), ('raj', 2, 'INR'), ('asha', 1, 'INR');
       INSERT INTO fines (id, member_id, ordinal, loan_id, barcode, reason, amount, outstanding, status, assessed_at) VALUES
         ('F1', 'priya', 0, 'L1', 'C-1', 'OVERDUE', 900, 0, 'PAID', '${AT}'),
         ('F2', 'priya', 1, 'L1', 'C-1', 'DAMAGED', 300, 300, 'OPEN', '${AT}'),
         ('F3', 'priya', 2, 'L2', 'C-2', 'OVERDUE', 100, 100, 'OPEN', '${AT}'),
         ('F4', 'raj', 0, 'L3', 'C-3', 'OVERDUE', 200, 0, 'PAID', '${AT}');
       INSERT INTO payments (id, member_id, ordinal, amount, method, paid_at, allocations) VALUES
         ('P1', 'priya', 0, 900, 'cash', '${AT}', '[{"fineId":"F1","amount":900}]'),
         ('P2', 'raj', 0, 200, 'card', '${AT}', '[{"fineId":"F4","amount":200}]');`);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  describe('when ledgers were written before it', () => {
    it('should fill each running balance from the open fines, and the counts from the rows', async () => {
      expect(await exec(store, 'SELECT member_id, balance::int, fine_count, payment_count, version FROM fine_ledgers ORDER BY member_id')).toEqual([
        { member_id: 'asha', balance: 0, fine_count: 0, payment_count: 0, version: 1 },
        { member_id: 'priya', balance: 400, fine_count: 3, payment_count: 1, version: 3 },
        { member_id: 'raj', balance: 0, fine_count: 1, payment_count: 1, version: 2 },
      ]);
    });

    it('should let the ledger take its next fine and payment after the old rows, and decide on the same balance', async () => {
      await store.transaction(async (tx) => {
        const ledger = await tx.ledgers.forMember('priya', 'INR');
        ledger.assess({ fineId: 'F5', loanId: 'L4', barcode: 'C-4', reason: 'LOST', amount: Money.of(50, 'INR') }, new Date(AT));
        ledger.pay({ paymentId: 'P3', amount: Money.of(350, 'INR'), method: 'cash' }, new Date(AT));
        await tx.ledgers.save(ledger);
      });
      const { value } = await store.transaction((tx) => tx.ledgers.statementFor('priya', 'INR'));
      expect(value.balance().amount).toBe(100);
      expect(value.fines.map((f) => [f.id, f.outstanding])).toEqual([
        ['F1', 0],
        ['F2', 0],
        ['F3', 50],
        ['F5', 50],
      ]);
      expect(await exec(store, `SELECT id, ordinal FROM fines WHERE member_id = 'priya' AND id = 'F5' UNION ALL SELECT id, ordinal FROM payments WHERE id = 'P3'`)).toEqual([
        { id: 'F5', ordinal: 3 },
        { id: 'P3', ordinal: 1 },
      ]);
    });
  });
});
