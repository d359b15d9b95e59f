import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretHasher } from '../../src/application/auth/SecretHasher.js';
import type { Sip2AccountRecord, Sip2Accounts } from '../../src/application/ports/Sip2Accounts.js';
import { InMemorySip2Accounts } from '../../src/infrastructure/memory/InMemorySip2Accounts.js';
import { SqlSip2Accounts } from '../../src/infrastructure/sql/SqlSip2Accounts.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { IMPLEMENTED_MESSAGES } from '../../src/interfaces/sip2/handlers/index.js';
import { addSip2Account, Sip2Logins } from '../../src/interfaces/sip2/Sip2Logins.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { TEST_SCRYPT } from '../http/server.js';
import { emptied, postgresServer, scratchDatabase } from '../support/sql.js';

const SELF_CHECK: Sip2AccountRecord = { user: 'selfcheck-1', passwordHash: 'scrypt$1024$8$1$c2FsdA$aGFzaA', location: 'main', allowedMessages: ['09', '11', '17'], createdAt: MONDAY_MORNING };
const SORTER: Sip2AccountRecord = { user: 'sorter', passwordHash: 'scrypt$1024$8$1$c2FsdA$b3RoZXI', location: 'east', allowedMessages: ['09'], createdAt: MONDAY_MORNING };

/** What every Sip2Accounts adapter must do. */
function sip2AccountsContract(name: string, open: () => Promise<Sip2Accounts>): void {
  describe(name, () => {
    let accounts: Sip2Accounts;
    beforeEach(async () => {
      accounts = await open();
    });

    describe('.save', () => {
      it('should keep the account for find and list', async () => {
        await accounts.save(SORTER);
        await accounts.save(SELF_CHECK);
        expect(await accounts.find('sorter')).toEqual(SORTER);
        expect(await accounts.list()).toEqual([SELF_CHECK, SORTER]);
      });

      it('should replace the account of the same user', async () => {
        await accounts.save(SORTER);
        await accounts.save({ ...SORTER, location: 'west', allowedMessages: ['09', '17'] });
        expect(await accounts.find('sorter')).toMatchObject({ location: 'west', allowedMessages: ['09', '17'] });
        expect(await accounts.list()).toHaveLength(1);
      });
    });

    describe('.find', () => {
      it('should answer null for an unknown user', async () => {
        expect(await accounts.find('nobody')).toBeNull();
      });
    });

    describe('.remove', () => {
      it('should remove the account and say whether there was one', async () => {
        await accounts.save(SORTER);
        expect(await accounts.remove('sorter')).toBe(true);
        expect(await accounts.remove('sorter')).toBe(false);
        expect(await accounts.find('sorter')).toBeNull();
      });
    });
  });
}

sip2AccountsContract('InMemorySip2Accounts', () => Promise.resolve(new InMemorySip2Accounts()));

describe('SqlSip2Accounts on PGlite', () => {
  let store: SqlStore;
  beforeAll(async () => {
    store = SqlStore.pglite();
    await store.ready();
  }, 240_000); // PGlite starts in seconds, but far slower on a busy shared machine
  afterAll(() => store.close(), 60_000);
  sip2AccountsContract('SqlSip2Accounts on PGlite', async () => new SqlSip2Accounts(await emptied(store)));
});

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

describe.skipIf(server === null)('SqlSip2Accounts on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server ?? '', 'sip2_accounts');
    store = SqlStore.postgres(database.url, { poolSize: 2 });
    await store.ready();
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await database.drop();
  });
  sip2AccountsContract('SqlSip2Accounts on PostgreSQL', async () => new SqlSip2Accounts(await emptied(store)));
});

describe(addSip2Account, () => {
  const hasher = new SecretHasher(TEST_SCRYPT);
  const clock = new FixedClock(MONDAY_MORNING);

  it('should store only the password’s hash, and the logins should verify it', async () => {
    const accounts = new InMemorySip2Accounts();
    const added = await addSip2Account(accounts, hasher, clock, { user: 'kiosk', password: 's3cret', location: 'main', allowedMessages: ['11', '09'] }, IMPLEMENTED_MESSAGES);
    expect(added.passwordHash).not.toContain('s3cret');
    expect(added.allowedMessages).toEqual(['09', '11']);
    const logins = new Sip2Logins(accounts, hasher, 1);
    expect(await logins.verify('kiosk', 's3cret')).toEqual(added);
    expect(await logins.verify('kiosk', 'wrong')).toBeNull();
    expect(await logins.verify('nobody', 's3cret')).toBeNull();
  });

  it.each([
    { what: 'a user with a space', input: { user: 'front desk', password: 'p', location: 'main', allowedMessages: [] }, field: 'user' },
    { what: 'an empty password', input: { user: 'k', password: '', location: 'main', allowedMessages: [] }, field: 'password' },
    { what: 'no branch', input: { user: 'k', password: 'p', location: ' ', allowedMessages: [] }, field: 'location' },
    { what: 'a message the server does not answer', input: { user: 'k', password: 'p', location: 'main', allowedMessages: ['15'] }, field: 'allowedMessages' },
  ])('should refuse $what with INVALID_INPUT and store nothing', async ({ input, field }) => {
    const accounts = new InMemorySip2Accounts();
    await expect(addSip2Account(accounts, hasher, clock, input, IMPLEMENTED_MESSAGES)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field } });
    expect(await accounts.list()).toEqual([]);
  });
});
