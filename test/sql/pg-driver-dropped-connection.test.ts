import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDriver } from '../../src/infrastructure/sql/PgDriver.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

/** Ends a backend from outside, as a failover, an idle timeout or an administrator's pg_terminate_backend does. */
async function terminate(url: string, pid: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await client.end();
  }
}

describe.skipIf(server === null)(PgDriver, () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let driver: PgDriver;
  beforeAll(async () => {
    database = await scratchDatabase(server ?? '', 'dropped_connection');
    driver = PgDriver.fromUrl(database.url, 2);
  });
  afterAll(async () => {
    await driver.close();
    await database.drop();
  });

  describe('.acquire', () => {
    describe('when the server ends a connection a session holds', () => {
      it('should fail that session’s next statement, not the process, and hand out a working connection next', async () => {
        const session = await driver.acquire();
        const { rows } = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(database.url, Number(rows[0]?.pid));

        await expect(session.query('SELECT 1')).rejects.toThrow();
        session.release(true);

        const next = await driver.acquire();
        try {
          expect((await next.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        } finally {
          next.release();
        }
      });
    });
  });
});
