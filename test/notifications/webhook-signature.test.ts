import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { WebhookChannel } from '../../src/infrastructure/notify/WebhookChannel.js';
import { shelve } from '../fixtures/catalog.js';
import { TestWebhookServer } from '../fixtures/channels.js';
import { aLibrary, MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

/** 32 fixed bytes, base64, in the Standard Webhooks form. */
const KEY = Buffer.alloc(32, 7);
const SECRET = `whsec_${KEY.toString('base64')}`;
const FAST_RETRIES = { baseDelayMs: 1_000, maxDelayMs: 1_000 } as const;

/** Raj returns the only Cormen; Kim (SMS only) waits for it, so the return queues one SMS. */
async function kimIsNotified(library: Library): Promise<void> {
  const [barcode] = await shelve(library, 'cormen', 1);
  await enrol(library, 'raj');
  await library.members.register({ id: 'M-KIM', name: 'Kim', contact: { phone: '+15550100' } });
  await library.circulation.checkOut({ memberId: MemberFixtures.raj.id, barcode: barcode! });
  await library.reservations.reserve({ memberId: 'M-KIM', isbn: '9780262033848' });
  await library.circulation.returnCopy({ barcode: barcode! });
}

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

  describe('.send', () => {
    describe('when a whsec_ signing secret is configured', () => {
      it('should sign id.timestamp.body with HMAC-SHA256 under the secret’s key, the Standard Webhooks way', async () => {
        const clock = new FixedClock(MONDAY_MORNING);
        const channel = new WebhookChannel({ medium: 'sms', url: gateway.url('/sms'), signingSecret: SECRET, clock });
        const { library: signed } = aLibrary('college', { channels: [channel], clock });
        await kimIsNotified(signed);
        await signed.idle();

        const [request, ...more] = gateway.requests;
        expect(more).toEqual([]);
        const id = String(request?.headers['webhook-id']);
        const timestamp = String(request?.headers['webhook-timestamp']);
        const body = JSON.stringify(request?.body);
        expect(timestamp).toBe(String(Math.floor(Date.parse(MONDAY_MORNING) / 1_000)));
        expect(id).toBe(WebhookChannel.webhookIdFor((await signed.notifications.list())[0]!.idempotencyKey));
        const expected = `v1,${createHmac('sha256', KEY).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
        expect(request?.headers['webhook-signature']).toBe(expected);
        expect(WebhookChannel.signatureOf(id, timestamp, body, `whsec_${Buffer.alloc(32, 8).toString('base64')}`)).not.toBe(expected);
      });
    });

    describe('when the gateway fails the first attempt', () => {
      it('should send the retry with the same webhook-id, a fresh timestamp and a signature over both', async () => {
        const clock = new FixedClock(MONDAY_MORNING);
        const channel = new WebhookChannel({ medium: 'sms', url: gateway.url('/sms'), signingSecret: SECRET, clock });
        const { library: signed } = aLibrary('college', { channels: [channel], clock, notifications: FAST_RETRIES });
        gateway.answer(1, 503);
        await kimIsNotified(signed);
        await signed.idle();
        clock.advanceHours(1);
        await signed.idle();

        expect(gateway.requests).toHaveLength(1);
        const [request] = gateway.requests;
        const [message] = await signed.notifications.list();
        expect(message).toMatchObject({ status: 'DELIVERED', attempts: 2 });
        expect(request?.headers['webhook-id']).toBe(WebhookChannel.webhookIdFor(message!.idempotencyKey));
        expect(request?.headers['webhook-timestamp']).toBe(String(Math.floor(Date.parse(MONDAY_MORNING) / 1_000) + 3_600));
        const signedContent = `${String(request?.headers['webhook-id'])}.${String(request?.headers['webhook-timestamp'])}.${JSON.stringify(request?.body)}`;
        expect(request?.headers['webhook-signature']).toBe(`v1,${createHmac('sha256', KEY).update(signedContent).digest('base64')}`);
      });
    });
  });

  describe('.keyOf', () => {
    it.each([
      ['a secret without the whsec_ prefix', KEY.toString('base64')],
      ['a whsec_ secret that is not base64', 'whsec_not*base64!'],
      ['a whsec_ secret shorter than 24 bytes', `whsec_${Buffer.alloc(16, 1).toString('base64')}`],
    ])('should refuse %s with INVALID_INPUT', (_what, secret) => {
      expect(() => WebhookChannel.keyOf(secret)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    });

    it('should decode the key of a whsec_ secret', () => {
      expect(WebhookChannel.keyOf(SECRET)).toEqual(KEY);
    });
  });
});
