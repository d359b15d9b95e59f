// @ts-check
// Lists for the desk: a branch's hold shelf (ready holds with their deadline, expired ones to clear), the overdue
// loans, and the copies in transit once the API lists them.
import { api, describeError, isMissingRoute, titleOf } from './api.js';
import { $, announce, el, input, table } from './dom.js';
import { formatDate, overdueText } from './format.js';

/** @typedef {{ barcode: string, isbn: string, branch: string, rack: string, memberId: string, reservationId: string, expiresAt: string | null, expired: boolean }} ShelfEntry */
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

export async function showTransit() {
  try {
    /** @type {{ barcode: string, isbn: string, branch?: string, inTransitTo?: string | null, to?: string }[]} */
    const copies = await api('GET', '/api/transits');
    const rows = await Promise.all(copies.map(async (c) => [await titleOf(c.isbn), c.barcode, c.branch ?? '—', c.inTransitTo ?? c.to ?? '—']));
    $('#transit').replaceChildren(table(`In transit (${copies.length})`, ['Title', 'Copy', 'From', 'To'], rows, 'nothing on the road.'));
  } catch (error) {
    const text = isMissingRoute(error) ? 'This server does not list copies in transit.' : describeError(error);
    $('#transit').replaceChildren(el('p', { class: 'muted' }, text));
  }
}
