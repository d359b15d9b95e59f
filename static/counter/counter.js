// @ts-check
// The circulation desk page: sign in with a staff token, then the views (desk, returns, lists, catalogue,
// dashboard), all on the HTTP API. Keyboard first: scanners type and press Enter, Alt+1…5 switch views, Esc goes
// back to the scan field, and focus returns there after every action.
import { checkOutScanned, closeAccount, focusScan, openAccount } from './account.js';
import { api, describeError, keepToken, session, token } from './api.js';
import { $, announce, input } from './dom.js';
import { showDashboard } from './dashboard.js';
import { receiveScanned, showHoldShelf, showOverdue, showTransit } from './lists.js';
import { returnScanned } from './returns.js';
import { prepareSearch, search } from './search.js';

/** What opening each view does, and where its focus goes. */
const VIEWS = /** @type {const} */ ({
  desk: { open: () => undefined, focus: () => { focusScan(); } },
  returns: { open: () => undefined, focus: () => { input('#return-barcode').focus(); } },
  lists: { open: () => showHoldShelf(), focus: () => { input('#shelf-branch').focus(); } },
  search: { open: () => { prepareSearch(); }, focus: () => { input('#search-q').focus(); } },
  dashboard: { open: () => showDashboard(), focus: () => { $('#refresh-dashboard', HTMLButtonElement).focus(); } },
});
/** @typedef {keyof typeof VIEWS} View */
let current = /** @type {View} */ ('desk');

/** @param {View} view */
function show(view) {
  current = view;
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.id === `tab-${view}`;
    tab.setAttribute('aria-selected', String(selected));
    tab.setAttribute('tabindex', selected ? '0' : '-1');
  }
  for (const name of /** @type {View[]} */ (Object.keys(VIEWS))) $(`#view-${name}`, HTMLElement).hidden = name !== view;
  void VIEWS[view].open();
  VIEWS[view].focus();
}

/**
 * @param {string} selector
 * @param {() => Promise<void> | void} action
 */
function onSubmit(selector, action) {
  $(selector, HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    void action();
  });
}

async function signIn() {
  keepToken(input('#token').value.trim());
  try {
    /** @type {{ kind: string, label?: string, scope?: string }} */
    const who = await api('GET', '/api/session');
    Object.assign(session, { kind: who.kind, label: who.label ?? '', scope: who.scope ?? '' });
    $('#who').textContent = who.kind === 'staff' ? `Signed in: ${session.label} (${session.scope})` : 'Not a staff token';
    announce(who.kind === 'staff' ? 'Signed in. Scan a member card, or press Alt+2 for returns.' : 'That token is not a staff token.', who.kind === 'staff' ? 'ok' : 'error');
    show(current);
  } catch (error) {
    $('#who').textContent = `Sign-in failed: ${describeError(error)}`;
  }
}

onSubmit('#signin-form', signIn);
onSubmit('#member-form', () => openAccount(input('#member-card').value).then(focusScan));
onSubmit('#checkout-form', checkOutScanned);
onSubmit('#return-form', returnScanned);
onSubmit('#shelf-form', showHoldShelf);
onSubmit('#receive-form', receiveScanned);
onSubmit('#search-form', search);
$('#close-account').addEventListener('click', closeAccount);
$('#show-overdue').addEventListener('click', () => void showOverdue());
$('#show-transit').addEventListener('click', () => void showTransit());
$('#refresh-dashboard').addEventListener('click', () => void showDashboard());

const tabs = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);
for (const tab of tabs) {
  tab.addEventListener('click', () => { show(/** @type {View} */ (tab.id.slice(4))); });
  tab.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next?.focus();
  });
}

document.addEventListener('keydown', (event) => {
  if (event.altKey && /^[1-5]$/.test(event.key)) {
    const tab = tabs.find((t) => t.dataset.key === event.key);
    if (tab) {
      event.preventDefault();
      show(/** @type {View} */ (tab.id.slice(4)));
    }
  } else if (event.key === 'Escape') {
    VIEWS[current].focus();
  }
});

if (token()) {
  input('#token').value = token();
  void signIn();
} else {
  input('#token').focus();
  announce('Sign in with a staff token to start.');
}
