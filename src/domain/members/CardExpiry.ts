import { addDays, MS_PER_DAY } from '../shared/Clock.js';
import type { Member } from './Member.js';

/**
 * A member's card expires within the policy's notice period: a fact the scheduler observes about time passing, not a
 * state change. Its notice is keyed by (member, expiry), so a card is warned about once per expiry, however often the
 * jobs run; renewing the card to a new expiry warns again before that one.
 */
export interface CardExpiring {
  readonly name: 'member.card-expiring';
  readonly occurredAt: string;
  readonly memberId: string;
  readonly expiresAt: string;
  /** Whole days left, rounded up (a card expiring in 30 hours has 2 days left). */
  readonly daysLeft: number;
}

/** The last instant whose cards are warned about at `now`: `daysBefore` days ahead. */
export function cardExpiryHorizon(daysBefore: number, now: Date): Date {
  return addDays(now, daysBefore);
}

/** The notice due for `member`'s card at `now` with a notice period of `daysBefore` days; null: none (never expires, expired, or not yet). */
export function cardExpiryNoticeDue(member: Member, daysBefore: number, now: Date): CardExpiring | null {
  const expiresAt = member.cardExpiresAt;
  if (expiresAt === null || member.isCardExpired(now) || expiresAt.getTime() > cardExpiryHorizon(daysBefore, now).getTime()) return null;
  return {
    name: 'member.card-expiring',
    occurredAt: now.toISOString(),
    memberId: member.id,
    expiresAt: expiresAt.toISOString(),
    daysLeft: Math.ceil((expiresAt.getTime() - now.getTime()) / MS_PER_DAY),
  };
}
