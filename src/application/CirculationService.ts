import { inject, injectable } from 'inversify';
import type { BookItem } from '../domain/catalog/BookItem.js';
import { Isbn } from '../domain/catalog/Isbn.js';
import { LendingError, IllegalTransitionError } from '../domain/lending/LendingError.js';
import { Loan } from '../domain/lending/Loan.js';
import { calendarDaysBetween } from '../domain/lending/Reminders.js';
import type { FineLedger } from '../domain/fines/FineLedger.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import { renewalRefusals } from '../domain/policy/RenewalRules.js';
import { daysLate, type Clock } from '../domain/shared/Clock.js';
import { requireId, requirePositiveInteger } from '../domain/shared/guards.js';
import { ValidationError } from '../domain/shared/ShelfmarkError.js';
import { Money } from '../domain/shared/Money.js';
import type { ClaimResolution, FineReason } from '../domain/shared/DomainEvent.js';
import { DigitalHoldAllocator } from './digital/DigitalHoldAllocator.js';
import { HoldAllocator } from './HoldAllocator.js';
import { LostItemSettlement, type FoundReport } from './rules/LostItemSettlement.js';
import type { MemberStanding } from './rules/MemberStanding.js';
import { RuleBook, settle, type StaffOverride } from './rules/RuleBook.js';
import { activeReservationOf, requireBook, requireCopy, requireMember } from './lookups.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { fineView, loanView, type FineView, type LoanView, type ReturnReceipt } from './views.js';

export type CopyCondition = 'GOOD' | 'DAMAGED';

export interface CheckOutCommand {
  readonly memberId: string;
  readonly barcode: string;
  /** Staff lending despite patron blocks; recorded with its reason. */
  readonly override?: StaffOverride;
}
export interface TitleCheckOutCommand {
  readonly memberId: string;
  readonly isbn: string;
}
export interface ReturnCommand {
  readonly barcode: string;
  readonly condition?: CopyCondition;
  /** How a claimed-returned loan was settled; a claimed loan returned without one counts as returned by the member. */
  readonly claimResolution?: ClaimResolution;
}
export type RenewCommand = ({ readonly loanId: string } | { readonly barcode: string }) & { readonly override?: StaffOverride };

export interface LostReport {
  readonly barcode: string;
  readonly loan: LoanView | null;
  readonly finesAssessed: readonly FineView[];
}

/** Check out, return, renew, lost and found: each one atomic step over copy, loan, member, queue and ledger. */
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
    @inject(DigitalHoldAllocator) private readonly digitalHolds: DigitalHoldAllocator,
  ) {}

  /** Lends a copy that is on the shelf or on the hold shelf for this member. */
  async checkOut(command: CheckOutCommand): Promise<LoanView> {
    const memberId = requireId(command.memberId, 'memberId');
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run((tx) => this.lend(tx, memberId, barcode, command.override));
  }

  /**
   * Lends any copy of a title (seed 004 borrows by book, not by barcode): the copy on the hold shelf
   * for this member if there is one, else the first copy on the open shelf; NO_COPY_ON_SHELF otherwise.
   */
  async checkOutTitle(command: TitleCheckOutCommand): Promise<LoanView> {
    const memberId = requireId(command.memberId, 'memberId');
    const isbn = Isbn.parse(command.isbn).value;
    return this.uow.run(async (tx) => {
      await requireMember(tx, memberId);
      await requireBook(tx, isbn);
      if ((await tx.loans.openForMember(memberId)).some((l) => l.isbn === isbn)) throw alreadyBorrowing(memberId, isbn);
      const reservation = await activeReservationOf(tx, memberId, isbn);
      const held = reservation === null ? null : ((await tx.reservations.forTitle(isbn)).activeFor(memberId)?.barcode ?? null);
      const barcode = held ?? (await tx.items.firstOnShelf(isbn))?.barcode;
      if (barcode === undefined) throw new LendingError('NO_COPY_ON_SHELF', `no copy of ${isbn} is on the shelf for ${memberId}`, { memberId, isbn });
      return this.lend(tx, memberId, barcode);
    });
  }

  /** Open loans of any copy of a title, oldest first: who has this book right now. */
  async openLoansOf(isbn: string): Promise<LoanView[]> {
    const id = Isbn.parse(isbn).value;
    return this.uow.run(async (tx) => (await tx.loans.openForTitle(id)).map(loanView));
  }

  private async lend(tx: Transaction, memberId: string, barcode: string, override?: StaffOverride): Promise<LoanView> {
    const now = this.clock.now();
    // Everything the decision needs, read side by side (one round trip on a pipelining database).
    const [member, item, standing] = await Promise.all([requireMember(tx, memberId), requireCopy(tx, barcode), this.rules.standingOf(tx, memberId)]);
    const rule = this.rules.ruleFor(member, item);
    this.rules.assertMayAct(member, 'borrow', rule, standing, now, override);
    if (standing.openLoans.length >= rule.maxActiveLoans) {
      throw new LendingError('LOAN_LIMIT_REACHED', `member ${memberId} already has ${standing.openLoans.length} of ${rule.maxActiveLoans} loans`, {
        memberId,
        limit: rule.maxActiveLoans,
      });
    }
    this.assertLendable(item, memberId);
    if (standing.isBorrowing(item.isbn)) throw alreadyBorrowing(memberId, item.isbn);
    await this.fulfilReservation(tx, standing, item, now);
    const { dueAt } = await this.rules.dueDate(rule, item, now);
    const loan = Loan.open({ id: this.ids.next('loan'), barcode, isbn: item.isbn, memberId, dueAt }, now);
    item.checkOut(memberId, loan.id);
    await tx.items.save(item);
    await tx.loans.save(loan);
    // Saved even when unchanged: the version bump makes a concurrent checkout by this member lose its race and
    // re-run against the committed loans, so two checkouts can never both pass the loan limit.
    await tx.members.save(member);
    return loanView(loan);
  }

  /** Closes the loan, prices lateness with the member's fine strategy, then offers the copy to the queue. */
  async returnCopy(command: ReturnCommand): Promise<ReturnReceipt> {
    const barcode = requireId(command.barcode, 'barcode');
    const condition = command.condition ?? 'GOOD';
    if (!(['GOOD', 'DAMAGED'] as unknown[]).includes(condition)) throw new ValidationError('condition must be GOOD or DAMAGED', { field: 'condition' });
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
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
      const rule = this.rules.ruleFor(member, item);
      const charges: [FineReason, Money][] = [
        ['OVERDUE', await this.rules.overdueFine(rule, item, loan, now)],
        ...(condition === 'DAMAGED' ? [['DAMAGED', this.policy.damagedCharge()] as [FineReason, Money]] : []),
      ];
      const finesAssessed = this.assess(ledger, loan, charges, now);
      if (command.claimResolution !== undefined || loan.isClaimedReturned) loan.resolveClaim(command.claimResolution ?? 'RETURNED_BY_MEMBER', now);
      loan.close(now);
      item.checkIn();
      await tx.loans.save(loan);
      await tx.members.save(member);
      if (finesAssessed.length > 0) await tx.ledgers.save(ledger);
      await tx.items.save(item);
      const heldFor = await this.holds.offer(tx, item, now, queue ?? undefined);
      return { loan: loanView(loan), daysLate: daysLate(loan.dueAt, now), finesAssessed, heldFor };
    });
  }

  /** All-or-nothing: every refusal is decided before anything changes (seed 003's fixed race). */
  async renew(command: RenewCommand): Promise<LoanView> {
    const key = 'loanId' in command ? { loanId: requireId(command.loanId, 'loanId') } : { barcode: requireId(command.barcode, 'barcode') };
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = 'loanId' in key ? await tx.loans.get(key.loanId) : await this.openLoanOf(tx, key.barcode);
      if (!loan) throw new LendingError('LOAN_NOT_FOUND', `no loan ${'loanId' in key ? key.loanId : ''}`, { ...key });
      const { member, refusals } = await this.planRenewal(tx, loan, now, false);
      settle(member, 'renew', refusals, now, command.override);
      await tx.loans.save(loan);
      await tx.members.save(member);
      return loanView(loan);
    });
  }

  /**
   * Renews every open loan due before the end of the next day whose rule renews automatically, unless a rule or a
   * block says no (blocks are never overridden here). Run by the jobs, typically once a day; safe to run twice.
   */
  async autoRenewDue(): Promise<{ readonly renewed: readonly LoanView[]; readonly refused: readonly { readonly loanId: string; readonly code: string }[] }> {
    const now = this.clock.now();
    const due = await this.uow.run((tx) => tx.loans.listOverdue(new Date(now.getTime() + 86_400_000)));
    const renewed: LoanView[] = [];
    const refused: { loanId: string; code: string }[] = [];
    for (const candidate of due) {
      const outcome = await this.uow.run(async (tx) => {
        const loan = await tx.loans.get(candidate.id);
        if (!loan?.isOpen || loan.dueAt.getTime() > now.getTime() + 86_400_000) return null;
        const { refusals, rule } = await this.planRenewal(tx, loan, now, true);
        if (!rule.controls.renewal.autoRenew) return null;
        const first = refusals[0];
        if (first) return { loanId: loan.id, code: first.error.code };
        await tx.loans.save(loan);
        return loanView(loan);
      });
      if (outcome === null) continue;
      if ('code' in outcome) refused.push(outcome);
      else renewed.push(outcome);
    }
    return { renewed, refused };
  }

  /** Decides a renewal; when nothing refuses it, the loan is renewed in memory (the caller saves it). */
  private async planRenewal(tx: Transaction, loan: Loan, now: Date, automatic: boolean) {
    if (!loan.isOpen) throw new LendingError('LOAN_ALREADY_CLOSED', `loan ${loan.id} is ${loan.status}`, { loanId: loan.id });
    // Everything the decision needs, read side by side; the title's queue is locked first, and the copies and the
    // member's standing are read after the lock (on a pipelining database, all in one round trip).
    const [member, item, queue, copies, standing] = await Promise.all([
      requireMember(tx, loan.memberId),
      requireCopy(tx, loan.barcode),
      tx.reservations.forTitle(loan.isbn),
      tx.items.listByIsbn(loan.isbn),
      this.rules.standingOf(tx, loan.memberId),
    ]);
    const rule = this.rules.ruleFor(member, item);
    const others = copies.filter((c) => c.barcode !== loan.barcode && !c.isReferenceOnly && (c.status === 'AVAILABLE' || c.status === 'LOANED'));
    const newDueAt = await this.rules.renewedDueDate(rule, item, loan, now);
    const autoRenewUntil = await this.rules.autoRenewLimit(rule, item, loan);
    const facts = { loan, rule, now, newDueAt, waitingHolds: queue.waitingCount(), otherCopiesInCirculation: others.length, automatic, autoRenewUntil };
    const refusals = [...renewalRefusals(facts), ...this.rules.blocksOn(member, 'renew', rule, standing, now)];
    if (refusals.every((r) => r.overridable)) loan.renew(newDueAt, now);
    return { member, rule, refusals };
  }

  /** Staff declare a copy lost: an open loan closes as lost and its borrower pays replacement plus the lost charge. */
  async markLost(command: { readonly barcode: string }): Promise<LostReport> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => this.declareLost(tx, await requireCopy(tx, barcode), this.clock.now()));
  }

  /**
   * The scheduler's side of losing a copy (seed 001: "60+ days overdue … assumed lost, charge the
   * replacement cost"): the loan is declared lost only if, inside this transaction, it is still open,
   * not claimed returned, and at least `afterDaysOverdue` calendar days past due. Returns null
   * otherwise (it came back meanwhile), which keeps the job safe to run twice.
   */
  async ageToLost(command: { readonly loanId: string; readonly afterDaysOverdue: number }): Promise<LostReport | null> {
    const loanId = requireId(command.loanId, 'loanId');
    const threshold = requirePositiveInteger(command.afterDaysOverdue, 'afterDaysOverdue');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = await tx.loans.get(loanId);
      if (!loan?.isOpen || loan.isClaimedReturned || calendarDaysBetween(loan.dueAt, now) < threshold) return null;
      return this.declareLost(tx, await requireCopy(tx, loan.barcode), now);
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
    const processingFee = this.rules.ruleFor(member, item).controls.lost.processingFee;
    const finesAssessed = this.assess(
      ledger,
      loan,
      [
        ['REPLACEMENT', item.replacementPrice ?? this.policy.defaultReplacement()],
        ['LOST', processingFee === null ? this.policy.lostCharge() : Money.of(processingFee, this.policy.currency)],
      ],
      now,
    );
    loan.closeAsLost(now);
    await tx.loans.save(loan);
    await tx.members.save(member);
    await tx.ledgers.save(ledger);
    return { barcode, loan: loanView(loan), finesAssessed };
  }

  private assertLendable(item: BookItem, memberId: string): void {
    if (item.isLendableTo(memberId)) return;
    if (item.isReferenceOnly) {
      throw new LendingError('REFERENCE_ONLY', `copy ${item.barcode} is for reference only`, { barcode: item.barcode });
    }
    if (item.status === 'RESERVED') {
      throw new LendingError('COPY_HELD_FOR_ANOTHER_MEMBER', `copy ${item.barcode} is on the hold shelf for another member`, { barcode: item.barcode });
    }
    throw new LendingError('COPY_NOT_AVAILABLE', `copy ${item.barcode} is ${item.status}`, { barcode: item.barcode, status: item.status });
  }

  /** Borrowing a title one has reserved fulfils the reservation; a copy held elsewhere for them is passed on. */
  private async fulfilReservation(tx: Transaction, standing: MemberStanding, item: BookItem, now: Date): Promise<void> {
    const known = standing.reservationOf(item.isbn);
    if (known === null) return;
    // The queue as of its lock decides: the reservation may have been cancelled or expired since the standing was read.
    const queue = await tx.reservations.forTitle(item.isbn);
    const reservation = queue.activeFor(known.memberId);
    if (!reservation) return;
    const reservationId = reservation.id;
    const otherHeldBarcode = reservation.barcode;
    const offeredLicense = reservation.status === 'READY_FOR_PICKUP' ? reservation.copyId : null;
    queue.fulfil(reservationId, item.barcode, now);
    await tx.reservations.save(queue);
    if (offeredLicense !== null) await this.digitalHolds.withdraw(tx, offeredLicense, reservationId, now);
    if (otherHeldBarcode !== null && otherHeldBarcode !== item.barcode) {
      const other = await requireCopy(tx, otherHeldBarcode);
      other.releaseHold('CANCELLED', now);
      await tx.items.save(other);
      await this.holds.offer(tx, other, now);
    }
  }

  private async openLoanOf(tx: Transaction, barcode: string): Promise<Loan> {
    const loan = await tx.loans.openForCopy(barcode);
    if (!loan) throw notOnLoan(barcode);
    return loan;
  }

  private assess(ledger: FineLedger, loan: Loan, charges: readonly [FineReason, Money][], now: Date): FineView[] {
    const assessed: FineView[] = [];
    for (const [reason, amount] of charges) {
      const fineId = this.ids.next('fine');
      if (ledger.assess({ fineId, loanId: loan.id, barcode: loan.barcode, reason, amount }, now)) {
        const fine = ledger.fines.find((f) => f.id === fineId);
        if (fine) assessed.push(fineView(fine, ledger.currency));
      }
    }
    return assessed;
  }
}

function alreadyBorrowing(memberId: string, isbn: string): LendingError {
  return new LendingError('ALREADY_BORROWED_TITLE', `member ${memberId} already has a copy of ${isbn}`, { memberId, isbn });
}

function notOnLoan(barcode: string): LendingError {
  return new LendingError('LOAN_NOT_FOUND', `copy ${barcode} is not on loan`, { barcode });
}
