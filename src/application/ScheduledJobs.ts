import { inject, injectable } from 'inversify';
import { reminderDue, reminderHorizon } from '../domain/lending/Reminders.js';
import { cardExpiryHorizon, cardExpiryNoticeDue } from '../domain/members/CardExpiry.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { CirculationService } from './CirculationService.js';
import { DigitalLendingService } from './digital/DigitalLendingService.js';
import { NotificationService } from './notifications/NotificationService.js';
import { OutboxDispatcher } from './notifications/OutboxDispatcher.js';
import type { JobLock } from './ports/JobLock.js';
import { HoldLifecycleService } from './HoldLifecycleService.js';
import { ReservationService } from './ReservationService.js';
import { FineAccrualService } from './rules/FineAccrualService.js';
import { LostItemService } from './rules/LostItemService.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { Housekeeping, type PruneReport } from './Housekeeping.js';

/** What one run of the scheduled jobs found due, step by step. */
export interface JobReport {
  readonly ranAt: string;
  /** Another process (or library on the same store) was running a round: this one did nothing and every count is 0. */
  readonly skipped: boolean;
  /** Holds whose pickup window closed; each copy went to the next member in line, if any. */
  readonly pickupsExpired: number;
  /** Suspended holds whose suspension ended: back in line at their place. */
  readonly holdsResumed: number;
  /** Unfilled holds past their "not needed after": lapsed, their members told. */
  readonly holdsLapsed: number;
  /** E-loans whose due instant came: ended, their licenses offered to the queue. */
  readonly digitalLoansExpired: number;
  /** License offers nobody claimed in time: lapsed, each license offered to the next in line. */
  readonly claimsExpired: number;
  /** Loans whose rule renews automatically, renewed / refused (a rule or a block said no). */
  readonly autoRenewal: { readonly renewed: number; readonly refused: number };
  /** Overdue loans under a rule that accrues daily whose fine grew this round. */
  readonly finesAccrued: number;
  /** Loans past their rule's lost-item age, closed as lost with replacement and processing fee charged. */
  readonly loansDeclaredLost: number;
  /**
   * Reminders this round queued, per kind: the most recent slot of each loan, whether its day is today or a day the
   * jobs missed. One an earlier round already queued is neither counted nor sent again (the outbox keeps each slot once),
   * so a round right after another reports nothing to do.
   */
  readonly reminders: { readonly dueSoon: number; readonly dueToday: number; readonly overdue: number };
  /** Members told this round that their card expires within the policy's `cardExpiryNoticeDays` (once per expiry). */
  readonly cardExpiryNotices: number;
  /** What the prune step deleted: delivered notices, lapsed token revocations and expired idempotency records past their retention. */
  readonly pruned: PruneReport;
}

const NOTHING_DONE = {
  pickupsExpired: 0,
  holdsResumed: 0,
  holdsLapsed: 0,
  digitalLoansExpired: 0,
  claimsExpired: 0,
  autoRenewal: { renewed: 0, refused: 0 },
  finesAccrued: 0,
  loansDeclaredLost: 0,
  reminders: { dueSoon: 0, dueToday: 0, overdue: 0 },
  cardExpiryNotices: 0,
  pruned: { deliveredNotices: 0, revocations: 0, idempotencyRecords: 0 },
} as const;

/**
 * The library's clockwork (`library.runDueJobs()`, `shelfmark jobs`), meant to run daily or more often. One round
 * runs at a time across processes (the job lock); a round finding another one under way skips. Every step is safe to
 * run twice and beside a racing return: it scans for candidates, then re-checks each one inside its own transaction,
 * or queues notices under a key per (loan, due date, slot) that the outbox keeps once.
 *
 * 1. Expire pickup windows and offer each copy to the next member; wake suspended holds whose suspension ended, and
 *    lapse unfilled holds past their "not needed after" (HoldLifecycleService).
 * 2. End e-loans past their due instant and lapse unclaimed license offers; each license goes to the next in line.
 * 3. Renew the loans whose rule renews automatically, before anything counts them late.
 * 4. Accrue the overdue fines of loans whose rule accrues daily (`fineAccrual: DAILY`), up to now.
 * 5. Declare lost the loans past their rule's `lost.ageToLostAfterDaysOverdue` (the city preset: 60 days), with the fees.
 * 6. Send due-date reminders and overdue notices on the policy's schedule, a missed one late (up to the delivered
 *    notices' retention); "overdue" is derived from the due date, so nothing is stored to mark it. Tell members
 *    whose card expires within the policy's `cardExpiryNoticeDays`, once per expiry.
 * 7. Prune what has done its work: delivered notices, lapsed token revocations and expired idempotency records,
 *    each after its retention (Housekeeping).
 */
@injectable()
export class ScheduledJobs {
  static readonly LOCK = 'scheduled-jobs';

  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.JobLock) private readonly lock: JobLock,
    @inject(ReservationService) private readonly reservations: ReservationService,
    @inject(HoldLifecycleService) private readonly holdLifecycle: HoldLifecycleService,
    @inject(DigitalLendingService) private readonly digital: DigitalLendingService,
    @inject(CirculationService) private readonly circulation: CirculationService,
    @inject(LostItemService) private readonly lostItems: LostItemService,
    @inject(FineAccrualService) private readonly fineAccrual: FineAccrualService,
    @inject(NotificationService) private readonly notifications: NotificationService,
    @inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @inject(Housekeeping) private readonly housekeeping: Housekeeping,
  ) {}

  async runDueJobs(): Promise<JobReport> {
    const ranAt = this.clock.now().toISOString();
    const round = await this.lock.runExclusive(ScheduledJobs.LOCK, () => this.round());
    if (round === null) return { ranAt, skipped: true, ...NOTHING_DONE };
    this.dispatcher.kick();
    return { ranAt, skipped: false, ...round };
  }

  private async round(): Promise<Omit<JobReport, 'ranAt' | 'skipped'>> {
    const pickupsExpired = (await this.reservations.expirePickups()).length;
    const holdsResumed = (await this.holdLifecycle.resumeDue()).length;
    const holdsLapsed = (await this.holdLifecycle.lapseUnneeded()).length;
    const digitalLoansExpired = (await this.digital.expireDigitalLoans()).length;
    const claimsExpired = (await this.digital.expireClaims()).length;
    const { renewed, refused } = await this.circulation.autoRenewDue();
    const finesAccrued = (await this.fineAccrual.accrueOverdueFines()).length;
    const loansDeclaredLost = (await this.lostItems.ageOverdueToLost()).length;
    const reminders = await this.sendReminders();
    const cardExpiryNotices = await this.sendCardExpiryNotices();
    const pruned = await this.housekeeping.prune();
    const autoRenewal = { renewed: renewed.length, refused: refused.length };
    return { pickupsExpired, holdsResumed, holdsLapsed, digitalLoansExpired, claimsExpired, autoRenewal, finesAccrued, loansDeclaredLost, reminders, cardExpiryNotices, pruned };
  }

  private async sendReminders(): Promise<JobReport['reminders']> {
    const now = this.clock.now();
    const schedule = this.policy.reminders;
    const stale = this.housekeeping.reminderHorizonDays;
    const counts = { dueSoon: 0, dueToday: 0, overdue: 0 };
    const reminders = await this.uow.sweep(
      async (tx) => (await tx.loans.listDueBefore(reminderHorizon(schedule, now))).filter((candidate) => reminderDue(candidate, schedule, now, stale)),
      async (tx, candidate) => {
        const loan = await tx.loans.get(candidate.id);
        const due = loan && reminderDue(loan, schedule, now, stale);
        // Counted only when this run queued it: a reminder an earlier run already sent is not "due" again.
        return due && (await this.notifications.queue(tx, [due], { skipQueuedBefore: true })) > 0 ? due : null;
      },
    );
    for (const reminder of reminders) {
      if (reminder.name === 'loan.overdue') counts.overdue++;
      else if (reminder.daysLeft === 0) counts.dueToday++;
      else counts.dueSoon++;
    }
    return counts;
  }

  /** Cards expiring within the notice period: scanned, then each member re-read and told once per expiry. */
  private async sendCardExpiryNotices(): Promise<number> {
    const days = this.policy.cardExpiryNoticeDays;
    if (days === null) return 0;
    const now = this.clock.now();
    const told = await this.uow.sweep(
      async (tx) => (await tx.members.cardsExpiringBetween(now, cardExpiryHorizon(days, now))).map((m) => m.id),
      async (tx, memberId) => {
        const member = await tx.members.get(memberId);
        const due = member && cardExpiryNoticeDue(member, days, now);
        return due && (await this.notifications.queue(tx, [due], { skipQueuedBefore: true })) > 0 ? due : null;
      },
    );
    return told.length;
  }
}
