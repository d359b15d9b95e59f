import { inject, injectable } from 'inversify';
import { IllegalTransitionError } from '../../domain/lending/LendingError.js';
import type { CirculationPolicy } from '../../domain/policy/CirculationPolicy.js';
import { daysLate, type Clock } from '../../domain/shared/Clock.js';
import type { ClaimResolution, FineReason } from '../../domain/shared/DomainEvent.js';
import { requireId } from '../../domain/shared/guards.js';
import type { Money } from '../../domain/shared/Money.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import { HoldAllocator } from '../HoldAllocator.js';
import { requireBranch, requireCopy, requireMember } from '../lookups.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import { RuleBook } from '../rules/RuleBook.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { loanView, type ReturnReceipt } from '../views.js';
import { assessCharges, notOnLoan } from './charges.js';

export type CopyCondition = 'GOOD' | 'DAMAGED';

export interface ReturnCommand {
  readonly barcode: string;
  readonly condition?: CopyCondition;
  /** How a claimed-returned loan was settled; a claimed loan returned without one counts as returned by the member. */
  readonly claimResolution?: ClaimResolution;
  /** The branch whose desk takes the copy back (default: the copy's own); a hold for another pickup branch sends it there. */
  readonly branch?: string;
}

/** Taking a copy back: the loan closes, lateness and damage are charged to the ledger, the copy goes to the queue. */
@injectable()
export class ReturnService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
    @inject(RuleBook) private readonly rules: RuleBook,
  ) {}

  /** Closes the loan, prices lateness with the member's fine strategy, then offers the copy to the queue. */
  async returnCopy(command: ReturnCommand): Promise<ReturnReceipt> {
    const barcode = requireId(command.barcode, 'barcode');
    const condition = command.condition ?? 'GOOD';
    if (!(['GOOD', 'DAMAGED'] as unknown[]).includes(condition)) throw new ValidationError('condition must be GOOD or DAMAGED', { field: 'condition' });
    const at = command.branch === undefined ? undefined : requireId(command.branch, 'branch');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      if (at !== undefined) await requireBranch(tx, at);
      // Everything the return touches, found from the barcode side by side (one round trip on a pipelining
      // database). The title's queue is locked here, before any write: queue before copy is every flow's lock order.
      const [item, openLoan, borrower, borrowerLedger, queue] = await Promise.all([
        requireCopy(tx, barcode),
        tx.loans.openForCopy(barcode),
        tx.members.borrowerOf(barcode),
        tx.ledgers.forBorrowerOf(barcode, this.policy.currency),
        tx.reservations.forTitleOfCopy(barcode),
      ]);
      if (!item.can('checkIn')) throw new IllegalTransitionError('BookItem', item.status, 'checkIn');
      if (!openLoan) throw notOnLoan(barcode);
      const loan = openLoan;
      const member = borrower ?? (await requireMember(tx, loan.memberId));
      const ledger = borrowerLedger ?? (await tx.ledgers.forMember(loan.memberId, this.policy.currency));
      const rule = await this.rules.ruleFor(tx, member, item);
      const charges: [FineReason, Money][] = [
        ['OVERDUE', await this.rules.overdueFine(rule, item, loan, now)],
        ...(condition === 'DAMAGED' ? [['DAMAGED', this.policy.damagedCharge()] as [FineReason, Money]] : []),
      ];
      const accrued = ledger.accruingFineOf(loan.id) !== undefined;
      const finesAssessed = assessCharges(this.ids, ledger, loan, charges, now);
      if (command.claimResolution !== undefined || loan.isClaimedReturned) loan.resolveClaim(command.claimResolution ?? 'RETURNED_BY_MEMBER', now);
      loan.close(now);
      // A damaged copy stays out of circulation (DAMAGED) until staff send it to repair; the surcharge is above.
      if (condition === 'DAMAGED') item.checkInDamaged(now);
      else item.checkIn();
      await tx.loans.save(loan);
      await tx.members.save(member);
      if (accrued || finesAssessed.length > 0) await tx.ledgers.save(ledger);
      await tx.items.save(item);
      const heldFor = await this.holds.offer(tx, item, now, queue ?? undefined, at);
      return { loan: loanView(loan), daysLate: daysLate(loan.dueAt, now), finesAssessed, heldFor };
    });
  }
}
