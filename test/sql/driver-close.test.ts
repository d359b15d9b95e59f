import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/application/StoreError.js';
import { PGliteDriver } from '../../src/infrastructure/sql/PGliteDriver.js';
import { PgDriver } from '../../src/infrastructure/sql/PgDriver.js';
import type { SqlDriver } from '../../src/infrastructure/sql/SqlDriver.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const unavailable = (error: unknown): boolean => StoreError.is(error) && error.code === 'STORE_UNAVAILABLE';

/**
 * A driver closing while its only connection is held: the session waiting for that connection is refused (it would
 * otherwise wait for ever — a pool that ends never serves its queue), the close completes once the held session is
 * released, and every later acquire is refused instead of opening a new pool or a new, empty database.
 */
async function closeWhileAWaiterQueues(driver: SqlDriver): Promise<void> {
  const held = await driver.acquire();
  const waiter = driver.acquire();
  const waiterOutcome = waiter.then(
    () => 'acquired',
    (error: unknown) => (unavailable(error) ? 'refused' : `failed: ${String(error)}`),
  );
  const closing = driver.close();
  expect(await waiterOutcome).toBe('refused');
  held.release();
  await closing;
  await expect(driver.acquire()).rejects.toSatisfy(unavailable);
}

describe(PGliteDriver, () => {
  describe('.close', () => {
    describe('when a session waits for the connection another holds', () => {
      it('should refuse the waiting session, finish once the holder releases, and refuse every later acquire', async () => {
        const driver = new PGliteDriver();
        await closeWhileAWaiterQueues(driver);
      });
    });
  });
});

describe.skipIf(server === null)(PgDriver, () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    database = await scratchDatabase(server ?? '', 'driver_close');
  });
  afterAll(async () => {
    await database.drop();
  });

  describe('.close', () => {
    describe('when an acquire waits for a connection of a full pool', () => {
      it('should refuse the waiting acquire, finish once the held session is released, and refuse every later acquire', async () => {
        const driver = PgDriver.fromUrl(database.url, 1);
        await closeWhileAWaiterQueues(driver);
      });
    });

    describe('when it is closed twice', () => {
      it('should resolve both times', async () => {
        const driver = PgDriver.fromUrl(database.url, 1);
        (await driver.acquire()).release();
        await driver.close();
        await expect(driver.close()).resolves.toBeUndefined();
      });
    });
  });
});
