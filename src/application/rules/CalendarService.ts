import { inject, injectable } from 'inversify';
import type { BranchCalendar, Closure } from '../../domain/calendar/BranchCalendar.js';
import { DUE_DATE_ADJUSTMENTS } from '../../domain/calendar/DueDateAdjustment.js';
import { LocalDate } from '../../domain/calendar/LocalDate.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireText } from '../../domain/shared/guards.js';
import type { CalendarRepository } from '../ports/CalendarRepository.js';
import { requireCopy } from '../lookups.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { TOKENS } from '../tokens.js';
import { RULE_TOKENS } from './ruleTokens.js';

export interface EmergencyClosureCommand {
  readonly branch: string;
  /** First and last closed day, inclusive, `YYYY-MM-DD` in the branch's time zone. */
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface ShiftedDate {
  readonly id: string;
  readonly barcode: string;
  readonly memberId: string;
  readonly original: string;
  readonly shiftedTo: string;
}

export interface EmergencyClosureReport {
  readonly closure: Closure;
  readonly shiftedLoans: readonly ShiftedDate[];
  readonly shiftedHolds: readonly ShiftedDate[];
}

/** Branch calendars at run time: read one, or close a branch for an emergency and move the dates that fall inside. */
@injectable()
export class CalendarService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(RULE_TOKENS.Calendars) private readonly calendars: CalendarRepository,
  ) {}

  calendar(branch: string): Promise<BranchCalendar> {
    return this.calendars.forBranch(requireText(branch, 'branch', 100));
  }

  /**
   * Closes the branch from `from` to `to`. Loans due inside the closure move to the same time on the next open
   * day, and pickup deadlines inside it to the end of the next open day; each keeps its original date.
   */
  async declareEmergencyClosure(command: EmergencyClosureCommand): Promise<EmergencyClosureReport> {
    const closure: Closure = { from: LocalDate.parse(command.from).toString(), to: LocalDate.parse(command.to).toString(), kind: 'EMERGENCY', reason: requireText(command.reason, 'reason') };
    const calendar = (await this.calendar(command.branch)).withClosure(closure);
    await this.calendars.save(calendar);
    const start = calendar.zone.startOf(LocalDate.parse(closure.from));
    const end = calendar.zone.startOf(LocalDate.parse(closure.to).plusDays(1));
    const inside = (instant: Date): boolean => instant.getTime() >= start.getTime() && instant.getTime() < end.getTime();
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const shiftedLoans: ShiftedDate[] = [];
      for (const loan of await tx.loans.listDueBefore(end)) {
        if (!inside(loan.dueAt) || (await requireCopy(tx, loan.barcode)).branch !== calendar.branch) continue;
        const original = loan.dueAt.toISOString();
        loan.shiftDueDate(DUE_DATE_ADJUSTMENTS.NEXT_OPEN_DAY.adjust(loan.dueAt, calendar, now).dueAt, closure.reason, now);
        await tx.loans.save(loan);
        shiftedLoans.push({ id: loan.id, barcode: loan.barcode, memberId: loan.memberId, original, shiftedTo: loan.dueAt.toISOString() });
      }
      const shiftedHolds: ShiftedDate[] = [];
      for (const item of await tx.items.listExpiredHolds(end)) {
        const hold = item.hold;
        if (hold?.expiresAt == null || item.branch !== calendar.branch || !inside(new Date(hold.expiresAt))) continue;
        const expiresAt = calendar.endOfDay(calendar.nextOpenDay(calendar.dateOf(new Date(hold.expiresAt))));
        item.extendHold(expiresAt);
        const queue = await tx.reservations.forTitle(item.isbn);
        queue.extendPickup(hold.reservationId, expiresAt, closure.reason, now);
        await tx.items.save(item);
        await tx.reservations.save(queue);
        shiftedHolds.push({ id: hold.reservationId, barcode: item.barcode, memberId: hold.memberId, original: hold.expiresAt, shiftedTo: expiresAt.toISOString() });
      }
      return { closure, shiftedLoans, shiftedHolds };
    });
  }
}
