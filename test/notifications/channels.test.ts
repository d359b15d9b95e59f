import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelFactory } from '../../src/application/notifications/ChannelFactory.js';
import { Member, type MemberContact } from '../../src/domain/members/Member.js';
import { EmailChannel } from '../../src/infrastructure/notify/EmailChannel.js';
import { RecordingChannel } from '../../src/infrastructure/notify/RecordingChannel.js';
import { WebhookChannel, type WebhookPayload } from '../../src/infrastructure/notify/WebhookChannel.js';
import type { Library } from '../../src/Library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { TestSmtpServer, TestWebhookServer } from '../fixtures/channels.js';
import { aLibrary, MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const FAST_RETRIES = { baseDelayMs: 1_000, maxDelayMs: 1_000, attemptTimeoutMs: 5_000 } as const;

/** Raj has the only copy; `memberId` (registered with `contact`) waits for it; the return queues their notice. */
async function returnToWaitingMember(library: Library, contact: MemberContact, memberId = 'M-KIM'): Promise<string> {
  const [barcode] = await shelve(library, 'cormen', 1);
  await enrol(library, 'raj');
  await library.members.register({ id: memberId, name: 'Kim', contact });
  await library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });
  await library.reservations.reserve({ memberId, isbn: CORMEN });
  await library.circulation.returnCopy({ barcode: barcode! });
  return barcode!;
}

describe('Notice channels', () => {
  describe(EmailChannel, () => {
    const smtp = new TestSmtpServer();
    beforeAll(async () => {
      await smtp.start();
    });
    afterAll(async () => {
      await smtp.stop();
    });
    beforeEach(() => {
      smtp.mails.length = 0;
    });
    const email = (): EmailChannel =>
      new EmailChannel({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }, from: '"City Library" <notices@library.test>' });

    it('should mail the notice over SMTP to the member’s address, with a Message-ID derived from its key', async () => {
      const { library } = aLibrary('college', { channels: [email()] });
      await returnToWaitingMember(library, { email: 'kim@example.test' });
      await library.idle();

      const [mail, ...more] = smtp.mails;
      expect(more).toEqual([]);
      expect(mail).toMatchObject({ from: 'notices@library.test', to: ['kim@example.test'] });
      expect(mail?.headers.get('subject')).toBe('"Introduction to Algorithms" is ready for pickup');
      expect(mail?.headers.get('x-shelfmark-notice')).toBe('reservation-ready');
      const [message] = await library.notifications.list();
      expect(mail?.headers.get('message-id')).toBe(EmailChannel.messageIdFor(message!.idempotencyKey));
      expect(mail?.body).toContain('is on the hold shelf for you until 2026-09-08T09:00:00.000Z');
      expect(message).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    });

    it('should retry a temporary SMTP refusal (4xx) and deliver one mail', async () => {
      const { library, clock } = aLibrary('college', { channels: [email()], notifications: FAST_RETRIES });
      smtp.reject(2, 451);
      await returnToWaitingMember(library, { email: 'kim@example.test' });
      await library.idle();
      for (let round = 0; round < 3; round++) {
        clock.advanceHours(1);
        await library.idle();
      }

      expect(smtp.mails).toHaveLength(1);
      expect((await library.notifications.list())[0]).toMatchObject({ status: 'DELIVERED', attempts: 3 });
    });

    it('should dead-letter a permanent SMTP refusal (5xx) without retrying', async () => {
      const { library, clock } = aLibrary('college', { channels: [email()], notifications: FAST_RETRIES });
      smtp.reject(1, 550);
      await returnToWaitingMember(library, { email: 'kim@example.test' });
      await library.idle();
      clock.advanceHours(1);
      await library.idle();

      expect(smtp.mails).toEqual([]);
      expect((await library.notifications.deadLetters())[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^UndeliverableNotice: SMTP rejected the message with 550/) as unknown });
    });
  });

  describe(WebhookChannel, () => {
    const gateway = new TestWebhookServer();
    beforeAll(async () => {
      await gateway.start();
    });
    afterAll(async () => {
      await gateway.stop();
    });
    beforeEach(() => {
      gateway.requests.length = 0;
    });
    const sms = (): WebhookChannel => new WebhookChannel({ medium: 'sms', url: gateway.url('/sms'), headers: { authorization: 'Bearer test' } });
    const push = (): WebhookChannel => new WebhookChannel({ medium: 'push', url: gateway.url('/push') });

    it('should POST SMS and push notices as JSON with an Idempotency-Key header', async () => {
      const { library } = aLibrary('college', { channels: [sms(), push()] });
      await returnToWaitingMember(library, { phone: '+15550100', channels: ['sms', 'push'] });
      await library.idle();

      const byPath = Object.fromEntries(gateway.requests.map((r) => [r.path, r]));
      expect(Object.keys(byPath).sort()).toEqual(['/push', '/sms']);
      const smsBody = byPath['/sms']?.body as WebhookPayload;
      expect(smsBody).toMatchObject({ medium: 'sms', to: '+15550100', memberId: 'M-KIM', kind: 'reservation-ready', data: { isbn: CORMEN } });
      expect(byPath['/sms']?.headers['idempotency-key']).toBe(smsBody.idempotencyKey);
      expect(byPath['/sms']?.headers.authorization).toBe('Bearer test');
      expect(byPath['/push']?.body).toMatchObject({ medium: 'push', to: 'M-KIM' });
    });

    it('should retry a 503 and deliver once with the same key', async () => {
      const { library, clock } = aLibrary('college', { channels: [sms()], notifications: FAST_RETRIES });
      gateway.answer(2, 503);
      await returnToWaitingMember(library, { phone: '+15550100' });
      await library.idle();
      for (let round = 0; round < 3; round++) {
        clock.advanceHours(1);
        await library.idle();
      }

      expect(gateway.requests).toHaveLength(1);
      expect((await library.notifications.list())[0]).toMatchObject({ status: 'DELIVERED', attempts: 3 });
    });

    it('should dead-letter a 400 at once', async () => {
      const { library } = aLibrary('college', { channels: [sms()], notifications: FAST_RETRIES });
      gateway.answer(1, 400);
      await returnToWaitingMember(library, { phone: '+15550100' });
      await library.idle();

      expect((await library.notifications.deadLetters())[0]).toMatchObject({ attempts: 1, lastError: 'UndeliverableNotice: sms gateway answered 400' });
    });
  });

  describe(ChannelFactory, () => {
    const member = (contact: MemberContact): Member => Member.register({ id: 'M-KIM', name: 'Kim', contact }, new Date(MONDAY_MORNING));
    const factory = (...channels: RecordingChannel[]): ChannelFactory => new ChannelFactory(channels);

    describe('.routesFor', () => {
      it('should follow the member’s chosen channels, in order', () => {
        const kim = member({ email: 'kim@example.test', phone: '+15550100', channels: ['sms', 'email', 'push'] });
        expect(factory().routesFor(kim)).toEqual([
          { medium: 'sms', to: '+15550100' },
          { medium: 'email', to: 'kim@example.test' },
          { medium: 'push', to: 'M-KIM' },
        ]);
      });

      it('should choose email, else SMS, else push when the member chose nothing', () => {
        expect(factory().routesFor(member({ email: 'kim@example.test', phone: '+15550100' }))).toEqual([{ medium: 'email', to: 'kim@example.test' }]);
        expect(factory().routesFor(member({ phone: '+15550100' }))).toEqual([{ medium: 'sms', to: '+15550100' }]);
        expect(factory().routesFor(member({}))).toEqual([{ medium: 'push', to: 'M-KIM' }]);
      });
    });

    describe('.channelFor', () => {
      it('should prefer the channel of the medium, then a catch-all, else none', () => {
        const email = new RecordingChannel({ medium: 'email' });
        const all = new RecordingChannel();
        expect(factory(all, email).channelFor('email')).toBe(email);
        expect(factory(all, email).channelFor('sms')).toBe(all);
        expect(factory(email).channelFor('sms')).toBeNull();
      });
    });
  });

  describe('Member contact channels', () => {
    const register = (contact: unknown) => () => Member.register({ id: 'M-KIM', name: 'Kim', contact: contact as MemberContact }, new Date(MONDAY_MORNING));

    it('should refuse a channel the member has no address for', () => {
      expect(register({ channels: ['email'] })).toThrow('the email channel needs an email address');
      expect(register({ email: 'kim@example.test', channels: ['sms'] })).toThrow('the sms channel needs a phone number');
    });

    it('should refuse unknown and repeated channels', () => {
      expect(register({ channels: ['fax'] })).toThrow('unknown contact channel fax');
      expect(register({ channels: ['push', 'push'] })).toThrow('channels must not repeat');
      expect(register({ channels: 'push' })).toThrow('channels must be a list');
    });

    it('should keep the chosen channels through persistence', async () => {
      const { library } = aLibrary();
      await library.members.register({ id: 'M-KIM', name: 'Kim', contact: { phone: '+15550100', channels: ['sms', 'push'] } });
      await enrol(library, 'raj');
      await shelve(library, 'cormen', 1);
      await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      await library.reservations.reserve({ memberId: 'M-KIM', isbn: CORMEN });
      await library.circulation.returnCopy({ barcode: 'cormen-1' });
      expect((await library.notifications.list()).map((m) => m.payload['medium'])).toEqual(['sms', 'push']);
    });
  });
});
