// @ts-check
// The member's holds on the open account: their state (waiting, suspended, in transit, ready), and what the desk may
// do with each: suspend a waiting hold until a day or until resumed, resume a suspended one, cancel any.
import { api, describeError, titleOf } from './api.js';
import { announce, button, el, table } from './dom.js';
import { formatDate, formatDay } from './format.js';

/** @typedef {{ reservationId: string, isbn: string, status: string, position: number | null, barcode: string | null, expiresAt: string | null, pickupBranch?: string | null, suspendedUntil?: string | null }} Hold */
/** @typedef {{ reload: () => Promise<void>, focus: () => void }} After what the account does after each action */

/** @param {Hold} hold @returns {string} */
function holdState(hold) {
  if (hold.status === 'SUSPENDED') return hold.suspendedUntil ? `suspended until ${formatDay(hold.suspendedUntil)}` : 'suspended until resumed';
  if (hold.status === 'READY_FOR_PICKUP') return hold.barcode ? `ready: copy ${hold.barcode}` : 'ready';
  if (hold.status === 'IN_TRANSIT') return `in transit${hold.pickupBranch ? ` to ${hold.pickupBranch}` : ''}`;
  return hold.position === null ? hold.status.toLowerCase() : `waiting, number ${hold.position} in the queue`;
}

/**
 * The pause a waiting hold can take: a day (empty: until resumed) and a Suspend button; a suspended hold gets Resume.
 * @param {Hold} hold
 * @param {string} title
 * @param {After} after
 * @returns {HTMLElement | string}
 */
function pauseControl(hold, title, after) {
  if (hold.status === 'SUSPENDED') return button('Resume', () => resume(hold, title, after), { 'aria-label': `Resume hold on ${title}` });
  if (hold.status !== 'WAITING') return '';
  const id = `suspend-until-${hold.reservationId}`;
  const day = el('input', { id, type: 'date', 'aria-label': `Suspend hold on ${title} until (empty: until resumed)` });
  const go = button('Suspend', () => suspend(hold, title, /** @type {HTMLInputElement} */ (day).value, after), { 'aria-label': `Suspend hold on ${title}` });
  return el('span', { class: 'pause' }, day, go);
}

/**
 * Runs one call on a hold, says what it did (or why not), reads the account again and puts focus back.
 * @param {After} after
 * @param {() => Promise<string>} call answers what to tell the desk
 */
async function act(after, call) {
  try {
    announce(await call());
    await after.reload();
  } catch (error) {
    announce(describeError(error), 'error');
  }
  after.focus();
}

/**
 * @param {Hold} hold
 * @param {string} title
 * @param {string} day yyyy-mm-dd, or empty for "until resumed"
 * @param {After} after
 */
function suspend(hold, title, day, after) {
  const until = day ? `${day}T00:00:00.000Z` : null;
  return act(after, async () => {
    await api('POST', `/api/reservations/${encodeURIComponent(hold.reservationId)}/suspend`, until === null ? {} : { until });
    return `Suspended the hold on ${title} ${until === null ? 'until resumed' : `until ${formatDay(until)}`}.`;
  });
}

/** @param {Hold} hold @param {string} title @param {After} after */
function resume(hold, title, after) {
  return act(after, async () => {
    /** @type {Hold} */
    const resumed = await api('POST', `/api/reservations/${encodeURIComponent(hold.reservationId)}/resume`);
    return `Resumed the hold on ${title}: ${holdState(resumed)}.`;
  });
}

/** @param {Hold} hold @param {string} title @param {After} after */
function cancel(hold, title, after) {
  return act(after, async () => {
    await api('DELETE', `/api/reservations/${encodeURIComponent(hold.reservationId)}`);
    return `Cancelled the hold on ${title}.`;
  });
}

/**
 * @param {readonly Hold[]} holds
 * @param {After} after
 * @returns {Promise<HTMLElement>}
 */
export async function holdSection(holds, after) {
  const rows = await Promise.all(
    holds.map(async (hold) => {
      const title = await titleOf(hold.isbn);
      return [
        title,
        el('span', { 'data-hold-state': hold.status }, holdState(hold)),
        hold.expiresAt ? formatDate(hold.expiresAt) : '—',
        hold.pickupBranch ?? '—',
        pauseControl(hold, title, after),
        button('Cancel hold', () => cancel(hold, title, after), { 'aria-label': `Cancel hold on ${hold.isbn}` }),
      ];
    }),
  );
  return el('section', { 'aria-labelledby': 'holds-title' }, el('h3', { id: 'holds-title' }, `Holds (${holds.length})`), table('Holds', ['Title', 'State', 'Collect by', 'Pickup at', 'Pause', ''], rows));
}
