// @ts-check
// Lists for the desk: a branch's hold shelf (ready holds with their deadline, expired ones to clear), the overdue
// loans, and the copies in transit to the desk's branch, received there from the list or by scanning.
import { api, describeError, titleOf } from './api.js';
import { $, announce, button, el, input, table } from './dom.js';
import { addSlip } from './slips.js';
import { formatDate, overdueText } from './format.js';

/** @typedef {{ barcode: string, isbn: string, branch: string, rack: string, memberId: string, reservationId: string, expiresAt: string | null, expired: boolean }} ShelfEntry */
/** @typedef {{ barcode: string, isbn: string, branch: string, rack: string, status: string, inTransitTo: string | null }} TransitCopy */
/** @typedef {{ loanId: string, barcode: string, isbn: string, memberId: string, dueAt: string, daysOverdue: number }} OverdueLoan */

export async function showHoldShelf() {
  const branch = input('#shelf-branch').value.trim();
  try {
    /** @type {ShelfEntry[]} */
    const shelf = await api('GET', `/api/hold-shelf${branch ? `?branch=${encodeURIComponent(branch)}` : ''}`);
    const rows = await Promise.all(
      shelf.map(async (e) => [
        await titleOf(e.isbn),
        e.barcode,
        e.memberId,
        `${e.branch} · ${e.rack}`,
        e.expiresAt ? formatDate(e.expiresAt) : 'until collected',
        el('span', { class: e.expired ? 'warn' : '' }, e.expired ? 'expired: clear it' : 'ready'),
      ]),
    );
    const expired = shelf.filter((e) => e.expired).length;
    $('#hold-shelf').replaceChildren(table(`Hold shelf${branch ? ` of ${branch}` : ''} (${shelf.length}, ${expired} expired)`, ['Title', 'Copy', 'For', 'Where', 'Collect by', 'State'], rows, 'nothing waiting.'));
    announce(`Hold shelf: ${shelf.length} waiting, ${expired} expired.`);
  } catch (error) {
    $('#hold-shelf').replaceChildren(el('p', { class: 'error' }, describeError(error)));
    announce(describeError(error), 'error');
  }
}

export async function showOverdue() {
  try {
    /** @type {{ count: number, loans: OverdueLoan[] }} */
    const overdue = await api('GET', '/api/loans/overdue?limit=200');
    const rows = await Promise.all(
      overdue.loans.map(async (l) => [await titleOf(l.isbn), l.barcode, l.memberId, formatDate(l.dueAt), el('span', { class: 'warn' }, overdueText(l.daysOverdue))]),
    );
    const shown = overdue.loans.length < overdue.count ? `, the ${overdue.loans.length} most overdue shown` : '';
    $('#overdue').replaceChildren(table(`Overdue loans (${overdue.count}${shown})`, ['Title', 'Copy', 'Member', 'Due', 'Overdue'], rows, 'none.'));
    announce(`${overdue.count} overdue loans.`);
  } catch (error) {
    $('#overdue').replaceChildren(el('p', { class: 'error' }, describeError(error)));
    announce(describeError(error), 'error');
  }
}

/**
 * The copies in transit to the desk's branch (GET /api/branches/:branch/transit), each with a Receive button.
 * @returns {Promise<void>}
 */
export async function showTransit() {
  const branch = input('#shelf-branch').value.trim();
  if (!branch) {
    $('#transit').replaceChildren(el('p', { class: 'muted' }, "Enter the desk's branch to list the copies on their way to it."));
    input('#shelf-branch').focus();
    return;
  }
  try {
    /** @type {TransitCopy[]} */
    const copies = await api('GET', `/api/branches/${encodeURIComponent(branch)}/transit`);
    const rows = await Promise.all(
      copies.map(async (c) => [await titleOf(c.isbn), c.barcode, c.branch, c.inTransitTo ?? branch, button('Receive', () => receive(c.barcode), { 'aria-label': `Receive ${c.barcode}` })]),
    );
    $('#transit').replaceChildren(table(`In transit to ${branch} (${copies.length})`, ['Title', 'Copy', 'From', 'To', ''], rows, 'nothing on the road.'));
    announce(`${copies.length} in transit to ${branch}.`);
  } catch (error) {
    $('#transit').replaceChildren(el('p', { class: 'error' }, describeError(error)));
    announce(describeError(error), 'error');
  }
}

/** Receives the scanned copy at the desk's branch. */
export async function receiveScanned() {
  const barcode = input('#receive-barcode').value.trim();
  if (barcode) await receive(barcode);
}

/**
 * A copy in transit checked in at the desk's branch (POST /api/items/:barcode/receive): onto its hold shelf for the
 * member it travelled for (a hold slip), or back to the shelf; the transit list is read again.
 * @param {string} barcode
 */
async function receive(barcode) {
  const branch = input('#shelf-branch').value.trim();
  if (!branch) {
    announce("Enter the desk's branch first: a copy is received where it was sent.", 'error');
    input('#shelf-branch').focus();
    return;
  }
  try {
    /** @type {{ copy: TransitCopy, heldFor: { memberId: string, reservationId: string, expiresAt: string | null } | null }} */
    const moved = await api('POST', `/api/items/${encodeURIComponent(barcode)}/receive`, { branch });
    const title = await titleOf(moved.copy.isbn);
    if (moved.heldFor) {
      const held = moved.heldFor;
      addSlip('hold', `HOLD FOR ${held.memberId}`, [
        ['Copy', barcode],
        ['Title', title],
        ['Reservation', held.reservationId],
        ['Collect by', held.expiresAt ? formatDate(held.expiresAt) : '—'],
      ]);
    }
    input('#receive-barcode').value = '';
    // The list is read again first: its own count message must not cover what to do with the copy in hand.
    await showTransit();
    announce(
      moved.heldFor
        ? `Received ${barcode} at ${branch}: put it on the hold shelf for ${moved.heldFor.memberId} and print the hold slip.`
        : `Received ${barcode} at ${branch}: reshelve it at ${moved.copy.rack}.`,
    );
  } catch (error) {
    announce(describeError(error), 'error');
    input('#receive-barcode').select();
  }
  input('#receive-barcode').focus();
}
