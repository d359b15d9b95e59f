/**
 * Row ⇄ primitives mapping for every aggregate, one file per aggregate family under rows/. Each aggregate root row
 * carries `version`; the queue and the ledger spread over a root row plus child rows (read back as JSON arrays).
 */
export { type Columns, int, iso, isoOrNull, text, textOrNull } from './rows/values.js';
export { bookRow, branchRow, itemRow } from './rows/catalog.js';
export { memberRow } from './rows/members.js';
export { loanRow } from './rows/loans.js';
export { queueRow, reservationRow } from './rows/reservations.js';
export { fineRow, ledgerRow, paymentRow } from './rows/fines.js';
export { digitalCopyRow, digitalLoanRow } from './rows/digital.js';
