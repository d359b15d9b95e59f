import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { UndeliverableNotice, type Delivery, type NoticeChannel } from '../../application/ports/NoticeChannel.js';

export interface EmailChannelOptions {
  /** SMTP settings (host, port, secure, auth, …) or an `smtp://` / `smtps://` URL. */
  readonly smtp: SMTPTransport.Options | string;
  /** The sender, e.g. `"City Library" <notices@library.example>`. */
  readonly from: string;
  /** Domain used in Message-IDs (default `shelfmark.local`). */
  readonly messageIdDomain?: string;
}

/**
 * Email over SMTP through nodemailer. The Message-ID is derived from the delivery's idempotency
 * key, so a retried send of the same notice carries the same Message-ID and mail systems (and the
 * tests) can drop the duplicate. A permanent SMTP rejection (5xx) goes straight to dead letters.
 */
export class EmailChannel implements NoticeChannel {
  readonly medium = 'email' as const;
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly domain: string;

  constructor(private readonly options: EmailChannelOptions) {
    this.transporter = nodemailer.createTransport(options.smtp);
    this.domain = options.messageIdDomain ?? 'shelfmark.local';
  }

  async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    try {
      await this.transporter.sendMail({
        from: this.options.from,
        to: delivery.to,
        subject: delivery.notice.subject,
        text: delivery.notice.body,
        messageId: EmailChannel.messageIdFor(delivery.idempotencyKey, this.domain),
        headers: { 'X-Shelfmark-Notice': delivery.notice.kind, 'X-Shelfmark-Idempotency-Key': delivery.idempotencyKey },
      });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) throw new UndeliverableNotice(`SMTP rejected the message with ${code}`, { cause: error });
      throw error;
    }
  }

  /** Connects and logs in once, so a wrong host, port, TLS setting or password shows at start-up rather than at the first notice. */
  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  /** `<sha256(key)@domain>`: the same notice on the same medium always has the same Message-ID. */
  static messageIdFor(idempotencyKey: string, domain = 'shelfmark.local'): string {
    return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
  }

  close(): void {
    this.transporter.close();
  }
}
