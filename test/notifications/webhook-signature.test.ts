import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookChannel } from '../../src/infrastructure/notify/WebhookChannel.js';
import { shelve } from '../fixtures/catalog.js';
import { TestWebhookServer } from '../fixtures/channels.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const SECRET = 'gateway-shared-secret';

describe(WebhookChannel, () => {
  const gateway = new TestWebhookServer();
  beforeAll(async () => {
    await gateway.start();
  });
  afterAll(async () => {
    await gateway.stop();
  });

  describe('.send', () => {
    describe('when a signing secret is configured', () => {
      it('should sign the body it sends with HMAC-SHA256, so the gateway can recompute it', async () => {
        const { library } = aLibrary('college', { channels: [new WebhookChannel({ medium: 'sms', url: gateway.url('/sms'), signingSecret: SECRET })] });
        const [barcode] = await shelve(library, 'cormen', 1);
        await enrol(library, 'raj');
        await library.members.register({ id: 'M-KIM', name: 'Kim', contact: { phone: '+15550100' } });
        await library.circulation.checkOut({ memberId: MemberFixtures.raj.id, barcode: barcode! });
        await library.reservations.reserve({ memberId: 'M-KIM', isbn: '9780262033848' });
        await library.circulation.returnCopy({ barcode: barcode! });
        await library.idle();

        const [request] = gateway.requests;
        const expected = `sha256=${createHmac('sha256', SECRET).update(JSON.stringify(request?.body)).digest('hex')}`;
        expect(request?.headers['x-shelfmark-signature']).toBe(expected);
        expect(WebhookChannel.signatureOf(JSON.stringify(request?.body), 'another secret')).not.toBe(expected);
      });
    });
  });
});
