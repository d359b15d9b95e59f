// The counter page: scan a member card and copy barcodes; the API does the rest.
// Plain browser JavaScript, no build step. Every request carries the staff token; checkouts and
// returns carry an Idempotency-Key so a retry after a dropped connection never acts twice.

const $ = (selector) => document.querySelector(selector);
const tokenKey = 'shelfmark.counter.token';
const titles = new Map();

function token() {
  return sessionStorage.getItem(tokenKey) ?? '';
}

async function api(method, path, body, idempotencyKey) {
  const headers = { authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const send = () => fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let response;
  try {
    response = await send();
  } catch {
    response = await send(); // one retry on a network failure, with the same Idempotency-Key
  }
  const payload = response.status === 204 ? null : await response.json();
  if (!response.ok) throw Object.assign(new Error(payload?.message ?? response.statusText), { code: payload?.code, status: response.status });
  return payload;
}

function formatDate(iso) {
  return new Date(iso).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';
}

function formatMoney({ amount, currency }) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount / 100);
}

async function titleOf(isbn) {
  if (!titles.has(isbn)) {
    try {
      titles.set(isbn, (await api('GET', `/api/catalog/books/${encodeURIComponent(isbn)}`)).title);
    } catch {
      titles.set(isbn, isbn);
    }
  }
  return titles.get(isbn);
}

function say(text, isError = false) {
  const message = $('#message');
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

function slip(kind, heading, rows) {
  const item = document.createElement('li');
  item.className = `slip ${kind}`;
  item.dataset.kind = kind;
  const h = document.createElement('h3');
  h.textContent = heading;
  const dl = document.createElement('dl');
  for (const [term, value, cls] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (cls) dd.className = cls;
    dl.append(dt, dd);
  }
  item.append(h, dl);
  $('#slips').prepend(item);
}

async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(tokenKey, $('#token').value.trim());
  try {
    const who = await api('GET', '/api/session');
    $('#who').textContent = who.kind === 'staff' ? `Signed in: ${who.label} (${who.scope})` : 'Not a staff token';
    $('#member-card').focus();
  } catch (error) {
    $('#who').textContent = `Sign-in failed: ${error.message}`;
  }
}

async function showMember() {
  const card = $('#member-card').value.trim();
  if (!card) return;
  try {
    const m = await api('GET', `/api/members/${encodeURIComponent(card)}`);
    $('#member-banner').textContent = `${m.name} · ${m.status} · ${m.activeLoanCount} on loan · owes ${formatMoney(m.fineBalance)}`;
  } catch (error) {
    $('#member-banner').textContent = error.message;
  }
}

async function checkOut(event) {
  event.preventDefault();
  const memberId = $('#member-card').value.trim();
  const barcode = $('#copy-barcode').value.trim();
  try {
    const loan = await api('POST', '/api/checkouts', { memberId, barcode }, crypto.randomUUID());
    slip('loan', 'LOAN SLIP', [
      ['Member', loan.memberId],
      ['Title', await titleOf(loan.isbn)],
      ['Copy', loan.barcode],
      ['Due', formatDate(loan.dueAt)],
    ]);
    say(`Lent ${barcode} to ${memberId}.`);
    $('#copy-barcode').value = '';
    $('#copy-barcode').focus();
    await showMember();
  } catch (error) {
    say(`${error.code ?? 'ERROR'}: ${error.message}`, true);
  }
}

async function returnCopy(event) {
  event.preventDefault();
  const barcode = $('#return-barcode').value.trim();
  const condition = $('#return-damaged').checked ? 'DAMAGED' : 'GOOD';
  try {
    const receipt = await api('POST', '/api/returns', { barcode, condition }, crypto.randomUUID());
    const title = await titleOf(receipt.loan.isbn);
    const rows = [
      ['Copy', barcode],
      ['Title', title],
      ['From', receipt.loan.memberId],
      ['Days late', String(receipt.daysLate)],
    ];
    for (const fine of receipt.finesAssessed) rows.push([`Fine (${fine.reason.toLowerCase()})`, formatMoney(fine.amount), 'amount']);
    slip(receipt.finesAssessed.length > 0 ? 'return fine' : 'return', 'RETURN RECEIPT', rows);
    if (receipt.heldFor) {
      slip('hold', `HOLD FOR ${receipt.heldFor.memberId}`, [
        ['Copy', barcode],
        ['Title', title],
        ['Reservation', receipt.heldFor.reservationId],
        ['Collect by', receipt.heldFor.expiresAt ? formatDate(receipt.heldFor.expiresAt) : '—'],
      ]);
      say(`Put ${barcode} on the hold shelf for ${receipt.heldFor.memberId}.`);
    } else {
      say(`Returned ${barcode}; reshelve it.`);
    }
    $('#return-barcode').value = '';
    $('#return-barcode').focus();
  } catch (error) {
    say(`${error.code ?? 'ERROR'}: ${error.message}`, true);
  }
}

$('#signin-form').addEventListener('submit', signIn);
$('#member-card').addEventListener('change', showMember);
$('#checkout-form').addEventListener('submit', checkOut);
$('#return-form').addEventListener('submit', returnCopy);
if (token()) $('#token').value = token();
