// @ts-check
// Every call to the shelfmark HTTP API goes through here: the staff token (kept in this tab's sessionStorage, as
// before), JSON in and out, an Idempotency-Key on writes that honour one, and errors as ApiError with the API's code.

const TOKEN_KEY = 'shelfmark.counter.token';

/** What to tell the person at the desk for each error code the API answers with. */
const ADVICE = /** @type {Readonly<Record<string, string>>} */ ({
  UNAUTHENTICATED: 'Sign in with a staff token first.',
  FORBIDDEN: 'This staff token may not do that; ask a librarian.',
  MEMBER_NOT_FOUND: 'No member with that card: check the card number.',
  COPY_NOT_FOUND: 'No copy with that barcode: rescan it.',
  BOOK_NOT_FOUND: 'No title with that ISBN or record id.',
  MEMBER_BLOCKED: 'The member is blocked.',
  CARD_EXPIRED: 'The card has expired: renew it first.',
  COPY_NOT_AVAILABLE: 'That copy is on loan or lost: try another copy, or place a hold.',
  COPY_HELD_FOR_ANOTHER_MEMBER: 'That copy waits on the hold shelf for someone else: place a hold instead.',
  REFERENCE_ONLY: 'Reference copies stay in the library.',
  LOAN_NOT_FOUND: 'That copy is not on loan.',
  LOAN_LIMIT_REACHED: 'The member has as many loans as allowed: a book must come back first.',
  FINES_OVER_THRESHOLD: 'Unpaid fines are over the limit: take a payment first.',
  RENEWAL_LIMIT_REACHED: 'Renewed as often as allowed: the book must come back.',
  RENEWAL_BLOCKED_BY_RESERVATIONS: 'Other members wait for this title: the book must come back.',
  RENEWAL_TOO_OVERDUE: 'Too overdue to renew: the book must come back.',
  RENEWAL_TOO_EARLY: 'Too early to renew: try nearer the due date.',
  RENEWAL_OF_RECALLED_LOAN: 'The loan was recalled: the book must come back.',
  RENEWAL_OF_CLAIMED_LOAN: 'The member claims it was returned: resolve the claim first.',
  ALREADY_BORROWED_TITLE: 'The member already has a copy of this title.',
  OVERDUE_LIMIT_REACHED: 'Too many overdue loans: they must come back first (or a librarian overrides).',
  LOST_LIMIT_REACHED: 'Too many lost items: settle them first.',
  ALREADY_RESERVED: 'The member already waits for this title.',
  RESERVATION_LIMIT_REACHED: 'The member has as many holds as allowed: cancel one first.',
  NOTHING_TO_RESERVE: 'The title has no copy that can be lent.',
  AMOUNT_EXCEEDS_BALANCE: 'That is more than the member owes: take the balance instead.',
  INVALID_AMOUNT: 'Enter an amount above zero.',
  FINE_NOT_OPEN: 'That fine is already paid or waived.',
  WRONG_BRANCH: 'That copy travels to another branch: send it on.',
  BRANCH_NOT_FOUND: 'No branch with that id: check the desk branch.',
  ILLEGAL_TRANSITION: 'Not possible in its current state (a copy not in transit, a hold not waiting).',
  INVALID_INPUT: 'Check what was typed or scanned.',
  RATE_LIMITED: 'Too many attempts: wait a moment.',
  ROUTE_NOT_FOUND: 'This server does not offer that yet.',
  STORE_UNAVAILABLE: 'The database cannot be reached: try again in a moment.',
  INTERNAL_ERROR: 'The server failed: try again.',
});

export class ApiError extends Error {
  /**
   * @param {string} message the API's message
   * @param {string} code the API's stable error code
   * @param {number} status the HTTP status
   */
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** @returns {string} */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** @param {string} value */
export function keepToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

/**
 * One call. A write that honours Idempotency-Key gets a fresh one, and a network failure is retried once with the same
 * key, so a dropped connection never lends or takes a payment twice.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {{ idempotent?: boolean }} [options]
 * @returns {Promise<T>} the answer, as the caller's type says the route answers
 * @template [T=unknown]
 */
export async function api(method, path, body, options = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  const t = token();
  if (t) headers.authorization = `Bearer ${t}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotent) headers['idempotency-key'] = crypto.randomUUID();
  const send = () => fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let response;
  try {
    response = await send();
  } catch {
    response = await send();
  }
  /** @type {unknown} */
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const body = /** @type {{ message?: string, code?: string } | null} */ (payload);
    throw new ApiError(body?.message ?? response.statusText, body?.code ?? `HTTP_${String(response.status)}`, response.status);
  }
  return /** @type {T} */ (payload);
}

/**
 * A message for the desk: the advice for the code, then the API's own words.
 * @param {unknown} error
 * @returns {string}
 */
export function describeError(error) {
  if (error instanceof ApiError) {
    const advice = ADVICE[error.code];
    return advice ? `${advice} (${error.code}: ${error.message})` : `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** @typedef {{ loanId: string, barcode: string, isbn: string, memberId: string, dueAt: string }} Loan */

/** Who is signed in, as GET /api/session said. */
export const session = { kind: '', label: '', scope: '' };

/** Staff scopes, lowest first: a scope may do what the ones before it may. */
const SCOPES = ['counter', 'librarian', 'admin'];

/** @param {string} needed @returns {boolean} */
export function mayAct(needed) {
  return session.kind === 'staff' && SCOPES.indexOf(session.scope) >= SCOPES.indexOf(needed);
}

/** @type {Map<string, string>} */
const titles = new Map();

/**
 * A title for an ISBN (looked up once, then remembered); the ISBN itself when the lookup fails.
 * @param {string} isbn
 * @returns {Promise<string>}
 */
export async function titleOf(isbn) {
  const known = titles.get(isbn);
  if (known !== undefined) return known;
  let title = isbn;
  try {
    /** @type {{ title: string }} */
    const book = await api('GET', `/api/catalog/books/${encodeURIComponent(isbn)}`);
    title = book.title;
  } catch {
    // keep the ISBN
  }
  titles.set(isbn, title);
  return title;
}
