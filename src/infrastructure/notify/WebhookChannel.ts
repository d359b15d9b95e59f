import { createHmac } from 'node:crypto';
import type { ContactChannel } from '../../domain/members/Member.js';
import { UndeliverableNotice, type Delivery, type NoticeChannel } from '../../application/ports/NoticeChannel.js';

export interface WebhookChannelOptions {
  /** Which medium the gateway behind the URL serves: an SMS gateway, a push service. */
  readonly medium: ContactChannel;
  readonly url: string | URL;
  /** Extra headers, e.g. an API key. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Shared with the gateway: each body is signed, `X-Shelfmark-Signature: sha256=<HMAC-SHA256 hex>`, so it can refuse forgeries. */
  readonly signingSecret?: string;
}

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
 * SMS and push through an HTTP gateway: one JSON POST per delivery, with an `Idempotency-Key`
 * header so the gateway can drop a retried duplicate. 2xx is delivered; 408, 429 and 5xx are
 * retried; any other 4xx means the request itself is wrong and goes straight to dead letters.
 */
export class WebhookChannel implements NoticeChannel {
  readonly medium: ContactChannel;
  private readonly url: URL;

  constructor(private readonly options: WebhookChannelOptions) {
    this.medium = options.medium;
    this.url = new URL(options.url);
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
    const signature = this.options.signingSecret === undefined ? {} : { 'x-shelfmark-signature': WebhookChannel.signatureOf(body, this.options.signingSecret) };
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { ...this.options.headers, ...signature, 'content-type': 'application/json', 'idempotency-key': delivery.idempotencyKey },
      body,
      signal,
    });
    await response.arrayBuffer(); // drain, so the connection can be reused
    if (response.ok) return;
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    const why = `${this.medium} gateway answered ${response.status}`;
    throw retryable ? new Error(why) : new UndeliverableNotice(why);
  }

  /** `sha256=<hex>`: what a gateway holding the same secret recomputes over the raw body to check it. */
  static signatureOf(body: string, secret: string): string {
    return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  }
}
