// @ts-check
// A member's fines at the desk: the open ones, a payment towards them (oldest first), and a waiver for a librarian.
import { api, describeError, mayAct } from './api.js';
import { $, announce, button, el, input, table } from './dom.js';
import { formatDay, formatMoney, minorUnits } from './format.js';

/** @typedef {{ amount: number, currency: string }} Money */
/** @typedef {{ fineId: string, reason: string, amount: Money, outstanding: Money, status: string, assessedAt: string }} Fine */

/**
 * The open fines with Take payment, and Waive for a librarian's token.
 * @param {{ memberId: string, ledger: { balance: Money, fines: Fine[] } }} account
 * @param {() => Promise<void>} reload shows the account again after a change
 * @param {() => void} focusScan puts focus back on the scan field
 * @returns {HTMLElement}
 */
export function fineSection(account, reload, focusScan) {
  const open = account.ledger.fines.filter((f) => f.status === 'OPEN');
  const mayWaive = mayAct('librarian');
  const rows = open.map((fine) => [
    fine.reason.toLowerCase(),
    formatDay(fine.assessedAt),
    formatMoney(fine.amount),
    formatMoney(fine.outstanding),
    mayWaive ? button('Waive', () => waive(account.memberId, fine, reload, focusScan), { 'aria-label': `Waive ${fine.reason.toLowerCase()} fine of ${formatMoney(fine.outstanding)}` }) : el('span', { class: 'muted' }, 'librarian may waive'),
  ]);
  const section = el('section', { 'aria-labelledby': 'fines-title' }, el('h3', { id: 'fines-title' }, `Fines: ${formatMoney(account.ledger.balance)} owed`), table('Open fines', ['Reason', 'Assessed', 'Charged', 'Outstanding', ''], rows));
  if (account.ledger.balance.amount > 0) {
    const form = el(
      'form',
      { id: 'pay-form', class: 'inline-form', autocomplete: 'off' },
      el('label', { for: 'pay-amount' }, 'Amount'),
      el('input', { id: 'pay-amount', inputmode: 'decimal', value: (account.ledger.balance.amount / 100).toFixed(2), required: '' }),
      el('label', { for: 'pay-method' }, 'Method'),
      el('select', { id: 'pay-method' }, el('option', { value: 'cash' }, 'Cash'), el('option', { value: 'card' }, 'Card')),
      el('button', { type: 'submit' }, 'Take payment'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void pay(account.memberId, account.ledger.balance.currency, reload, focusScan);
    });
    section.append(form);
    if (mayWaive) section.append(el('label', { for: 'waive-reason' }, 'Reason for a waiver'), el('input', { id: 'waive-reason', value: 'waived at the desk' }));
  }
  return section;
}

/**
 * @param {string} memberId
 * @param {string} currency
 * @param {() => Promise<void>} reload
 * @param {() => void} focusScan
 */
async function pay(memberId, currency, reload, focusScan) {
  const amount = minorUnits(input('#pay-amount').value);
  if (amount === null) {
    announce('Enter the amount as 4.50.', 'error');
    input('#pay-amount').focus();
    return;
  }
  const method = $('#pay-method', HTMLSelectElement).value;
  try {
    await api('POST', '/api/payments', { memberId, amount, method }, { idempotent: true });
    announce(`Took ${formatMoney({ amount, currency })} by ${method}.`);
    await reload();
    focusScan();
  } catch (error) {
    announce(describeError(error), 'error');
    input('#pay-amount').focus();
  }
}

/**
 * @param {string} memberId
 * @param {Fine} fine
 * @param {() => Promise<void>} reload
 * @param {() => void} focusScan
 */
async function waive(memberId, fine, reload, focusScan) {
  const reason = input('#waive-reason').value.trim() || 'waived at the desk';
  try {
    await api('POST', `/api/members/${encodeURIComponent(memberId)}/fines/${encodeURIComponent(fine.fineId)}/waive`, { reason });
    announce(`Waived the ${fine.reason.toLowerCase()} fine of ${formatMoney(fine.outstanding)}.`);
    await reload();
  } catch (error) {
    announce(describeError(error), 'error');
  }
  focusScan();
}
