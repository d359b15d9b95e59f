import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../src/Library.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';
import { api, ShelfmarkProcess } from './processes.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const ADMIN = 'smk_0e2f_Vn4tB8yKe2Qw7HsL1xPd9FcZ5mRj6UaG';
const CORMEN = { isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] };
/** Every step waits for an event (a line, an exit); this bounds the whole story only if one never comes. */
const STORY = { timeout: 240_000 };

/**
 * What a library's staff set up must outlive a restart of its server: staff tokens, member PINs, branch
 * closures and the answers kept for idempotent retries all live in the database, not in the process.
 */
describe.skipIf(server === null)('shelfmark serve restarted on the same PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-restart-'));
  const clock = join(dir, 'now');
  const config = join(dir, 'shelfmark.config.json');
  const serve = async (): Promise<{ process: ShelfmarkProcess; base: string }> => {
    const started = new ShelfmarkProcess(clock, ['serve', '--config', config], { SHELFMARK_ADMIN_TOKEN: ADMIN });
    const [, base = ''] = await started.line(/shelfmark serving (http:\/\/\S+) /);
    return { process: started, base };
  };

  beforeAll(async () => {
    database = await scratchDatabase(server!, 'e2e_restart');
    writeFileSync(config, JSON.stringify({ store: { postgres: database.url, poolSize: 4 }, policy: 'college', jobs: false, http: { port: 0 } }));
    writeFileSync(clock, '2026-09-07T09:00:00.000Z');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('should keep a librarian token, a member PIN, a closure and an idempotent retry', STORY, async () => {
    const first = await serve();
    const issued = await api(first.base, 'POST', '/api/staff-tokens', ADMIN, { label: 'Anita', scope: 'librarian' });
    expect(issued.status).toBe(201);
    const librarian = (issued.json as { token: string }).token;
    expect((await api(first.base, 'POST', '/api/catalog/books', librarian, CORMEN)).status).toBe(201);
    for (const barcode of ['cormen-1', 'cormen-2']) {
      expect((await api(first.base, 'POST', '/api/items', librarian, { barcode, isbn: CORMEN.isbn, branch: 'main', rack: '4-B' })).status).toBe(201);
    }
    expect((await api(first.base, 'POST', '/api/members', librarian, { id: 'priya', name: 'Priya', type: 'STUDENT' })).status).toBe(201);
    expect((await api(first.base, 'POST', '/api/members', librarian, { id: 'raj', name: 'Raj', type: 'STUDENT' })).status).toBe(201);
    expect((await api(first.base, 'PUT', '/api/members/priya/pin', librarian, { pin: '4821' })).status).toBe(204);
    const checkout = { memberId: 'priya', barcode: 'cormen-1' };
    const loan = await api(first.base, 'POST', '/api/checkouts', librarian, checkout, { 'idempotency-key': 'restart-checkout-1' });
    expect(loan.status).toBe(201);

    // A closure on the day a ten-day loan from today would fall due, declared by another process on the same database.
    const other = Library.create({ store: { postgres: database.url, poolSize: 1 }, policy: 'college' });
    await other.calendars.declareEmergencyClosure({ branch: 'main', from: '2026-09-17', to: '2026-09-17', reason: 'burst pipe' });
    await other.close();
    expect(await first.process.stop()).toBe(0);

    const second = await serve();
    expect((await api(second.base, 'GET', '/api/members/priya', librarian)).status).toBe(200);
    const session = await fetch(`${second.base}/api/sessions/pin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber: 'priya', pin: '4821' }),
    });
    expect(session.status).toBeLessThan(300);
    const retry = await api(second.base, 'POST', '/api/checkouts', librarian, checkout, { 'idempotency-key': 'restart-checkout-1' });
    expect(retry).toEqual(loan);
    const later = await api(second.base, 'POST', '/api/checkouts', librarian, { memberId: 'raj', barcode: 'cormen-2' });
    expect(later.status).toBe(201);
    expect((later.json as { dueAt: string }).dueAt.slice(0, 10)).not.toBe('2026-09-17');
    expect(await second.process.stop()).toBe(0);
  });
});
