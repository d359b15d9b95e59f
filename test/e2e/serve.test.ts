import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSmtpServer } from '../fixtures/channels.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';
import { api, ShelfmarkProcess, shelfmarkRun } from './processes.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const ADMIN = 'smk_0e2e_Gk7pR2wXn9Lq4ZbT6vHc1JmY8sDf3NaQ';
const CORMEN = { isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] };
/** Every step waits for an event (a line, a mail, an exit); this bounds the whole story only if one never comes. */
const STORY = { timeout: 240_000 };

describe.skipIf(server === null)('shelfmark serve on PostgreSQL (as processes)', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let smtp: TestSmtpServer;
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-e2e-'));
  const clock = join(dir, 'now');
  const config = join(dir, 'shelfmark.config.json');
  const at = (instant: string): void => { writeFileSync(clock, instant); };

  beforeAll(async () => {
    database = await scratchDatabase(server!, 'e2e_serve');
    smtp = await new TestSmtpServer().start();
    writeFileSync(
      config,
      JSON.stringify({
        store: { postgres: database.url, poolSize: 4 },
        policy: 'college',
        notices: { email: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'notices@library.example' }, pollSeconds: 1 },
        jobs: { intervalMinutes: 0.02 },
        http: { host: '127.0.0.1', port: 0 },
      }),
    );
    at('2026-09-07T09:00:00.000Z');
  });

  afterAll(async () => {
    await smtp.stop();
    await database.drop();
  });

  describe('when a loan goes overdue while serve runs', () => {
    it('should send the overdue notice by SMTP exactly once, and leave shelfmark jobs nothing to do', STORY, async () => {
      const serve = new ShelfmarkProcess(clock, ['serve', '--config', config], { SHELFMARK_ADMIN_TOKEN: ADMIN });
      const [, base = ''] = await serve.line(/shelfmark serving (http:\/\/\S+) /);
      expect(serve.stderr).not.toContain('state is in memory');

      const counter = await api(base, 'POST', '/api/staff-tokens', ADMIN, { label: 'front desk', scope: 'counter' });
      expect(counter.status).toBe(201);
      const { token: counterToken, tokenId: counterTokenId } = counter.json as { token: string; tokenId: string };
      expect((await api(base, 'POST', '/api/catalog/books', ADMIN, CORMEN)).status).toBe(201);
      expect((await api(base, 'POST', '/api/items', ADMIN, { barcode: 'cormen-1', isbn: CORMEN.isbn, branch: 'main', rack: '4-B' })).status).toBe(201);
      const priya = { id: 'priya', name: 'Priya', type: 'STUDENT', contact: { email: 'priya@example.test' } };
      expect((await api(base, 'POST', '/api/members', counterToken, priya)).status).toBe(201);
      const loan = await api(base, 'POST', '/api/checkouts', counterToken, { memberId: 'priya', barcode: 'cormen-1' }, { 'idempotency-key': 'e2e-checkout-1' });
      expect(loan.status).toBe(201);
      expect((loan.json as { dueAt: string }).dueAt).toBe('2026-09-17T09:00:00.000Z');
      const audit = await api(base, 'GET', '/api/audit?barcode=cormen-1', ADMIN);
      expect(audit.json).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'copy.checked-out', actor: `staff:${counterTokenId}`, actorLabel: 'front desk' })]),
      );

      at('2026-09-18T10:00:00.000Z'); // the day after the due date: the overdue notice's day
      const overdue = await smtp.nextMail((mail) => mail.headers.get('x-shelfmark-notice') === 'overdue');
      expect(overdue.to).toEqual(['priya@example.test']);
      await serve.line(/jobs ran at 2026-09-18T10:00:00\.000Z[^\n]*\n[\s\S]*jobs ran at 2026-09-18T10:00:00\.000Z/); // a further round after the notice
      expect(await serve.stop()).toBe(0);
      expect(serve.stderr).toContain('shelfmark: stopped\n');

      const jobs = await shelfmarkRun(clock, ['jobs', '--config', config, '--json']);
      expect(jobs.code).toBe(0);
      // serve's rounds already queued and delivered the overdue notice: this round finds nothing to do and leaves nothing waiting.
      expect(JSON.parse(jobs.stdout)).toEqual({
        ranAt: '2026-09-18T10:00:00.000Z',
        skipped: false,
        pickupsExpired: 0,
        holdsResumed: 0,
        holdsLapsed: 0,
        digitalLoansExpired: 0,
        claimsExpired: 0,
        autoRenewal: { renewed: 0, refused: 0 },
        finesAccrued: 0,
        loansDeclaredLost: 0,
        reminders: { dueSoon: 0, dueToday: 0, overdue: 0 },
        cardExpiryNotices: 0,
        pruned: { deliveredNotices: 0, revocations: 0, idempotencyRecords: 0 },
        outbox: { retrying: 0, dead: 0 },
      });
      expect(smtp.mails.filter((mail) => mail.headers.get('x-shelfmark-notice') === 'overdue')).toHaveLength(1);
    });
  });
});
