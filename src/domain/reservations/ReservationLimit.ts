import { ReservationError } from './ReservationError.js';

/**
 * A member may hold at most `limit` active reservations (waiting or ready), print and digital together, across every
 * title's queue. The one home of that rule: placing a print hold and joining a digital queue both ask it.
 */
export function assertUnderReservationLimit(memberId: string, active: number, limit: number): void {
  if (active < limit) return;
  throw new ReservationError('RESERVATION_LIMIT_REACHED', `member ${memberId} has ${active} active reservations`, { memberId, limit });
}
