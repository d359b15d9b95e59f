import { inject, injectable } from 'inversify';
import type { BookItem } from '../domain/catalog/BookItem.js';
import { LendingError } from '../domain/lending/LendingError.js';
import type { Loan } from '../domain/lending/Loan.js';
import { isDueToAgeToLost } from '../domain/lending/LostAging.js';
import type { FineLedger } from '../domain/fines/FineLedger.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId } from '../domain/shared/guards.js';
import { Money } from '../domain/shared/Money.js';
import type { FineReason } from '../domain/shared/DomainEvent.js';
import { CheckOutService, type CheckOutCommand, type TitleCheckOutCommand } from './circulation/CheckOutService.js';
import { assessCharges, requireOpenLoanOf } from './circulation/charges.js';
import { RenewalService, type AutoRenewal, type RenewCommand } from './circulation/RenewalService.js';
import { ReturnService, type ReturnCommand } from './circulation/ReturnService.js';
import { HoldAllocator } from './HoldAllocator.js';
import { LostItemSettlement, type FoundReport } from './rules/LostItemSettlement.js';
import { RuleBook } from './rules/RuleBook.js';
import { requireCopy, requireMember } from './lookups.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { loanView, type FineView, type LoanView, type ReturnReceipt } from './views.js';

export type { CheckOutCommand, TitleCheckOutCommand } from './circulation/CheckOutService.js';
export type { AutoRenewal, RenewCommand } from './circulation/RenewalService.js';
export type { CopyCondition, ReturnCommand } from './circulation/ReturnService.js';

export interface LostReport {
  readonly barcode: string;
  readonly loan: LoanView | null;
  readonly finesAssessed: readonly FineView[];
}

/**
 * `library.circulation`: check out, return, renew, lost and found, each one atomic step over copy, loan, member,
 * queue and ledger. Checkout, return and renewal each have their own service; this is their one front door.
 */
@injectable()
export class CirculationService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(LostItemSettlement) private readonly lostItems: LostItemSettlement,
    @inject(CheckOutService) private readonly checkouts: CheckOutService,
    @inject(ReturnService) private readonly returns: ReturnService,
    @inject(RenewalService) private readonly renewals: RenewalService,
  ) {}

  /** Lends a copy that is on the shelf or on the hold shelf for this member. */
  checkOut(command: CheckOutCommand): Promise<LoanView> {
    return this.checkouts.checkOut(command);
  }

  /** Lends any copy of a title: the copy held for this member, else the first on the shelf; NO_COPY_ON_SHELF otherwise. */
  checkOutTitle(command: TitleCheckOutCommand): Promise<LoanView> {
    return this.checkouts.checkOutTitle(command);
  }

  /** Open loans of any copy of a title, oldest first: who has this book right now. */
  openLoansOf(isbn: string): Promise<LoanView[]> {
    return this.checkouts.openLoansOf(isbn);
  }

  /** Closes the loan, prices lateness with the member's fine strategy, then offers the copy to the queue. */
  returnCopy(command: ReturnCommand): Promise<ReturnReceipt> {
    return this.returns.returnCopy(command);
  }

  /** All-or-nothing: every refusal is decided before anything changes; an overdue loan is first charged its fine. */
  renew(command: RenewCommand): Promise<LoanView> {
    return this.renewals.renew(command);
  }

  /** The jobs' automatic renewal of loans falling due; safe to run twice. */
  autoRenewDue(): Promise<AutoRenewal> {
    return this.renewals.autoRenewDue();
  }

  /**
   * Staff declare a copy lost: an open loan closes as lost and its borrower pays replacement plus the lost charge.
   * With `expectedLoanId` (the loan the desk or the jobs looked at), the copy's open loan must be that loan:
   * otherwise LOAN_NOT_ON_COPY and nothing changes, so a copy returned or lent again meanwhile is not lost on its next borrower.
   */
  async markLost(command: { readonly barcode: string; readonly expectedLoanId?: string }): Promise<LostReport> {
    const barcode = requireId(command.barcode, 'barcode');
    const expectedLoanId = command.expectedLoanId === undefined ? null : requireId(command.expectedLoanId, 'expectedLoanId');
    return this.uow.run(async (tx) => {
      const item = await requireCopy(tx, barcode);
      if (expectedLoanId !== null) await this.requireOpenLoan(tx, barcode, expectedLoanId);
      return this.declareLost(tx, item, this.clock.now());
    });
  }

  /**
   * The jobs' side of losing a copy (a long-overdue copy is assumed lost and its replacement charged): the
   * loan is declared lost only if, inside this transaction, it is still open, not claimed returned, and at least its
   * rule's `lost.ageToLostAfterDaysOverdue` days late. Returns null otherwise (it came back meanwhile, or its rule never
   * ages loans), which keeps the job safe to run twice and beside a racing return.
   */
  async ageToLost(command: { readonly loanId: string }): Promise<LostReport | null> {
    const loanId = requireId(command.loanId, 'loanId');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = await tx.loans.get(loanId);
      if (!loan?.isOpen || loan.isClaimedReturned) return null;
      const [member, item] = await Promise.all([requireMember(tx, loan.memberId), requireCopy(tx, loan.barcode)]);
      if (!isDueToAgeToLost(loan, (await this.rules.ruleFor(tx, member, item)).controls.lost.ageToLostAfterDaysOverdue, now)) return null;
      return this.declareLost(tx, item, now);
    });
  }

  /**
   * A lost copy turned up: back on the shelf, or straight to the first member waiting. Lost on loan and back within
   * the rule's refund window, the replacement fee is refunded and the overdue fine restored.
   */
  async markFound(command: { readonly barcode: string }): Promise<FoundReport> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const item = await requireCopy(tx, barcode);
      const lostLoan = item.markFound(now);
      await tx.items.save(item);
      const settlement = lostLoan ? await this.lostItems.settle(tx, item, lostLoan, now) : null;
      return { barcode, heldFor: await this.holds.offer(tx, item, now), settlement };
    });
  }

  private async declareLost(tx: Transaction, item: BookItem, now: Date): Promise<LostReport> {
    const barcode = item.barcode;
    const { loan: onLoan, hold } = item.markLost(now);
    await tx.items.save(item);
    if (hold) {
      const queue = await tx.reservations.forTitle(item.isbn);
      queue.requeue(hold.reservationId, now);
      await tx.reservations.save(queue);
      await this.holds.offerAnyOnShelf(tx, item.isbn, now);
    }
    if (!onLoan) return { barcode, loan: null, finesAssessed: [] };
    const loan = await this.openLoanOf(tx, barcode);
    const member = await requireMember(tx, loan.memberId);
    const ledger = await tx.ledgers.forMember(member.id, this.policy.currency);
    const rule = await this.rules.ruleFor(tx, member, item);
    const processingFee = rule.controls.lost.processingFee;
    // A fine the jobs were accruing ends with the loss, at what the loan cost up to it (the loss otherwise stops overdue fines).
    const accrued: [FineReason, Money][] = ledger.accruingFineOf(loan.id) ? [['OVERDUE', await this.rules.overdueFine(rule, item, loan, now)]] : [];
    const finesAssessed = this.assess(
      ledger,
      loan,
      [
        ['REPLACEMENT', this.policy.replacementCostOf(item)],
        ['LOST', processingFee === null ? this.policy.lostCharge() : Money.of(processingFee, this.policy.currency)],
        ...accrued,
      ],
      now,
    );
    loan.closeAsLost(now);
    await tx.loans.save(loan);
    await tx.members.save(member);
    await tx.ledgers.save(ledger);
    return { barcode, loan: loanView(loan), finesAssessed };
  }

  private async requireOpenLoan(tx: Transaction, barcode: string, loanId: string): Promise<void> {
    const open = await tx.loans.openForCopy(barcode);
    if (open?.id === loanId) return;
    throw new LendingError('LOAN_NOT_ON_COPY', `loan ${loanId} is not the open loan of copy ${barcode}`, { barcode, loanId, openLoanId: open?.id ?? null });
  }

  private openLoanOf(tx: Transaction, barcode: string): Promise<Loan> {
    return requireOpenLoanOf(tx, barcode);
  }

  private assess(ledger: FineLedger, loan: Loan, charges: readonly [FineReason, Money][], now: Date): FineView[] {
    return assessCharges(this.ids, ledger, loan, charges, now);
  }
}
