import { inject, injectable } from 'inversify';
import { LendingError } from '../../domain/lending/LendingError.js';
import type { Loan } from '../../domain/lending/Loan.js';
import type { CirculationPolicy } from '../../domain/policy/CirculationPolicy.js';
import { renewalRefusals } from '../../domain/policy/RenewalRules.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { Money } from '../../domain/shared/Money.js';
import { requireCopy, requireMember } from '../lookups.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { Transaction } from '../ports/Store.js';
import { RuleBook, settle, type StaffOverride } from '../rules/RuleBook.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { loanView, type LoanView } from '../views.js';
import { assessCharges, requireOpenLoanOf } from './charges.js';

export type RenewCommand = ({ readonly loanId: string } | { readonly barcode: string }) & { readonly override?: StaffOverride };

export interface AutoRenewal {
  readonly renewed: readonly LoanView[];
  readonly refused: readonly { readonly loanId: string; readonly code: string }[];
}

const DAY_MS = 86_400_000;

/**
 * Renewing a loan, all or nothing: `RENEWAL_CHECKS` and the patron blocks are decided before anything changes.
 * An overdue loan that a rule lets renew is first charged the fine accrued up to the renewal, since the
 * return prices lateness from the new due date only.
 */
@injectable()
export class RenewalService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(RuleBook) private readonly rules: RuleBook,
  ) {}

  /** All-or-nothing: every refusal is decided before anything changes. */
  async renew(command: RenewCommand): Promise<LoanView> {
    const key = 'loanId' in command ? { loanId: requireId(command.loanId, 'loanId') } : { barcode: requireId(command.barcode, 'barcode') };
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const loan = 'loanId' in key ? await tx.loans.get(key.loanId) : await requireOpenLoanOf(tx, key.barcode);
      if (!loan) throw new LendingError('LOAN_NOT_FOUND', `no loan ${'loanId' in key ? key.loanId : ''}`, { ...key });
      const { member, refusals, accruedFine } = await this.planRenewal(tx, loan, now, false);
      settle(member, 'renew', refusals, now, command.override);
      await this.chargeAccrued(tx, loan, accruedFine, now);
      await tx.loans.save(loan);
      await tx.members.save(member);
      return loanView(loan);
    });
  }

  /**
   * Renews every open loan due before the end of the next day whose rule renews automatically, unless a rule or a
   * block says no (blocks are never overridden here). Run by the jobs, typically once a day; safe to run twice.
   */
  async autoRenewDue(): Promise<AutoRenewal> {
    const now = this.clock.now();
    const outcomes = await this.uow.sweep(
      (tx) => tx.loans.listDueBefore(new Date(now.getTime() + DAY_MS)),
      async (tx, candidate): Promise<LoanView | { loanId: string; code: string } | null> => {
        const loan = await tx.loans.get(candidate.id);
        if (!loan?.isOpen || loan.dueAt.getTime() > now.getTime() + DAY_MS) return null;
        const { refusals, rule, accruedFine } = await this.planRenewal(tx, loan, now, true);
        if (!rule.controls.renewal.autoRenew) return null;
        const first = refusals[0];
        if (first) return { loanId: loan.id, code: first.error.code };
        await this.chargeAccrued(tx, loan, accruedFine, now);
        await tx.loans.save(loan);
        return loanView(loan);
      },
    );
    const renewed: LoanView[] = [];
    const refused: { loanId: string; code: string }[] = [];
    for (const outcome of outcomes) {
      if ('code' in outcome) refused.push(outcome);
      else renewed.push(outcome);
    }
    return { renewed, refused };
  }

  /**
   * Decides a renewal and prices the lateness so far; when nothing refuses it, the loan is renewed in memory
   * (the caller charges the accrued fine and saves the loan).
   */
  private async planRenewal(tx: Transaction, loan: Loan, now: Date, automatic: boolean) {
    if (!loan.isOpen) throw new LendingError('LOAN_ALREADY_CLOSED', `loan ${loan.id} is ${loan.status}`, { loanId: loan.id });
    // Everything the decision needs, read side by side; the title's queue is locked first, and the copies and the
    // member's standing are read after the lock (on a pipelining database, all in one round trip).
    const [member, item, queue, standing] = await Promise.all([
      requireMember(tx, loan.memberId),
      requireCopy(tx, loan.barcode),
      tx.reservations.forTitle(loan.isbn),
      this.rules.standingOf(tx, loan.memberId),
    ]);
    const rule = await this.rules.ruleFor(tx, member, item);
    // The other copies in circulation matter only against the holds waiting: counted up to that many, no further.
    const waitingHolds = queue.waitingCount();
    const otherCopiesInCirculation = await tx.items.countInCirculation(loan.isbn, loan.barcode, waitingHolds);
    const newDueAt = await this.rules.renewedDueDate(rule, item, loan, member, now);
    const autoRenewUntil = await this.rules.autoRenewLimit(rule, item, loan);
    const facts = { loan, rule, now, newDueAt, waitingHolds, otherCopiesInCirculation, automatic, autoRenewUntil };
    const refusals = [...renewalRefusals(facts), ...this.rules.blocksOn(member, 'renew', rule, standing, now)];
    const accruedFine = loan.isOverdue(now) ? await this.rules.overdueFine(rule, item, loan, now) : Money.zero(this.policy.currency);
    if (refusals.every((r) => r.overridable)) loan.renew(newDueAt, now);
    return { member, rule, refusals, accruedFine };
  }

  /** Charges the overdue fine accrued up to the renewal, on the fine path a return takes. */
  private async chargeAccrued(tx: Transaction, loan: Loan, accruedFine: Money, now: Date): Promise<void> {
    if (accruedFine.isZero()) return;
    const ledger = await tx.ledgers.forMember(loan.memberId, this.policy.currency);
    assessCharges(this.ids, ledger, loan, [['OVERDUE', accruedFine]], now);
    await tx.ledgers.save(ledger);
  }
}
