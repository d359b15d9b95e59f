import { createHash, createHmac } from 'node:crypto';
import type { ContactChannel } from '../../domain/members/Member.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import { UndeliverableNotice, type Delivery, type NoticeChannel } from '../../application/ports/NoticeChannel.js';

export interface WebhookChannelOptions {
  /** Which medium the gateway behind the URL serves: an SMS gateway, a push service. */
  readonly medium: ContactChannel;
  readonly url: string | URL;
  /** Extra headers, e.g. an API key. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Shared with the gateway, in the Standard Webhooks form `whsec_<base64 key>`: each request is signed,
   * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, so it can refuse forgeries and replays.
   */
  readonly signingSecret?: string;
  /** Stamps `webhook-timestamp` (default: the system's time). */
  readonly clock?: Clock;
}

const SECRET_PREFIX = 'whsec_';
const systemTime: Clock = { now: () => new Date() };

/** The JSON body POSTed for every delivery. */
export interface WebhookPayload {
  readonly medium: ContactChannel;
  readonly to: string;
  readonly memberId: string;
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  readonly data: Readonly<Record<string, string | number | null>>;
  readonly idempotencyKey: string;
}

/**
 * SMS and push through an HTTP gateway: one JSON POST per delivery, sent the Standard Webhooks way
 * (standardwebhooks.com): `webhook-id` is the same on every retry of one message, so the gateway can
 * drop a repeat; `webhook-timestamp` (Unix seconds) and, with a secret, `webhook-signature` let it
 * refuse forgeries and replays. The `Idempotency-Key` header carries the same key for gateways that
 * read that one. 2xx is delivered; 408, 429 and 5xx are retried; any other 4xx means the request
 * itself is wrong and goes straight to dead letters.
 */
export class WebhookChannel implements NoticeChannel {
  readonly medium: ContactChannel;
  private readonly url: URL;
  private readonly key: Buffer | null;
  private readonly clock: Clock;

  constructor(private readonly options: WebhookChannelOptions) {
    this.medium = options.medium;
    this.url = new URL(options.url);
    this.key = options.signingSecret === undefined ? null : WebhookChannel.keyOf(options.signingSecret);
    this.clock = options.clock ?? systemTime;
  }

  async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
    const payload: WebhookPayload = {
      medium: delivery.medium,
      to: delivery.to,
      memberId: delivery.notice.memberId,
      kind: delivery.notice.kind,
      subject: delivery.notice.subject,
      body: delivery.notice.body,
      data: delivery.notice.data,
      idempotencyKey: delivery.idempotencyKey,
    };
    const body = JSON.stringify(payload);
    const id = WebhookChannel.webhookIdFor(delivery.idempotencyKey);
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1_000));
    const signature = this.key === null ? {} : { 'webhook-signature': WebhookChannel.sign(id, timestamp, body, this.key) };
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        ...this.options.headers,
        ...signature,
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'content-type': 'application/json',
        'idempotency-key': delivery.idempotencyKey,
      },
      body,
      signal,
    });
    await response.arrayBuffer(); // drain, so the connection can be reused
    if (response.ok) return;
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    const why = `${this.medium} gateway answered ${response.status}`;
    throw retryable ? new Error(why) : new UndeliverableNotice(why);
  }

  /** `msg_<hex>`, derived from the delivery's idempotency key: the same message always has the same `webhook-id`. */
  static webhookIdFor(idempotencyKey: string): string {
    return `msg_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
  }

  /** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the key of a `whsec_` secret: what the gateway recomputes to check a request. */
  static signatureOf(id: string, timestamp: string, body: string, secret: string): string {
    return WebhookChannel.sign(id, timestamp, body, WebhookChannel.keyOf(secret));
  }

  /** The key bytes of a `whsec_<base64>` secret; anything else is refused (INVALID_INPUT). */
  static keyOf(secret: string): Buffer {
    const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length < 24 || key.length > 64)
      throw new ValidationError('a webhook signing secret is "whsec_" and 24 to 64 random bytes in base64', { field: 'signingSecret' });
    return key;
  }

  private static sign(id: string, timestamp: string, body: string, key: Buffer): string {
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  }
}
