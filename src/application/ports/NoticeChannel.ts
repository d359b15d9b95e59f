import type { ContactChannel } from '../../domain/members/Member.js';

export type NoticeKind =
  | 'reservation-ready'
  | 'pickup-expired'
  | 'hold-lapsed'
  | 'due-soon'
  | 'due-today'
  | 'overdue'
  | 'fine-assessed'
  | 'member-blocked'
  | 'license-offered'
  | 'claim-expired'
  | 'digital-loan-ended'
  | 'checkout-receipt'
  | 'card-expiring';

/** A message to one member, before it is routed to a channel. */
export interface Notice {
  readonly kind: NoticeKind;
  readonly memberId: string;
  readonly subject: string;
  readonly body: string;
  /** Stable key of the fact the notice reports: the same notice is never queued twice. */
  readonly idempotencyKey: string;
  readonly data: Readonly<Record<string, string | number | null>>;
}

/** One notice on its way to one address over one channel: what an outbox message carries. */
export interface Delivery {
  readonly medium: ContactChannel;
  /** Email address, phone number, or (push) the member id. */
  readonly to: string;
  /** The notice's key plus the medium: channels pass it on (Message-ID, Idempotency-Key) so a retry never lands twice. */
  readonly idempotencyKey: string;
  readonly notice: Notice;
}

/**
 * Where notices leave the library: email, SMS, push, or a recording for tests. A channel serves
 * one medium, or every medium no other channel serves (`'*'`). `send` may be retried with the same
 * delivery; it should abort when `signal` fires (the dispatcher's per-attempt timeout).
 */
export interface NoticeChannel {
  readonly medium: ContactChannel | '*';
  send(delivery: Delivery, signal: AbortSignal): Promise<void>;
}

/** Thrown by a channel when retrying cannot help (bad address, rejected request): the message goes straight to dead letters. */
export class UndeliverableNotice extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UndeliverableNotice';
  }
}

/**
 * Thrown by a channel when the attempt failed after the whole message reached the provider (an SMTP
 * server that took the message and then went silent): it may have been delivered. The dispatcher
 * does not resend it blindly (see OutboxDispatcher).
 */
export class MaybeDelivered extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MaybeDelivered';
  }
}
