import { inject, injectable } from 'inversify';
import type { BookItem, LostLoan } from '../../domain/catalog/BookItem.js';
import { addDays } from '../../domain/shared/Clock.js';
import { Money } from '../../domain/shared/Money.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { fineView, type FineView, type HoldView } from '../views.js';
import { RuleBook } from './RuleBook.js';

/** What happened to the money when a copy lost on loan came back. */
export interface LostSettlement {
  readonly loanId: string;
  readonly memberId: string;
  /** Back within the refund window: replacement refunded, overdue fine restored. */
  readonly withinRefundWindow: boolean;
  /** Replacement fees still owed that were cancelled. */
  readonly waived: readonly FineView[];
  /** Replacement fees already paid that the desk should hand back (minor units). */
  readonly refundDue: number;
  /** The overdue fine up to the day the copy was declared lost, charged again. */
  readonly restoredFine: FineView | null;
}

export interface FoundReport {
  readonly barcode: string;
  readonly heldFor: HoldView | null;
  readonly settlement: LostSettlement | null;
}

/**
 * The money side of a lost copy coming back. Within the rule's refund window (counted from the day it was
 * declared lost) the replacement fee is refunded, the processing fee kept and the overdue fine that the loss
 * had stopped is charged again; the loan counts as returned. Outside the window nothing changes.
 */
@injectable()
export class LostItemSettlement {
  constructor(
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  async settle(tx: Transaction, item: BookItem, lost: LostLoan, now: Date): Promise<LostSettlement | null> {
    const loan = await tx.loans.get(lost.loanId);
    const member = await tx.members.get(lost.memberId);
    if (!loan || !member || loan.status !== 'LOST') return null;
    const rule = await this.rules.ruleFor(tx, member, item);
    const window = rule.controls.lost.refundWindowDays;
    const lostAt = new Date(lost.lostAt);
    const withinRefundWindow = window !== null && now.getTime() <= addDays(lostAt, window).getTime();
    if (!withinRefundWindow) return { loanId: loan.id, memberId: member.id, withinRefundWindow, waived: [], refundDue: 0, restoredFine: null };
    const [ledger, finesOfLoan] = await Promise.all([tx.ledgers.forMember(member.id, this.rules.policy.currency), tx.ledgers.finesOfLoan(member.id, loan.id)]);
    const replacements = finesOfLoan.filter((f) => f.loanId === loan.id && f.reason === 'REPLACEMENT' && f.status !== 'WAIVED');
    const refundDue = replacements.reduce((sum, f) => sum + (f.amount - f.outstanding), 0);
    for (const f of replacements.filter((x) => x.status === 'OPEN')) ledger.waive(f.id, 'lost copy returned within the refund window', now);
    const fineId = this.ids.next('fine');
    // What the jobs accrued on this loan since its due date was kept at the loss: only the rest is charged again.
    const accrued = finesOfLoan.filter((f) => f.reason === 'OVERDUE' && f.assessedAt > loan.dueAt.toISOString()).reduce((sum, f) => sum + f.amount, 0);
    const overdue = await this.rules.overdueFine(rule, item, loan, lostAt);
    const rest = Money.of(Math.max(0, overdue.amount - accrued), overdue.currency);
    const restored = ledger.assess({ fineId, loanId: loan.id, barcode: loan.barcode, reason: 'OVERDUE', amount: rest }, now);
    loan.recover(now);
    await tx.loans.save(loan);
    await tx.ledgers.save(ledger);
    const waived = ledger.fines.filter((f) => replacements.some((r) => r.id === f.id && r.status === 'OPEN')).map((f) => fineView(f, ledger.currency));
    const restoredFine = restored ? ledger.fines.find((f) => f.id === fineId) : undefined;
    return {
      loanId: loan.id,
      memberId: member.id,
      withinRefundWindow,
      waived,
      refundDue,
      restoredFine: restoredFine ? fineView(restoredFine, ledger.currency) : null,
    };
  }
}
