// @ts-check
// How instants and money read at the desk. Dates are shown in UTC, like the API's days.

/** @param {string} iso @returns {string} */
export function formatDate(iso) {
  return new Date(iso).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';
}

/** @param {string} iso @returns {string} */
export function formatDay(iso) {
  return new Date(iso).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** @param {{ amount: number, currency: string }} money @returns {string} */
export function formatMoney({ amount, currency }) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount / 100);
}

/** @param {number} days @returns {string} */
export function overdueText(days) {
  if (days <= 0) return 'on time';
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

/**
 * Major units typed at the desk ("4.50") as minor units (450); null when it is not an amount.
 * @param {string} text
 * @returns {number | null}
 */
export function minorUnits(text) {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const [, whole = '0', cents = ''] = match;
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}
