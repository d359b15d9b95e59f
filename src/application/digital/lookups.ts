import type { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import { DigitalLendingError } from '../../domain/digital/DigitalLendingError.js';
import type { DigitalLoan } from '../../domain/digital/DigitalLoan.js';
import type { Transaction } from '../ports/Store.js';

export async function requireDigitalCopy(tx: Transaction, copyId: string): Promise<DigitalCopy> {
  const copy = await tx.digitalCopies.get(copyId);
  if (!copy) throw new DigitalLendingError('DIGITAL_COPY_NOT_FOUND', `no digital copy ${copyId}`, { copyId });
  return copy;
}

/** The loan, checked to belong to `memberId` when one is given. */
export async function requireDigitalLoan(tx: Transaction, loanId: string, memberId: string | null): Promise<DigitalLoan> {
  const loan = await tx.digitalLoans.get(loanId);
  if (!loan) throw new DigitalLendingError('DIGITAL_LOAN_NOT_FOUND', `no digital loan ${loanId}`, { loanId });
  if (memberId !== null && loan.memberId !== memberId) throw new DigitalLendingError('NOT_YOUR_LOAN', `digital loan ${loanId} belongs to another member`, { loanId });
  return loan;
}
