import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../src/infrastructure/notify/EmailChannel.js';
import type { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import type { Library } from '../../src/Library.js';
import { shelve } from '../fixtures/catalog.js';
import { TestSmtpServer } from '../fixtures/channels.js';
import { aLibrary } from '../fixtures/library.js';

const NOTICES = 20;
/** Short SMTP timeouts, so a misbehaving server ends each session in about a second; the attempt timeout stays well above them. */
const TIMEOUTS = { connectionMs: 2_000, greetingMs: 1_500, socketMs: 1_000 } as const;
const RETRIES = { baseDelayMs: 60_000, maxDelayMs: 60_000, attemptTimeoutMs: 10_000 } as const;

/** M-01 … M-20 each borrow a copy of Cormen; nine days on, the jobs queue one due-soon e-mail per member. */
async function twentyRemindersDue(library: Library, clock: FixedClock): Promise<void> {
  const barcodes = await shelve(library, 'cormen', NOTICES);
  for (const [i, barcode] of barcodes.entries()) {
    const id = `M-${String(i + 1).padStart(2, '0')}`;
    await library.members.register({ id, name: `Reader ${id}`, contact: { email: `${id.toLowerCase()}@example.test` } });
    await library.circulation.checkOut({ memberId: id, barcode });
  }
  clock.advanceDays(9);
  expect((await library.runDueJobs()).reminders.dueSoon).toBe(NOTICES);
}

/** Copies per notice: `{ once, twice, … }` counted over the outbox's messages, so a notice that never arrived counts as 0. */
async function copiesPerNotice(library: Library, smtp: TestSmtpServer): Promise<number[]> {
  const received = smtp.copiesByMessageId();
  return (await library.notifications.list()).map((m) => received.get(EmailChannel.messageIdFor(m.idempotencyKey)) ?? 0);
}

describe('Notices delivered once in effect', () => {
  const smtp = new TestSmtpServer();
  beforeAll(async () => {
    await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
    smtp.misbehave('hang', 0);
  });

  const anEmailLibrary = (): ReturnType<typeof aLibrary> => {
    const email = new EmailChannel({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }, from: 'notices@library.test', timeouts: TIMEOUTS });
    return aLibrary('college', { channels: [email], notifications: { ...RETRIES, autoDispatch: false } });
  };

  describe(EmailChannel, () => {
    describe('when the server takes each message and then never answers (slower than the socket timeout)', () => {
      it('should record every notice as delivered but unconfirmed and send none again: 0 duplicates, 0 lost', async () => {
        const { library, clock } = anEmailLibrary();
        await twentyRemindersDue(library, clock);
        smtp.misbehave('silent', NOTICES);

        expect(await library.notifications.dispatch()).toEqual({ delivered: 0, retrying: 0, dead: 0, unconfirmed: NOTICES });
        clock.advanceHours(2);
        expect(await library.notifications.dispatch()).toEqual({ delivered: 0, retrying: 0, dead: 0, unconfirmed: 0 });

        expect(await copiesPerNotice(library, smtp)).toEqual(Array.from({ length: NOTICES }, () => 1));
        for (const message of await library.notifications.list()) {
          expect(message).toMatchObject({ status: 'DELIVERED', attempts: 1 });
          expect(message.lastError).toMatch(/^unconfirmed: MaybeDelivered: the SMTP server took the whole message but never answered/);
        }
      });
    });

    describe('when the server refuses the connection (421) the first time', () => {
      it('should retry each notice after its backoff and deliver it once: 0 duplicates, 0 lost', async () => {
        const { library, clock } = anEmailLibrary();
        await twentyRemindersDue(library, clock);
        smtp.misbehave('refuse', NOTICES);

        expect(await library.notifications.dispatch()).toEqual({ delivered: 0, retrying: NOTICES, dead: 0, unconfirmed: 0 });
        expect(smtp.mails).toHaveLength(0);
        clock.advanceHours(1);
        expect(await library.notifications.dispatch()).toEqual({ delivered: NOTICES, retrying: 0, dead: 0, unconfirmed: 0 });

        expect(await copiesPerNotice(library, smtp)).toEqual(Array.from({ length: NOTICES }, () => 1));
        expect(await library.notifications.list({ status: 'DELIVERED' })).toHaveLength(NOTICES);
      });
    });

    describe('when the server accepts the connection and never greets (hangs)', () => {
      it('should give up at the greeting timeout, retry after the backoff and deliver once: 0 duplicates, 0 lost', async () => {
        const { library, clock } = anEmailLibrary();
        await twentyRemindersDue(library, clock);
        smtp.misbehave('hang', NOTICES);

        expect(await library.notifications.dispatch()).toEqual({ delivered: 0, retrying: NOTICES, dead: 0, unconfirmed: 0 });
        const [first] = await library.notifications.list();
        expect(first?.lastError).toMatch(/Greeting never received|timeout/i);
        clock.advanceHours(1);
        expect(await library.notifications.dispatch()).toEqual({ delivered: NOTICES, retrying: 0, dead: 0, unconfirmed: 0 });

        expect(await copiesPerNotice(library, smtp)).toEqual(Array.from({ length: NOTICES }, () => 1));
      });
    });

    describe('when the dispatcher’s attempt timeout aborts a session still waiting for the greeting', () => {
      it('should close the session and count an ordinary failure, to be retried', async () => {
        const email = new EmailChannel({
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
          from: 'notices@library.test',
          timeouts: { greetingMs: 8_000, socketMs: 8_000 },
        });
        const { library, clock } = aLibrary('college', { channels: [email], notifications: { ...RETRIES, attemptTimeoutMs: 3_000, autoDispatch: false } });
        await twentyRemindersDue(library, clock);
        smtp.misbehave('hang', NOTICES);

        expect(await library.notifications.dispatch()).toEqual({ delivered: 0, retrying: NOTICES, dead: 0, unconfirmed: 0 });
        clock.advanceHours(1);
        expect(await library.notifications.dispatch()).toEqual({ delivered: NOTICES, retrying: 0, dead: 0, unconfirmed: 0 });
        expect(await copiesPerNotice(library, smtp)).toEqual(Array.from({ length: NOTICES }, () => 1));
      });
    });
  });
});
