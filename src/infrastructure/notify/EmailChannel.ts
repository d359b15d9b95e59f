import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import SMTPConnection, { type SMTPConnectionAuth, type SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection/index.js';
import { MaybeDelivered, UndeliverableNotice, type Delivery, type NoticeChannel } from '../../application/ports/NoticeChannel.js';

/** How long each stage of one SMTP session may take. Each is shorter than the dispatcher's attempt timeout (default 10 s). */
export interface SmtpTimeouts {
  /** Opening the TCP (or TLS) connection (default 3 s). */
  readonly connectionMs?: number;
  /** Waiting for the server's 220 greeting once connected (default 3 s). */
  readonly greetingMs?: number;
  /** Silence from the server at any later point, the reply after the message included (default 5 s). */
  readonly socketMs?: number;
}

export const DEFAULT_SMTP_TIMEOUTS: Required<SmtpTimeouts> = { connectionMs: 3_000, greetingMs: 3_000, socketMs: 5_000 };

/** Where and how to reach the SMTP server; `auth` logs in before each send. */
export type SmtpSettings = SMTPConnectionOptions & { readonly auth?: SMTPConnectionAuth };

export interface EmailChannelOptions {
  /** SMTP settings (host, port, secure, auth, …) or an `smtp://` / `smtps://` URL. */
  readonly smtp: SmtpSettings | string;
  /** The sender, e.g. `"City Library" <notices@library.example>`. */
  readonly from: string;
  /** Domain used in Message-IDs (default `shelfmark.local`). */
  readonly messageIdDomain?: string;
  readonly timeouts?: SmtpTimeouts;
}

/**
 * Email over SMTP, one session per notice. The Message-ID is derived from the delivery's idempotency
 * key, so a retried send of the same notice carries the same Message-ID and mail systems (and the
 * tests) can drop the duplicate. A permanent SMTP rejection (5xx) goes straight to dead letters.
 *
 * Each stage has its own timeout (`timeouts`), all below the dispatcher's attempt timeout, so a slow
 * or hanging server fails the attempt here, where the channel still knows how far it got: a failure
 * before the whole message was handed to the server is an ordinary failure (retried), one after it
 * is {@link MaybeDelivered} — the server may have accepted the message without saying so, and a
 * resend would likely arrive twice. The dispatcher's abort closes the session the same way.
 */
export class EmailChannel implements NoticeChannel {
  readonly medium = 'email' as const;
  private readonly smtp: SmtpSettings;
  private readonly domain: string;
  private readonly sessions = new Set<SMTPConnection>();

  constructor(private readonly options: EmailChannelOptions) {
    const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
    const base: SmtpSettings = typeof options.smtp === 'string' ? (parseConnectionUrl(options.smtp) as SmtpSettings) : options.smtp;
    this.smtp = { connectionTimeout: timeouts.connectionMs, greetingTimeout: timeouts.greetingMs, socketTimeout: timeouts.socketMs, ...base };
    this.domain = options.messageIdDomain ?? 'shelfmark.local';
  }

  async send(delivery: Delivery, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const raw = await new MailComposer({
      from: this.options.from,
      to: delivery.to,
      subject: delivery.notice.subject,
      text: delivery.notice.body,
      messageId: EmailChannel.messageIdFor(delivery.idempotencyKey, this.domain),
      headers: { 'X-Shelfmark-Notice': delivery.notice.kind, 'X-Shelfmark-Idempotency-Key': delivery.idempotencyKey },
    })
      .compile()
      .build();
    const progress = { handedOver: false };
    const message = Readable.from([raw]).once('end', () => {
      progress.handedOver = true;
    });
    try {
      await this.session(signal, (connection) =>
        untilDone((done) => {
          connection.send({ from: addressOf(this.options.from), to: [delivery.to] }, message, (error) => {
            done(error);
          });
        }),
      );
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) throw new UndeliverableNotice(`SMTP rejected the message with ${code}`, { cause: error });
      if (progress.handedOver && typeof code !== 'number') throw new MaybeDelivered(`the SMTP server took the whole message but never answered: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  /** Connects and logs in once, so a wrong host, port, TLS setting or password shows at start-up rather than at the first notice. */
  async verify(): Promise<void> {
    await this.session(new AbortController().signal, () => Promise.resolve());
  }

  /** `<sha256(key)@domain>`: the same notice on the same medium always has the same Message-ID. */
  static messageIdFor(idempotencyKey: string, domain = 'shelfmark.local'): string {
    return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
  }

  /** Ends every session still open. */
  close(): void {
    for (const connection of this.sessions) connection.close();
    this.sessions.clear();
  }

  /** One SMTP session: connect, log in when configured, `work`, QUIT. An abort closes the connection, failing whatever is under way. */
  private async session(signal: AbortSignal, work: (connection: SMTPConnection) => Promise<void>): Promise<void> {
    const connection = new SMTPConnection(this.smtp);
    this.sessions.add(connection);
    const closed = new Promise<never>((_resolve, reject) => {
      connection.on('error', reject);
      connection.once('end', () => {
        reject(new Error('the SMTP server closed the connection'));
      });
    });
    closed.catch(() => undefined);
    const abort = (): void => {
      connection.close();
    };
    signal.addEventListener('abort', abort, { once: true });
    try {
      await Promise.race([
        closed,
        untilDone((done) => {
          connection.connect(done);
        }),
      ]);
      const auth = this.smtp.auth;
      if (auth)
        await Promise.race([
          closed,
          untilDone((done) => {
            connection.login(auth, (error) => {
              done(error);
            });
          }),
        ]);
      await Promise.race([closed, work(connection)]);
      connection.quit();
    } finally {
      signal.removeEventListener('abort', abort);
      this.sessions.delete(connection);
      if (!signal.aborted)
        setImmediate(() => {
          connection.close();
        });
    }
  }
}

/** A node-style call as a promise. */
function untilDone(start: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    start((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}

/** The bare address of `"Name" <address>` (the SMTP envelope carries no display name). */
function addressOf(mailbox: string): string {
  return /<([^>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}
