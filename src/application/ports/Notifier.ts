/** A message to one member. Channels (email, SMS, push) implement Notifier. */
export interface Notice {
  readonly kind:
    | 'reservation-ready'
    | 'pickup-expired'
    | 'due-soon'
    | 'overdue'
    | 'fine-assessed'
    | 'member-blocked'
    | 'license-offered'
    | 'claim-expired'
    | 'digital-loan-ended';
  readonly memberId: string;
  readonly subject: string;
  readonly body: string;
  /** Stable key: the same notice is never delivered twice. */
  readonly idempotencyKey: string;
  readonly data: Readonly<Record<string, string | number | null>>;
}

export interface Notifier {
  send(notice: Notice): Promise<void>;
}
