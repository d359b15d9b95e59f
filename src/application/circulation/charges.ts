import type { FineLedger } from '../../domain/fines/FineLedger.js';
import { LendingError } from '../../domain/lending/LendingError.js';
import type { Loan } from '../../domain/lending/Loan.js';
import type { FineReason } from '../../domain/shared/DomainEvent.js';
import type { Money } from '../../domain/shared/Money.js';
import type { IdGenerator } from '../ports/IdGenerator.js';
import type { Transaction } from '../ports/Store.js';
import { fineView, type FineView } from '../views.js';

/**
 * Records each non-zero charge on the loan in the ledger (the caller saves it); returns the fines recorded. The overdue
 * charge finalises the fine the jobs accrued on the loan, if any (`FineLedger.chargeOverdue`), so it is never charged twice.
 */
export function assessCharges(ids: IdGenerator, ledger: FineLedger, loan: Loan, charges: readonly (readonly [FineReason, Money])[], now: Date): FineView[] {
  const assessed: FineView[] = [];
  for (const [reason, amount] of charges) {
    const fineId = ids.next('fine');
    const input = { fineId, loanId: loan.id, barcode: loan.barcode, amount };
    const fine = reason === 'OVERDUE' ? ledger.chargeOverdue(input, now) : ledger.assess({ ...input, reason }, now) ? ledger.fines.find((f) => f.id === fineId) : null;
    if (fine) assessed.push(fineView(fine, ledger.currency));
  }
  return assessed;
}


export function notOnLoan(barcode: string): LendingError {
  return new LendingError('LOAN_NOT_FOUND', `copy ${barcode} is not on loan`, { barcode });
}

/** The open loan of a copy; LOAN_NOT_FOUND when the copy is not on loan. */
export async function requireOpenLoanOf(tx: Transaction, barcode: string): Promise<Loan> {
  const loan = await tx.loans.openForCopy(barcode);
  if (!loan) throw notOnLoan(barcode);
  return loan;
}
