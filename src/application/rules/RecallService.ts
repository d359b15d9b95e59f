import { inject, injectable } from 'inversify';
import { RecordId } from '../../domain/catalog/RecordId.js';
import { LendingError } from '../../domain/lending/LendingError.js';
import type { Loan } from '../../domain/lending/Loan.js';
import { LoanTerms } from '../../domain/policy/LoanTerms.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { activeReservationOf, requireMember } from '../lookups.js';
import { ReservationService } from '../ReservationService.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { loanView, type LoanView, type ReservationView } from '../views.js';
import { RuleBook } from './RuleBook.js';

export interface RecallReceipt {
  readonly reservation: ReservationView;
  /** The loan whose due date was shortened; null when a copy was on the shelf after all and went to the hold shelf. */
  readonly recalled: LoanView | null;
}

/**
 * A member who needs a title whose copies are all out recalls one: they join the queue (if not already in it)
 * and the loan due last is shortened to the recall period, never below its guaranteed minimum.
 */
@injectable()
export class RecallService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(ReservationService) private readonly reservations: ReservationService,
  ) {}

  async recall(command: { readonly memberId: string; readonly isbn: string }): Promise<RecallReceipt> {
    const memberId = requireId(command.memberId, 'memberId');
    const isbn = RecordId.key(command.isbn);
    const existing = await this.uow.run(async (tx) => {
      await requireMember(tx, memberId);
      return activeReservationOf(tx, memberId, isbn);
    });
    const reservation = existing === null ? await this.reservations.reserve({ memberId, isbn }) : await this.reservations.get(existing.id);
    if (reservation.status === 'READY_FOR_PICKUP') return { reservation, recalled: null };
    const recalled = await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const candidates: { loan: Loan; dueAt: Date }[] = [];
      for (const item of await tx.items.listByIsbn(isbn)) {
        const loan = item.status === 'LOANED' ? await tx.loans.openForCopy(item.barcode) : null;
        if (!loan || loan.isRecalled || loan.isClaimedReturned || loan.memberId === memberId) continue;
        const rule = await this.rules.ruleFor(tx, await requireMember(tx, loan.memberId), item);
        const dueAt = LoanTerms.recalledDueDate(rule, await this.rules.calendarOf(item.branch), loan, now);
        if (dueAt !== null) candidates.push({ loan, dueAt });
      }
      const chosen = candidates.sort((a, b) => b.loan.dueAt.getTime() - a.loan.dueAt.getTime())[0];
      if (!chosen) throw new LendingError('NOTHING_TO_RECALL', `no loan of ${isbn} can be recalled`, { isbn, memberId });
      chosen.loan.recall(chosen.dueAt, memberId, now);
      await tx.loans.save(chosen.loan);
      return loanView(chosen.loan);
    });
    return { reservation, recalled };
  }
}
