// @ts-check
// The dashboard: GET /api/statistics/circulation drawn with uPlot (served from the uplot package, no CDN), with the
// same figures in tables for screen readers and for anyone who prefers numbers.
import { api, describeError } from './api.js';
import { $, announce, el, table } from './dom.js';
import { formatMoney } from './format.js';
import uPlot from './vendor/uPlot.esm.js';

/** @typedef {{ start: string, checkouts: number, returns: number }} Point */
/** @typedef {{ amount: number, currency: string }} Money */
/** @typedef {{ at: string, today: { date: string, hours: Point[] }, month: { month: string, days: Point[] }, overdueLoans: number, holds: { waiting: number, ready: number }, finesCollected: { today: Money, month: Money } }} Statistics */

/** @type {uPlot[]} */
let charts = [];

const LOANS_COLOUR = '#1f5f99';
const RETURNS_COLOUR = '#b35c00';

/**
 * @param {string} label
 * @param {string} value
 * @param {string} id
 */
function tile(label, value, id) {
  return el('div', { class: 'tile', id }, el('span', { class: 'tile-value' }, value), el('span', { class: 'tile-label' }, label));
}

/**
 * A bar chart of checkouts and returns per bucket.
 * @param {HTMLElement} target
 * @param {string} title
 * @param {readonly Point[]} points
 * @param {(start: string) => string} label how a bucket is named on the axis
 * @param {string} unit what one bucket is (the legend's first column)
 */
function chart(target, title, points, label, unit) {
  const xs = points.map((_, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.4, 24], align: 0 });
  /** @type {uPlot.Options} */
  const options = {
    title,
    width: Math.max(320, Math.min(target.clientWidth || 560, 900)),
    height: 220,
    scales: { x: { time: false } },
    axes: [
      { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) && points[t] ? label(points[t].start) : '')) },
      { label: 'copies', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] },
    ],
    series: [
      { label: unit, value: (_u, i) => (points[i] ? label(points[i].start) : '—') },
      { label: 'Loans', stroke: LOANS_COLOUR, fill: LOANS_COLOUR, width: 1, points: { show: false }, ...(bars ? { paths: bars } : {}) },
      { label: 'Returns', stroke: RETURNS_COLOUR, fill: RETURNS_COLOUR, width: 1, points: { show: false }, ...(bars ? { paths: uPlot.paths.bars?.({ size: [0.4, 24], align: 1 }) } : {}) },
    ],
  };
  const data = /** @type {uPlot.AlignedData} */ ([xs, points.map((p) => p.checkouts), points.map((p) => p.returns)]);
  charts.push(new uPlot(options, data, target));
}

/** @param {string} title @param {readonly Point[]} points @param {(start: string) => string} label */
function figures(title, points, label) {
  const busy = points.filter((p) => p.checkouts > 0 || p.returns > 0);
  return el('details', {}, el('summary', {}, `${title} as a table`), table(title, ['When', 'Loans', 'Returns'], busy.map((p) => [label(p.start), String(p.checkouts), String(p.returns)]), 'no loans or returns.'));
}

const hourOf = (/** @type {string} */ start) => `${start.slice(11, 13)}:00`;
const dayOf = (/** @type {string} */ start) => String(Number(start.slice(8, 10)));

export async function showDashboard() {
  try {
    /** @type {Statistics} */
    const stats = await api('GET', '/api/statistics/circulation');
    for (const c of charts) c.destroy();
    charts = [];
    const loansToday = stats.today.hours.reduce((n, p) => n + p.checkouts, 0);
    const returnsToday = stats.today.hours.reduce((n, p) => n + p.returns, 0);
    $('#tiles').replaceChildren(
      tile('loans today', String(loansToday), 'tile-loans'),
      tile('returns today', String(returnsToday), 'tile-returns'),
      tile('overdue loans', String(stats.overdueLoans), 'tile-overdue'),
      tile('holds waiting', String(stats.holds.waiting), 'tile-waiting'),
      tile('holds ready', String(stats.holds.ready), 'tile-ready'),
      tile('fines collected today', formatMoney(stats.finesCollected.today), 'tile-fines-today'),
      tile('fines collected this month', formatMoney(stats.finesCollected.month), 'tile-fines-month'),
    );
    const today = $('#chart-today', HTMLElement);
    const month = $('#chart-month', HTMLElement);
    today.replaceChildren();
    month.replaceChildren();
    chart(today, `Today (${stats.today.date}, UTC): loans and returns per hour`, stats.today.hours, hourOf, 'Hour');
    chart(month, `This month (${stats.month.month}): loans and returns per day`, stats.month.days, dayOf, 'Day');
    $('#figures').replaceChildren(figures('Today per hour', stats.today.hours, hourOf), figures('This month per day', stats.month.days, dayOf));
    announce(`Dashboard: ${loansToday} loans and ${returnsToday} returns today, ${stats.overdueLoans} overdue.`);
  } catch (error) {
    announce(describeError(error), 'error');
  }
}
