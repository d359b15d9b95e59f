// @ts-check
// Returns: scan a copy back in; the desk says where it goes next (the shelf, the hold shelf for whom, or in transit to
// which branch) and any fine, with a return receipt and a hold or transit slip to print.
import { api, describeError, titleOf } from './api.js';
import { $, announce, el, input } from './dom.js';
import { formatDate, formatMoney } from './format.js';
import { addSlip } from './slips.js';

/** @typedef {{ fineId: string, reason: string, amount: { amount: number, currency: string } }} Fine */
/** @typedef {{ barcode: string, memberId: string, reservationId: string, expiresAt: string | null, inTransitTo?: string }} HeldFor */
/** @typedef {{ loan: { memberId: string, isbn: string }, daysLate: number, finesAssessed: Fine[], heldFor: HeldFor | null }} Receipt */

/**
 * @param {string} heading
 * @param {string} detail
 * @param {'shelf' | 'hold' | 'transit'} route
 */
function showRoute(heading, detail, route) {
  $('#return-result').replaceChildren(el('p', { class: `route ${route}`, 'data-route': route }, el('strong', {}, heading), ' ', detail));
}

export async function returnScanned() {
  const barcode = input('#return-barcode').value.trim();
  if (!barcode) return;
  const condition = input('#return-damaged').checked ? 'DAMAGED' : 'GOOD';
  try {
    /** @type {Receipt} */
    const receipt = await api('POST', '/api/returns', { barcode, condition }, { idempotent: true });
    const title = await titleOf(receipt.loan.isbn);
    /** @type {[string, string, string?][]} */
    const rows = [
      ['Copy', barcode],
      ['Title', title],
      ['From', receipt.loan.memberId],
      ['Days late', String(receipt.daysLate)],
    ];
    for (const fine of receipt.finesAssessed) rows.push([`Fine (${fine.reason.toLowerCase()})`, formatMoney(fine.amount), 'amount']);
    addSlip('return', 'RETURN RECEIPT', rows, { fine: receipt.finesAssessed.length > 0 });
    const fines = receipt.finesAssessed.map((f) => `${formatMoney(f.amount)} ${f.reason.toLowerCase()}`).join(', ');
    const fineText = fines ? ` Fine assessed: ${fines}.` : '';
    const held = receipt.heldFor;
    if (held?.inTransitTo) {
      const destination = held.inTransitTo;
      addSlip('transit', `IN TRANSIT TO ${destination}`, [
        ['Copy', barcode],
        ['Title', title],
        ['To', destination],
        ['Hold for', held.memberId],
        ['Reservation', held.reservationId],
      ]);
      showRoute('In transit', `to ${destination}, to be held there for ${held.memberId}: print the transit slip.${fineText}`, 'transit');
      announce(`Send ${barcode} to ${destination} for ${held.memberId}.${fineText}`);
    } else if (held) {
      addSlip('hold', `HOLD FOR ${held.memberId}`, [
        ['Copy', barcode],
        ['Title', title],
        ['Reservation', held.reservationId],
        ['Collect by', held.expiresAt ? formatDate(held.expiresAt) : '—'],
      ]);
      showRoute('Hold shelf', `for ${held.memberId}: print the hold slip.${fineText}`, 'hold');
      announce(`Put ${barcode} on the hold shelf for ${held.memberId}.${fineText}`);
    } else {
      /** @type {{ branch: string, rack: string } | null} */
      const copy = await api('GET', `/api/items/${encodeURIComponent(barcode)}`).then(
        (c) => /** @type {{ branch: string, rack: string }} */ (c),
        () => null,
      );
      const where = copy ? ` at ${copy.branch}, ${copy.rack}` : '';
      showRoute('Back to the shelf', `${where}.${fineText}`, 'shelf');
      announce(`Returned ${barcode}; reshelve it${where}.${fineText}`);
    }
    input('#return-barcode').value = '';
    input('#return-damaged').checked = false;
  } catch (error) {
    $('#return-result').replaceChildren(el('p', { class: 'error' }, describeError(error)));
    announce(describeError(error), 'error');
  }
  input('#return-barcode').focus();
}
