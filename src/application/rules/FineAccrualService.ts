import { inject, injectable } from 'inversify';
import { FINE_ACCRUALS } from '../../domain/fines/FineAccrual.js';
import type { Loan } from '../../domain/lending/Loan.js';
import type { CirculationPolicy, ResolvedRule } from '../../domain/policy/CirculationPolicy.js';
import type { Clock } from '../../domain/shared/Clock.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { RuleBook } from './RuleBook.js';

/** One loan's fine grown by a round of the jobs. */
export interface AccruedFine {
  readonly loanId: string;
  readonly memberId: string;
  readonly fineId: string;
  /** The fine so far, in minor units. */
  readonly amount: number;
  readonly increase: number;
}

/** Whether the rule's overdue fines grow day by day while the loan is out (`FINE_ACCRUALS`). */
const accruesDaily = (rule: ResolvedRule): boolean => FINE_ACCRUALS[rule.controls.fineAccrual].accruesDaily;

/**
 * Overdue fines accrued day by day (a rule's `fineAccrual: DAILY`): each overdue open loan's fine is raised to what
 * the rule's fine strategy says it has cost so far, caps included, so the ledger shows it and blocks and thresholds
 * count it. The end of the loan finalises the same fine (`FineLedger.chargeOverdue`); a waiver stops it, and a
 * claimed-returned loan costs nothing past its claim. Run by the jobs; safe to run twice or more often than daily.
 */
@injectable()
export class FineAccrualService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(RuleBook) private readonly rules: RuleBook,
  ) {}

  async accrueOverdueFines(): Promise<AccruedFine[]> {
    const now = this.clock.now();
    return this.uow.sweep(
      async (tx) => {
        const due: string[] = [];
        for (const loan of await tx.loans.listDueBefore(now)) {
          if (!FineAccrualService.isAccruing(loan, now)) continue;
          const [member, item] = await Promise.all([tx.members.get(loan.memberId), tx.items.get(loan.barcode)]);
          if (member && item && accruesDaily(await this.rules.ruleFor(tx, member, item))) due.push(loan.id);
        }
        return due;
      },
      async (tx, loanId) => {
        const loan = await tx.loans.get(loanId);
        return loan && FineAccrualService.isAccruing(loan, now) ? this.accrue(tx, loan, now) : null;
      },
    );
  }

  /** An open loan past its due date and not claimed returned (a claim stops its fine at the claim). */
  private static isAccruing(loan: Loan, now: Date): boolean {
    return loan.isOpen && loan.isOverdue(now) && !loan.isClaimedReturned;
  }

  /** Raises the loan's fine to what it has cost up to `now`, re-read in this transaction; null when it did not grow. */
  private async accrue(tx: Transaction, loan: Loan, now: Date): Promise<AccruedFine | null> {
    const [member, item, ledger] = await Promise.all([tx.members.get(loan.memberId), tx.items.get(loan.barcode), tx.ledgers.forMember(loan.memberId, this.policy.currency)]);
    if (!member || !item) return null;
    const rule = await this.rules.ruleFor(tx, member, item);
    if (!accruesDaily(rule)) return null;
    const amount = await this.rules.overdueFine(rule, item, loan, now);
    const increase = ledger.accrue({ fineId: this.ids.next('fine'), loanId: loan.id, barcode: loan.barcode, amount }, now);
    const fine = ledger.accruingFineOf(loan.id);
    if (increase === 0 || !fine) return null;
    await tx.ledgers.save(ledger);
    return { loanId: loan.id, memberId: loan.memberId, fineId: fine.id, amount: fine.amount, increase };
  }
}
