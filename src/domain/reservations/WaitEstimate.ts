import { MS_PER_DAY } from '../shared/Clock.js';

export interface WaitEstimateInput {
  readonly now: Date;
  /** When each copy or license that could serve the queue next becomes free (instants in the past mean "now"). */
  readonly freeAt: readonly Date[];
  /** 1-based place among the holds competing for these copies or licenses. */
  readonly position: number;
  /** How long each member ahead keeps the copy or license. */
  readonly loanDays: number;
}

/**
 * Whole days until the member at `position` is offered a copy or license: each member ahead takes the
 * earliest one to free up and keeps it a full loan. Pessimistic on purpose (nobody returns early).
 * Null when nothing could ever serve the queue.
 */
export function estimateWaitDays({ now, freeAt, position, loanDays }: WaitEstimateInput): number | null {
  if (freeAt.length === 0) return null;
  const slots = freeAt.map((t) => Math.max(t.getTime(), now.getTime())).sort((a, b) => a - b);
  for (let place = 1; ; place++) {
    const earliest = slots.shift() ?? now.getTime();
    if (place >= position) return Math.ceil((earliest - now.getTime()) / MS_PER_DAY);
    const freedAgain = earliest + loanDays * MS_PER_DAY;
    const at = slots.findIndex((t) => t > freedAgain);
    slots.splice(at < 0 ? slots.length : at, 0, freedAgain);
  }
}
