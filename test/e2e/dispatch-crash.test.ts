import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../src/infrastructure/notify/EmailChannel.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { Library } from '../../src/Library.js';
import { shelve } from '../fixtures/catalog.js';
import { TestSmtpServer } from '../fixtures/channels.js';
import { postgresServer, rowsPool, scratchDatabase } from '../support/sql.js';
import { ShelfmarkProcess } from './processes.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const NOTICES = 20;
/** Sessions the first `jobs` process gets answered before the server goes silent: its start-up login, then five mails. */
const ANSWERED = 1 + 5;
const CHECKED_OUT = '2026-09-07T09:00:00.000Z';
/** Nine days on: one day before the ten-day loans fall due, when the college policy sends its reminder. */
const REMINDER_DAY = '2026-09-16T09:00:00.000Z';
/** Two minutes later: past the 60-second lease of every message the killed process had claimed. */
const AFTER_THE_LEASE = '2026-09-16T09:02:00.000Z';
/** Every step waits for an event (a mail, a row, an exit); this bounds the whole story only if one never comes. */
const STORY = { timeout: 120_000 };

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A `shelfmark jobs` process killed with SIGKILL in the middle of delivering: the messages it had
 * recorded as delivered are never sent again, the ones whose send was under way are sent again once
 * their lease runs out — at most one duplicate per message — and none is lost.
 */
describe.skipIf(server === null)('shelfmark jobs killed with SIGKILL mid-dispatch', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let sql: pg.Pool;
  const smtp = new TestSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-dispatch-crash-'));
  const clock = join(dir, 'now');
  const config = join(dir, 'shelfmark.config.json');

  beforeAll(async () => {
    database = await scratchDatabase(server!, 'e2e_dispatch_crash');
    sql = rowsPool(database.url);
    await smtp.start();
    writeFileSync(
      config,
      JSON.stringify({
        store: { postgres: database.url, poolSize: 4 },
        policy: 'college',
        notices: { email: { host: '127.0.0.1', port: smtp.port, from: 'notices@library.test' } },
        jobs: false,
      }),
    );
    const library = Library.create({ store: { postgres: database.url, poolSize: 2 }, policy: 'college', clock: new FixedClock(CHECKED_OUT), channels: [] });
    const barcodes = await shelve(library, 'cormen', NOTICES);
    for (const [i, barcode] of barcodes.entries()) {
      const id = `M-${String(i + 1).padStart(2, '0')}`;
      await library.members.register({ id, name: `Reader ${id}`, contact: { email: `${id.toLowerCase()}@example.test` } });
      await library.circulation.checkOut({ memberId: id, barcode });
    }
    await library.close();
  });

  afterAll(async () => {
    await sql.end();
    await smtp.stop();
    await database.drop();
  });

  it('should send each notice at most twice and lose none', STORY, async () => {
    writeFileSync(clock, REMINDER_DAY);
    smtp.misbehave('silent', NOTICES, ANSWERED);
    const doomed = new ShelfmarkProcess(clock, ['jobs', '--config', config]);
    await until(() => smtp.mails.length, (n) => n === NOTICES);
    const deliveredBeforeTheKill = await until(
      async () => (await sql.query<{ idempotency_key: string }>(`SELECT idempotency_key FROM outbox WHERE status = 'DELIVERED'`)).rows.map((r) => r.idempotency_key),
      (keys) => keys.length === ANSWERED - 1,
    );
    expect(await doomed.kill()).toBe('SIGKILL');
    expect((await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'PENDING'`)).rows[0]).toEqual({ n: NOTICES - deliveredBeforeTheKill.length });

    writeFileSync(clock, AFTER_THE_LEASE);
    const after = new ShelfmarkProcess(clock, ['jobs', '--config', config]);
    expect(await after.exited).toBe(0);

    const { rows } = await sql.query<{ idempotency_key: string; status: string }>('SELECT idempotency_key, status FROM outbox ORDER BY position');
    expect(rows.map((r) => r.status)).toEqual(Array.from({ length: NOTICES }, () => 'DELIVERED'));
    const copies = smtp.copiesByMessageId();
    const copiesOf = (key: string): number => copies.get(EmailChannel.messageIdFor(key)) ?? 0;
    // Recorded before the kill: never sent again. Under way at the kill: sent once more after the lease. None lost.
    expect(deliveredBeforeTheKill.map(copiesOf)).toEqual(deliveredBeforeTheKill.map(() => 1));
    const inFlight = rows.map((r) => r.idempotency_key).filter((key) => !deliveredBeforeTheKill.includes(key));
    expect(inFlight.map(copiesOf)).toEqual(inFlight.map(() => 2));
    expect(smtp.mails).toHaveLength(NOTICES + inFlight.length);
  });
});
