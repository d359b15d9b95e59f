// @ts-check
// Printable slips: a checkout receipt, a return receipt, a hold slip. Printing one prints that slip alone (print.css).
import { $, el } from './dom.js';

/**
 * Adds a slip to the top of the slip list.
 * @param {'loan' | 'return' | 'hold' | 'transit'} kind
 * @param {string} heading
 * @param {readonly (readonly [string, string, string?])[]} rows term, value, and an optional class for the value
 * @param {{ fine?: boolean }} [options]
 * @returns {HTMLElement}
 */
export function addSlip(kind, heading, rows, options = {}) {
  const list = el('dl');
  for (const [term, value, cls] of rows) list.append(el('dt', {}, term), el('dd', cls ? { class: cls } : {}, value));
  const print = el('button', { type: 'button', class: 'print' }, 'Print slip');
  const item = el('li', { class: `slip ${kind}${options.fine ? ' fine' : ''}`, 'data-kind': kind }, el('h3', {}, heading), list, print);
  print.addEventListener('click', () => { printSlip(item); });
  $('#slips').prepend(item);
  return item;
}

/** @param {HTMLElement} slip */
export function printSlip(slip) {
  for (const other of document.querySelectorAll('.slip.to-print')) other.classList.remove('to-print');
  slip.classList.add('to-print');
  document.body.classList.add('printing');
  const done = () => {
    document.body.classList.remove('printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
