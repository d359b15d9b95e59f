// @ts-check
// Catalogue search with facets and live availability; a hold can be placed from a result for the member at the desk
// (or any card typed in).
import { memberAtDesk } from './account.js';
import { api, describeError } from './api.js';
import { $, announce, button, el, input, table } from './dom.js';

/** @typedef {{ value: string, count: number }} FacetCount */
/** @typedef {{ recordId: string, isbn?: string, title: string, authors: string[], year?: number, availableCopies: number, availableLicenses: number, formats: string[] }} Hit */
/** @typedef {{ total: number, hits: Hit[], facets?: { subjects: FacetCount[], languages: FacetCount[], decades: FacetCount[], formats: FacetCount[] } }} SearchResult */

/** The facet filters chosen (search parameter → value). */
const chosen = /** @type {Map<string, string>} */ (new Map());

/** The facets the API returns, and the search parameter each one filters on. */
const FACETS = /** @type {const} */ ([
  ['subjects', 'subject', 'Subject'],
  ['languages', 'language', 'Language'],
  ['formats', 'format', 'Format'],
]);

export async function search() {
  const params = new URLSearchParams({ facets: 'true', limit: '20' });
  const q = input('#search-q').value.trim();
  if (q) params.set('q', q);
  if (input('#search-available').checked) params.set('availableOnly', 'true');
  for (const [key, value] of chosen) params.set(key, value);
  try {
    /** @type {SearchResult} */
    const result = await api('GET', `/api/catalog/search?${params.toString()}`);
    renderFacets(result);
    const rows = result.hits.map((hit) => [
      hit.title,
      hit.authors.join(', '),
      hit.year === undefined ? '—' : String(hit.year),
      el('span', { class: hit.availableCopies > 0 ? 'available' : 'muted' }, hit.availableCopies > 0 ? `${hit.availableCopies} on the shelf` : 'none on the shelf'),
      hit.formats.join(', '),
      button('Place hold', () => placeHold(hit), { 'aria-label': `Place hold on ${hit.title}` }),
    ]);
    $('#search-results').replaceChildren(table(`${result.total} titles`, ['Title', 'Authors', 'Year', 'Availability', 'Formats', ''], rows, 'nothing found.'));
    announce(`${result.total} titles found.`);
  } catch (error) {
    announce(describeError(error), 'error');
  }
}

/** @param {SearchResult} result */
function renderFacets(result) {
  const groups = FACETS.map(([field, param, label]) => {
    const counts = result.facets?.[field] ?? [];
    const buttons = counts.slice(0, 8).map((c) => {
      const active = chosen.get(param) === c.value;
      return button(`${c.value} (${c.count})`, async () => {
        if (active) chosen.delete(param);
        else chosen.set(param, c.value);
        await search();
      }, { 'aria-pressed': String(active), class: 'facet' });
    });
    return buttons.length === 0 ? null : el('div', { class: 'facet-group', role: 'group', 'aria-label': label }, el('span', { class: 'facet-label' }, label), ...buttons);
  });
  $('#facets').replaceChildren(...groups.filter((g) => g !== null));
}

/** @param {Hit} hit */
async function placeHold(hit) {
  const memberId = input('#hold-member').value.trim() || memberAtDesk();
  if (!memberId) {
    announce('Scan or type the member card to place the hold for.', 'error');
    input('#hold-member').focus();
    return;
  }
  try {
    /** @type {{ status: string, barcode: string | null, position: number | null }} */
    const hold = await api('POST', '/api/reservations', { memberId, isbn: hit.recordId }, { idempotent: true });
    const where = hold.status === 'READY_FOR_PICKUP' ? `ready now: copy ${hold.barcode ?? ''}` : `number ${hold.position ?? '?'} in the queue`;
    announce(`Hold placed for ${memberId} on ${hit.title}: ${where}.`);
  } catch (error) {
    announce(describeError(error), 'error');
  }
}

/** Fills the hold's card field with the member at the desk when the search view opens. */
export function prepareSearch() {
  const member = memberAtDesk();
  if (member !== null && !input('#hold-member').value) input('#hold-member').value = member;
}
