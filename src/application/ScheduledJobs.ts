import { inject, injectable } from 'inversify';
import { reminderDue, reminderHorizon, startOfUtcDay } from '../domain/lending/Reminders.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import { addDays, type Clock } from '../domain/shared/Clock.js';
import { CirculationService } from './CirculationService.js';
import { NotificationService } from './notifications/NotificationService.js';
import { OutboxDispatcher } from './notifications/OutboxDispatcher.js';
import { ReservationService } from './ReservationService.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';

/** What one run of the scheduled jobs found due. */
export interface JobReport {
  readonly ranAt: string;
  /** Holds whose pickup window closed; each copy went to the next member in line, if any. */
  readonly pickupsExpired: number;
  /** Loans past the policy's lost threshold, closed as lost with the replacement fee charged. */
  readonly loansDeclaredLost: number;
  /** Reminders due today, per kind. One an earlier run already queued is counted but not sent again. */
  readonly reminders: { readonly dueSoon: number; readonly dueToday: number; readonly overdue: number };
}

/**
 * The library's clockwork (`library.runDueJobs()`, `shelfmark jobs`), meant to run daily or more
 * often, and safe to run twice: every step either re-checks its condition inside its own
 * transaction or queues notices under a key per (loan, due date, slot) that the outbox keeps once.
 *
 * 1. Expire pickup windows and offer each copy to the next member (seed 000, seed 001).
 * 2. Declare long-overdue loans lost with the replacement fee (seed 001: 60 days).
 * 3. Send due-date reminders and overdue notices on the policy's schedule (seed 001, seed 003);
 *    "overdue" is derived from the due date, so nothing is stored to mark it.
 */
@injectable()
export class ScheduledJobs {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(ReservationService) private readonly reservations: ReservationService,
    @inject(CirculationService) private readonly circulation: CirculationService,
    @inject(NotificationService) private readonly notifications: NotificationService,
    @inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
  ) {}

  async runDueJobs(): Promise<JobReport> {
    const now = this.clock.now();
    const pickupsExpired = (await this.reservations.expirePickups()).length;
    const loansDeclaredLost = await this.declareLongOverdueLost(now);
    const reminders = await this.sendReminders(now);
    this.dispatcher.kick();
    return { ranAt: now.toISOString(), pickupsExpired, loansDeclaredLost, reminders };
  }

  private async declareLongOverdueLost(now: Date): Promise<number> {
    const threshold = this.policy.lostAfterDaysOverdue;
    if (threshold === null) return 0;
    // due on or before the calendar day `threshold` days ago
    const cutoff = addDays(startOfUtcDay(now), 1 - threshold);
    const candidates = await this.uow.run((tx) => tx.loans.listDueBefore(cutoff));
    let declared = 0;
    for (const loan of candidates) {
      if (await this.circulation.ageToLost({ loanId: loan.id, afterDaysOverdue: threshold })) declared++;
    }
    return declared;
  }

  private async sendReminders(now: Date): Promise<JobReport['reminders']> {
    const schedule = this.policy.reminders;
    const counts = { dueSoon: 0, dueToday: 0, overdue: 0 };
    const candidates = await this.uow.run((tx) => tx.loans.listDueBefore(reminderHorizon(schedule, now)));
    for (const candidate of candidates) {
      if (!reminderDue(candidate, schedule, now)) continue;
      const reminder = await this.uow.run(async (tx) => {
        const loan = await tx.loans.get(candidate.id);
        const due = loan && reminderDue(loan, schedule, now);
        if (due) await this.notifications.queue(tx, [due]);
        return due;
      });
      if (!reminder) continue;
      if (reminder.name === 'loan.overdue') counts.overdue++;
      else if (reminder.daysLeft === 0) counts.dueToday++;
      else counts.dueSoon++;
    }
    return counts;
  }
}
