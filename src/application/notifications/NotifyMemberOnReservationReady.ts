import type { Notifier } from '../ports/Notifier.js';
import type { EventOf } from '../../domain/shared/DomainEvent.js';
import type { NoticeObserver } from './NoticeObserver.js';

/** Seed 003: "Raj returns it; Priya gets an email" — the head of the queue hears that a copy waits for them. */
export class NotifyMemberOnReservationReady implements NoticeObserver<'reservation.ready-for-pickup'> {
  readonly listensTo = 'reservation.ready-for-pickup' as const;
  constructor(private readonly notifier: Notifier) {}

  async handle(event: EventOf<'reservation.ready-for-pickup'>): Promise<void> {
    const deadline = event.expiresAt === null ? 'until you collect it' : `until ${event.expiresAt}`;
    await this.notifier.send({
      kind: 'reservation-ready',
      memberId: event.memberId,
      subject: 'Your reserved book is ready for pickup',
      body: `Copy ${event.barcode} of ${event.isbn} is on the hold shelf for you ${deadline}.`,
      idempotencyKey: `reservation-ready:${event.reservationId}:${event.barcode}`,
      data: { isbn: event.isbn, barcode: event.barcode, reservationId: event.reservationId, expiresAt: event.expiresAt },
    });
  }
}
