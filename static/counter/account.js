// @ts-check
// The member at the desk: scan a card and the account opens (GET /api/members/:id/account), with every action the
// API has on it: check out, renew one or all, pay, waive (librarians), and the holds (holds.js).
import { api, describeError, titleOf } from './api.js';
import { fineSection } from './fines.js';
import { holdSection } from './holds.js';
import { $, announce, button, el, input, table } from './dom.js';
import { formatDate, formatDay, formatMoney, overdueText } from './format.js';
import { addSlip } from './slips.js';

/** @typedef {{ amount: number, currency: string }} Money */
/** @typedef {{ loanId: string, barcode: string, isbn: string, dueAt: string, renewals: number, daysOverdue: number }} AccountLoan */
/** @typedef {{ fineId: string, reason: string, amount: Money, outstanding: Money, status: string, assessedAt: string }} Fine */
/** @typedef {{ action: string, blocks: { code: string, message: string }[] }} Standing */
/** @typedef {{ memberId: string, name: string, type: string, plan: string, status: string, blockReason: string | null, cardExpiresAt?: string | null, fineBalance: Money }} Member */
/** @typedef {{ at: string, member: Member, loans: AccountLoan[], ledger: { balance: Money, fines: Fine[] }, holds: import('./holds.js').Hold[], standing: Standing[] }} Account */

/** The card on the desk, and what each renewal last answered (loan id → message). */
const state = { memberId: /** @type {string | null} */ (null), renewals: /** @type {Map<string, string>} */ (new Map()) };

/** Where focus goes after every action: the copy scan field while an account is open, else the card field. */
export function focusScan() {
  (state.memberId === null ? input('#member-card') : input('#copy-barcode')).focus();
}

/** @returns {string | null} the member whose account is open */
export function memberAtDesk() {
  return state.memberId;
}

/** @param {string} card */
export async function openAccount(card) {
  const id = card.trim();
  if (!id) return;
  try {
    /** @type {Account} */
    const account = await api('GET', `/api/members/${encodeURIComponent(id)}/account`);
    if (state.memberId !== account.member.memberId) state.renewals.clear();
    state.memberId = account.member.memberId;
    await render(account);
  } catch (error) {
    state.memberId = null;
    $('#account').replaceChildren(el('p', { class: 'error' }, describeError(error)));
    announce(describeError(error), 'error');
  }
}

async function reload() {
  if (state.memberId !== null) await openAccount(state.memberId);
}

/** @param {Account} account */
async function render(account) {
  const { member } = account;
  const expiry = member.cardExpiresAt ?? null;
  const expired = expiry !== null && Date.parse(expiry) <= Date.parse(account.at);
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, 'Card'),
    el('dd', {}, member.memberId),
    el('dt', {}, 'Status'),
    el('dd', { class: member.status === 'ACTIVE' ? '' : 'warn' }, member.status),
    el('dt', {}, 'Type'),
    el('dd', {}, `${member.type} · ${member.plan}`),
    el('dt', {}, 'Owes'),
    el('dd', { class: account.ledger.balance.amount > 0 ? 'warn' : '' }, formatMoney(account.ledger.balance)),
    ...(expiry === null ? [] : [el('dt', {}, 'Card expires'), el('dd', { class: expired ? 'warn' : '' }, `${formatDay(expiry)}${expired ? ' (expired)' : ''}`)]),
  );
  const blocks = account.standing.flatMap((s) => s.blocks.map((b) => el('li', {}, `${s.action}: ${b.message} (${b.code})`)));
  const blockList = blocks.length === 0 ? el('p', { class: 'ok-note' }, 'No blocks: may borrow, renew and place holds.') : el('ul', { class: 'blocks', 'aria-label': 'Blocks' }, ...blocks);
  $('#account').replaceChildren(
    el('h2', { id: 'account-title' }, member.name),
    facts,
    ...(expiry === null ? [] : [cardRenewal(account.at)]),
    el('h3', {}, 'Blocks'),
    blockList,
    await loanSection(account),
    fineSection({ memberId: member.memberId, ledger: account.ledger }, reload, focusScan),
    await holdSection(account.holds, { reload, focus: focusScan }),
  );
  $('#checkout-form', HTMLFormElement).hidden = false;
  $('#checkout-for').textContent = `Check out to ${member.name}`;
}

/**
 * Renew the card until a day (a year from today unless changed): POST /api/members/:id/card/renew.
 * @param {string} at the instant the account was read (the library clock)
 * @returns {HTMLElement}
 */
function cardRenewal(at) {
  const nextYear = new Date(at);
  nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
  const form = el(
    'form',
    { id: 'card-form', class: 'inline-form', autocomplete: 'off' },
    el('label', { for: 'card-until' }, 'Renew card until'),
    el('input', { id: 'card-until', type: 'date', value: nextYear.toISOString().slice(0, 10), required: '' }),
    el('button', { type: 'submit' }, 'Renew card'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void renewCard();
  });
  return form;
}

async function renewCard() {
  const until = input('#card-until').value;
  try {
    await api('POST', `/api/members/${encodeURIComponent(state.memberId ?? '')}/card/renew`, { expiresAt: `${until}T23:59:59.000Z` });
    announce(`Card renewed until ${formatDay(`${until}T23:59:59.000Z`)}.`);
    await reload();
  } catch (error) {
    announce(describeError(error), 'error');
  }
  focusScan();
}

/** @param {Account} account */
async function loanSection(account) {
  const rows = await Promise.all(
    account.loans.map(async (loan) => [
      await titleOf(loan.isbn),
      loan.barcode,
      formatDate(loan.dueAt),
      el('span', { class: loan.daysOverdue > 0 ? 'warn' : '' }, overdueText(loan.daysOverdue)),
      String(loan.renewals),
      button('Renew', () => renewOne(loan), { 'aria-label': `Renew ${loan.barcode}` }),
      el('span', { class: 'renewal-result', 'data-loan': loan.loanId }, state.renewals.get(loan.loanId) ?? ''),
    ]),
  );
  const renewAll = account.loans.length > 0 ? button('Renew all', () => renewAllOf(account.loans), { id: 'renew-all' }) : null;
  return el('section', { 'aria-labelledby': 'loans-title' }, el('h3', { id: 'loans-title' }, `Loans (${account.loans.length})`), table('Loans', ['Title', 'Copy', 'Due', 'Overdue', 'Renewals', '', 'Last renewal'], rows), renewAll);
}

/**
 * Renews one loan and keeps its answer: the new due date, or the refusal's reason.
 * @param {AccountLoan} loan
 * @returns {Promise<boolean>}
 */
async function renewal(loan) {
  try {
    /** @type {import('./api.js').Loan} */
    const renewed = await api('POST', '/api/renewals', { loanId: loan.loanId }, { idempotent: true });
    state.renewals.set(loan.loanId, `Renewed: due ${formatDate(renewed.dueAt)}`);
    return true;
  } catch (error) {
    state.renewals.set(loan.loanId, `Not renewed: ${describeError(error)}`);
    return false;
  }
}

/** @param {AccountLoan} loan */
async function renewOne(loan) {
  const ok = await renewal(loan);
  await reload();
  announce(`${loan.barcode}: ${state.renewals.get(loan.loanId) ?? ''}`, ok ? 'ok' : 'error');
  focusScan();
}

/** @param {readonly AccountLoan[]} loans */
async function renewAllOf(loans) {
  let renewed = 0;
  for (const loan of loans) if (await renewal(loan)) renewed += 1;
  await reload();
  announce(`Renewed ${renewed} of ${loans.length}; each loan shows its answer.`, renewed === loans.length ? 'ok' : 'error');
  focusScan();
}

/** Checks the scanned copy out to the member at the desk and prints a receipt slip. */
export async function checkOutScanned() {
  const barcode = input('#copy-barcode').value.trim();
  if (!barcode || state.memberId === null) return;
  try {
    /** @type {import('./api.js').Loan} */
    const loan = await api('POST', '/api/checkouts', { memberId: state.memberId, barcode }, { idempotent: true });
    addSlip('loan', 'LOAN SLIP', [
      ['Member', loan.memberId],
      ['Title', await titleOf(loan.isbn)],
      ['Copy', loan.barcode],
      ['Due', formatDate(loan.dueAt)],
    ]);
    announce(`Lent ${barcode} to ${loan.memberId}, due ${formatDate(loan.dueAt)}.`);
    input('#copy-barcode').value = '';
    await reload();
  } catch (error) {
    announce(describeError(error), 'error');
    input('#copy-barcode').select();
  }
  focusScan();
}

/** Puts the desk back to "no member": the next card can be scanned. */
export function closeAccount() {
  state.memberId = null;
  state.renewals.clear();
  $('#account').replaceChildren(el('p', { class: 'muted' }, 'Scan a member card to open the account.'));
  $('#checkout-form', HTMLFormElement).hidden = true;
  input('#member-card').value = '';
  focusScan();
}
