import { inject, injectable } from 'inversify';
import type { BookItem } from '../domain/catalog/BookItem.js';
import { LendingError, IllegalTransitionError } from '../domain/lending/LendingError.js';
import { Loan } from '../domain/lending/Loan.js';
import type { FineLedger } from '../domain/fines/FineLedger.js';
import type { Member } from '../domain/members/Member.js';
import type { CirculationPolicy, ResolvedRule } from '../domain/policy/CirculationPolicy.js';
import { addDays, daysLate, type Clock } from '../domain/shared/Clock.js';
import { requireId } from '../domain/shared/guards.js';
import { ValidationError } from '../domain/shared/ShelfmarkError.js';
import type { Money } from '../domain/shared/Money.js';
import type { FineReason } from '../domain/shared/DomainEvent.js';
import { DigitalHoldAllocator } from './digital/DigitalHoldAllocator.js';
import { HoldAllocator } from './HoldAllocator.js';
import { requireCopy, requireMember } from './lookups.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { fineView, loanView, type FineView, type LoanView, type ReturnReceipt } from './views.js';

export type CopyCondition = 'GOOD' | 'DAMAGED';

export interface CheckOutCommand {
  readonly memberId: string;
  readonly barcode: string;
}
export interface ReturnCommand {
  readonly barcode: string;
  readonly condition?: CopyCondition;
}
export type RenewCommand = { readonly loanId: string } | { readonly barcode: string };

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
    @inject(DigitalHoldAllocator) private readonly digitalHolds: DigitalHoldAllocator,
  ) {}

  /** Lends a copy that is on the shelf or on the hold shelf for this member. */
  async checkOut(command: CheckOutCommand): Promise<LoanView> {
    const memberId = requireId(command.memberId, 'memberId');
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const member = await requireMember(tx, memberId);
      const item = await requireCopy(tx, barcode);
      const rule = this.policy.ruleFor(member);
      member.assertActive('borrow');
      if (member.activeLoanCount >= rule.maxActiveLoans) {
        throw new LendingError('LOAN_LIMIT_REACHED', `member ${memberId} already has ${member.activeLoanCount} of ${rule.maxActiveLoans} loans`, {
          memberId,
          limit: rule.maxActiveLoans,
        });
      }
      this.assertFinesUnderThreshold(rule, await tx.ledgers.forMember(memberId, this.policy.currency), 'borrow');
      this.assertLendable(item, memberId);
      const onLoan = await tx.loans.openForMember(memberId);
      if (onLoan.some((l) => l.isbn === item.isbn)) {
        throw new LendingError('ALREADY_BORROWED_TITLE', `member ${memberId} already has a copy of ${item.isbn}`, { memberId, isbn: item.isbn });
      }
      await this.fulfilReservation(tx, member, item, now);
      const loan = Loan.open({ id: this.ids.next('loan'), barcode, isbn: item.isbn, memberId, dueAt: addDays(now, rule.loanDays) }, now);
      item.checkOut(memberId, loan.id, loan.dueAt, now);
      member.recordLoan(loan.id);
      await tx.items.save(item);
      await tx.loans.save(loan);
      await tx.members.save(member);
      return loanView(loan);
    });
  }

  /** Closes the loan, prices lateness with the member's fine strategy, then offers the copy to the queue. */
  async returnCopy(command: ReturnCommand): Promise<ReturnReceipt> {
    const barcode = requireId(command.barcode, 'barcode');
    const condition = command.condition ?? 'GOOD';
    if (!(['GOOD', 'DAMAGED'] as unknown[]).includes(condition)) throw new ValidationError('condition must be GOOD or DAMAGED', { field: 'condition' });
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const item = await requireCopy(tx, barcode);
      if (!item.can('checkIn')) throw new IllegalTransitionError('BookItem', item.status, 'checkIn');
      const loan = await this.openLoanOf(tx, barcode);
      const member = await requireMember(tx, loan.memberId);
      const ledger = await tx.ledgers.forMember(member.id, this.policy.currency);
      const rule = this.policy.ruleFor(member);
      const charges: [FineReason, Money][] = [
        ['OVERDUE', rule.fineStrategy.overdueFine({ dueAt: loan.dueAt, returnedAt: now, replacementPrice: item.replacementPrice })],
        ...(condition === 'DAMAGED' ? [['DAMAGED', this.policy.damagedCharge()] as [FineReason, Money]] : []),
      ];
      const finesAssessed = this.assess(ledger, loan, charges, now);
      loan.close(now);
      member.releaseLoan(loan.id);
      item.checkIn(loan.dueAt, daysLate(loan.dueAt, now), now);
      await tx.loans.save(loan);
      await tx.members.save(member);
      await tx.ledgers.save(ledger);
      await tx.items.save(item);
      const heldFor = await this.holds.offer(tx, item, now);
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
      if (!loan.isOpen) throw new LendingError('LOAN_ALREADY_CLOSED', `loan ${loan.id} is ${loan.status}`, { loanId: loan.id });
      const member = await requireMember(tx, loan.memberId);
      member.assertActive('renew');
      const rule = this.policy.ruleFor(member);
      if (loan.renewals >= rule.maxRenewals) {
        throw new LendingError('RENEWAL_LIMIT_REACHED', `loan ${loan.id} was already renewed ${loan.renewals} times`, { loanId: loan.id, limit: rule.maxRenewals });
      }
      const queue = await tx.reservations.forTitle(loan.isbn);
      if (queue.hasWaiting()) {
        throw new LendingError('RENEWAL_BLOCKED_BY_RESERVATIONS', `${queue.waitingCount()} members are waiting for ${loan.isbn}`, {
          loanId: loan.id,
          waiting: queue.waitingCount(),
        });
      }
      const overdueDays = daysLate(loan.dueAt, now);
      if (overdueDays > rule.maxOverdueDaysToRenew) {
        throw new LendingError('RENEWAL_TOO_OVERDUE', `loan ${loan.id} is ${overdueDays} days overdue`, { loanId: loan.id, daysOverdue: overdueDays });
      }
      this.assertFinesUnderThreshold(rule, await tx.ledgers.forMember(member.id, this.policy.currency), 'renew');
      const from = new Date(Math.max(now.getTime(), loan.dueAt.getTime()));
      loan.renew(addDays(from, rule.renewalDays), now);
      await tx.loans.save(loan);
      return loanView(loan);
    });
  }

  /** Staff declare a copy lost: an open loan closes as lost and its borrower pays replacement plus the lost charge. */
  async markLost(command: { readonly barcode: string }): Promise<LostReport> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const item = await requireCopy(tx, barcode);
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
      const finesAssessed = this.assess(
        ledger,
        loan,
        [
          ['REPLACEMENT', item.replacementPrice ?? this.policy.defaultReplacement()],
          ['LOST', this.policy.lostCharge()],
        ],
        now,
      );
      loan.closeAsLost(now);
      member.releaseLoan(loan.id);
      await tx.loans.save(loan);
      await tx.members.save(member);
      await tx.ledgers.save(ledger);
      return { barcode, loan: loanView(loan), finesAssessed };
    });
  }

  /** A lost copy turned up: back on the shelf, or straight to the first member waiting. */
  async markFound(command: { readonly barcode: string }): Promise<{ readonly barcode: string; readonly heldFor: ReturnReceipt['heldFor'] }> {
    const barcode = requireId(command.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const item = await requireCopy(tx, barcode);
      item.markFound(now);
      await tx.items.save(item);
      return { barcode, heldFor: await this.holds.offer(tx, item, now) };
    });
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

  private assertFinesUnderThreshold(rule: ResolvedRule, ledger: FineLedger, action: string): void {
    const threshold = this.policy.blockingThreshold(rule);
    const balance = ledger.balance();
    if (threshold && balance.isGreaterThan(threshold)) {
      throw new LendingError('FINES_OVER_THRESHOLD', `cannot ${action}: fines of ${balance.toString()} are above ${threshold.toString()}`, {
        memberId: ledger.memberId,
        balance: balance.amount,
        threshold: threshold.amount,
      });
    }
  }

  /** Borrowing a title one has reserved fulfils the reservation; a copy held elsewhere for them is passed on. */
  private async fulfilReservation(tx: Transaction, member: Member, item: BookItem, now: Date): Promise<void> {
    const reservationId = member.reservationFor(item.isbn);
    if (!reservationId) return;
    const queue = await tx.reservations.forTitle(item.isbn);
    const reservation = queue.get(reservationId);
    const otherHeldBarcode = reservation.barcode;
    const offeredLicense = reservation.status === 'READY_FOR_PICKUP' ? reservation.copyId : null;
    queue.fulfil(reservationId, item.barcode, now);
    member.releaseReservation(item.isbn);
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
    if (!loan) throw new LendingError('LOAN_NOT_FOUND', `copy ${barcode} is not on loan`, { barcode });
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
