import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCredentialStore } from '../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { DigitalCopyFixtures, license } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, PIN, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** What the caller may do: reach the handler (ALLOWED), or be refused before it. */
const ALLOWED = 'allowed';
type Outcome = typeof ALLOWED | 401 | 403;
type Caller = 'anonymous' | 'member on own account' | "member on another's account" | 'counter' | 'librarian' | 'admin';
type Expectation = Readonly<Record<Caller, Outcome>>;

const ANYONE: Expectation = {
  anonymous: ALLOWED,
  'member on own account': ALLOWED,
  "member on another's account": ALLOWED,
  counter: ALLOWED,
  librarian: ALLOWED,
  admin: ALLOWED,
};
const OWN_ACCOUNT_OR_COUNTER: Expectation = { ...ANYONE, anonymous: 401, "member on another's account": 403 };
const COUNTER: Expectation = { ...OWN_ACCOUNT_OR_COUNTER, 'member on own account': 403 };
const LIBRARIAN: Expectation = { ...COUNTER, counter: 403 };
const ADMIN: Expectation = { ...LIBRARIAN, librarian: 403 };
/** Anyone may check a loan token; a signed-in member only their own. */
const ANYONE_BUT_ANOTHER_MEMBER: Expectation = { ...ANYONE, "member on another's account": 403 };

/** Ids of the world every row starts from (fresh library each row). */
interface World {
  /** Priya's, or Raj's when the caller is a member acting on another's account. */
  readonly memberId: string;
  readonly loanedBarcode: string;
  readonly loanId: string;
  readonly reservationId: string;
  readonly fineId: string;
  /** The member's e-loan of the Clean Code audiobook, and its loan token. */
  readonly digitalLoanId: string;
  readonly loanToken: string;
}

type Row = readonly [route: string, request: (w: World) => InjectOptions, expected: Expectation];

const ROUTES: readonly Row[] = [
  ['GET /api/audit', (w) => ({ method: 'GET', url: `/api/audit?memberId=${w.memberId}` }), LIBRARIAN],
  ['GET /api/explain', (w) => ({ method: 'GET', url: `/api/explain?memberId=${w.memberId}&barcode=${w.loanedBarcode}` }), COUNTER],
  ['GET /api/catalog/search', () => ({ method: 'GET', url: '/api/catalog/search?q=algorithms&facets=true' }), ANYONE],
  ['GET /api/catalog/books', () => ({ method: 'GET', url: `/api/catalog/books?isbn=${CORMEN}` }), ANYONE],
  ['GET /api/catalog/books/:isbn', () => ({ method: 'GET', url: `/api/catalog/books/${CORMEN}` }), ANYONE],
  ['GET /api/catalog/books/:isbn/availability', () => ({ method: 'GET', url: `/api/catalog/books/${CORMEN}/availability` }), ANYONE],
  ['GET /api/session', () => ({ method: 'GET', url: '/api/session' }), ANYONE],
  ['POST /api/sessions/pin', () => ({ method: 'POST', url: '/api/sessions/pin', payload: { cardNumber: priya.id, pin: PIN } }), ANYONE],
  // Before the PIN is changed by PUT /api/members/:memberId/pin (the credentials are shared across rows).
  ['POST /opds/token', () => ({ method: 'POST', url: '/opds/token', payload: { grant_type: 'password', username: priya.id, password: PIN } }), ANYONE],
  ['GET /api/catalog/books/:isbn/copies', () => ({ method: 'GET', url: `/api/catalog/books/${CORMEN}/copies` }), COUNTER],
  ['GET /api/catalog/books/:isbn/queue', () => ({ method: 'GET', url: `/api/catalog/books/${CORMEN}/queue` }), COUNTER],
  ['POST /api/catalog/books', () => ({ method: 'POST', url: '/api/catalog/books', payload: BookFixtures.cleanCode }), LIBRARIAN],
  ['DELETE /api/catalog/books/:isbn', () => ({ method: 'DELETE', url: `/api/catalog/books/${BookFixtures.designPatterns.isbn}` }), LIBRARIAN],
  ['GET /api/items/:barcode', (w) => ({ method: 'GET', url: `/api/items/${w.loanedBarcode}` }), COUNTER],
  ['POST /api/items', () => ({ method: 'POST', url: '/api/items', payload: { barcode: 'cormen-9', isbn: CORMEN, branch: 'main', rack: '4-B' } }), LIBRARIAN],
  ['DELETE /api/items/:barcode', () => ({ method: 'DELETE', url: '/api/items/cormen-3' }), LIBRARIAN],
  ['POST /api/items/:barcode/lost', (w) => ({ method: 'POST', url: `/api/items/${w.loanedBarcode}/lost` }), LIBRARIAN],
  ['POST /api/items/:barcode/found', () => ({ method: 'POST', url: '/api/items/cormen-3/found' }), COUNTER],
  ['POST /api/items/:barcode/receive', () => ({ method: 'POST', url: '/api/items/cormen-3/receive', payload: { branch: 'main' } }), COUNTER],
  ['POST /api/items/:barcode/damaged', () => ({ method: 'POST', url: '/api/items/cormen-3/damaged' }), COUNTER],
  ['POST /api/items/:barcode/repair', () => ({ method: 'POST', url: '/api/items/cormen-3/repair' }), LIBRARIAN],
  ['POST /api/items/:barcode/repaired', () => ({ method: 'POST', url: '/api/items/cormen-3/repaired' }), LIBRARIAN],
  ['POST /api/items/:barcode/missing', () => ({ method: 'POST', url: '/api/items/cormen-3/missing' }), LIBRARIAN],
  ['GET /api/branches', () => ({ method: 'GET', url: '/api/branches' }), COUNTER],
  ['GET /api/branches/:branch', () => ({ method: 'GET', url: '/api/branches/main' }), COUNTER],
  ['POST /api/branches', () => ({ method: 'POST', url: '/api/branches', payload: { id: 'east', name: 'East Branch' } }), LIBRARIAN],
  ['GET /api/branches/:branch/hold-shelf', () => ({ method: 'GET', url: '/api/branches/main/hold-shelf' }), COUNTER],
  ['GET /api/branches/:branch/transit', () => ({ method: 'GET', url: '/api/branches/main/transit' }), COUNTER],
  ['POST /api/members', () => ({ method: 'POST', url: '/api/members', payload: { id: 'M-NEW', name: 'New Reader' } }), COUNTER],
  ['GET /api/members/:memberId', (w) => ({ method: 'GET', url: `/api/members/${w.memberId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/members/:memberId/loans', (w) => ({ method: 'GET', url: `/api/members/${w.memberId}/loans` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/members/:memberId/fines', (w) => ({ method: 'GET', url: `/api/members/${w.memberId}/fines` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/members/:memberId/account', (w) => ({ method: 'GET', url: `/api/members/${w.memberId}/account` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/members/:memberId/reservations', (w) => ({ method: 'GET', url: `/api/members/${w.memberId}/reservations` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/loans/overdue', () => ({ method: 'GET', url: '/api/loans/overdue?limit=10' }), COUNTER],
  ['GET /api/hold-shelf', () => ({ method: 'GET', url: '/api/hold-shelf?branch=main' }), COUNTER],
  ['GET /api/statistics/circulation', () => ({ method: 'GET', url: '/api/statistics/circulation' }), COUNTER],
  ['PUT /api/members/:memberId/pin', (w) => ({ method: 'PUT', url: `/api/members/${w.memberId}/pin`, payload: { pin: '1357' } }), COUNTER],
  ['POST /api/members/:memberId/block', (w) => ({ method: 'POST', url: `/api/members/${w.memberId}/block`, payload: { reason: 'lost card' } }), LIBRARIAN],
  ['POST /api/members/:memberId/unblock', (w) => ({ method: 'POST', url: `/api/members/${w.memberId}/unblock` }), LIBRARIAN],
  [
    'POST /api/members/:memberId/card/renew',
    (w) => ({ method: 'POST', url: `/api/members/${w.memberId}/card/renew`, payload: { expiresAt: '2030-01-01T00:00:00.000Z' } }),
    COUNTER,
  ],
  ['DELETE /api/members/:memberId', (w) => ({ method: 'DELETE', url: `/api/members/${w.memberId}` }), LIBRARIAN],
  [
    'POST /api/members/:memberId/fines/:fineId/waive',
    (w) => ({ method: 'POST', url: `/api/members/${w.memberId}/fines/${w.fineId}/waive`, payload: { reason: 'first time' } }),
    LIBRARIAN,
  ],
  ['POST /api/checkouts', (w) => ({ method: 'POST', url: '/api/checkouts', payload: { memberId: w.memberId, barcode: 'cormen-3' } }), OWN_ACCOUNT_OR_COUNTER],
  [
    'POST /api/checkouts/override',
    (w) => ({ method: 'POST', url: '/api/checkouts/override', payload: { memberId: w.memberId, barcode: 'cormen-3', reason: 'card renewal on the way' } }),
    LIBRARIAN,
  ],
  ['POST /api/returns', (w) => ({ method: 'POST', url: '/api/returns', payload: { barcode: w.loanedBarcode } }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/renewals (by barcode)', (w) => ({ method: 'POST', url: '/api/renewals', payload: { barcode: w.loanedBarcode } }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/renewals (by loan id)', (w) => ({ method: 'POST', url: '/api/renewals', payload: { loanId: w.loanId } }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/payments', (w) => ({ method: 'POST', url: '/api/payments', payload: { memberId: w.memberId, amount: 100, method: 'cash' } }), COUNTER],
  ['POST /api/reservations', (w) => ({ method: 'POST', url: '/api/reservations', payload: { memberId: w.memberId, isbn: CORMEN } }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/reservations/:reservationId', (w) => ({ method: 'GET', url: `/api/reservations/${w.reservationId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['DELETE /api/reservations/:reservationId', (w) => ({ method: 'DELETE', url: `/api/reservations/${w.reservationId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/reservations/:reservationId/pickup', (w) => ({ method: 'POST', url: `/api/reservations/${w.reservationId}/pickup` }), OWN_ACCOUNT_OR_COUNTER],
  [
    'POST /api/reservations/:reservationId/suspend',
    (w) => ({ method: 'POST', url: `/api/reservations/${w.reservationId}/suspend`, payload: { until: '2026-10-01T00:00:00.000Z' } }),
    OWN_ACCOUNT_OR_COUNTER,
  ],
  ['POST /api/reservations/:reservationId/resume', (w) => ({ method: 'POST', url: `/api/reservations/${w.reservationId}/resume` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/reservations/lapse-unneeded', () => ({ method: 'POST', url: '/api/reservations/lapse-unneeded' }), LIBRARIAN],
  ['POST /api/reservations/expire-pickups', () => ({ method: 'POST', url: '/api/reservations/expire-pickups' }), LIBRARIAN],
  ['GET /api/catalog/books/:isbn/digital-copies', () => ({ method: 'GET', url: `/api/catalog/books/${CORMEN}/digital-copies` }), ANYONE],
  ['GET /api/digital-copies/:copyId', () => ({ method: 'GET', url: '/api/digital-copies/cormen-epub' }), ANYONE],
  ['POST /api/digital-copies', () => ({ method: 'POST', url: '/api/digital-copies', payload: DigitalCopyFixtures.cormenPdf }), LIBRARIAN],
  ['POST /api/digital-copies/:copyId/licenses', () => ({ method: 'POST', url: '/api/digital-copies/cormen-epub/licenses', payload: { count: 1 } }), LIBRARIAN],
  ['POST /api/digital-loans', (w) => ({ method: 'POST', url: '/api/digital-loans', payload: { memberId: w.memberId, copyId: 'cormen-epub' } }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/digital-loans/:loanId', (w) => ({ method: 'GET', url: `/api/digital-loans/${w.digitalLoanId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/digital-loans/:loanId/return', (w) => ({ method: 'POST', url: `/api/digital-loans/${w.digitalLoanId}/return` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/digital-loans/:loanId/renew', (w) => ({ method: 'POST', url: `/api/digital-loans/${w.digitalLoanId}/renew` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/digital-loans/:loanId/access', (w) => ({ method: 'POST', url: `/api/digital-loans/${w.digitalLoanId}/access` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/digital-loans/:loanId/revoke', (w) => ({ method: 'POST', url: `/api/digital-loans/${w.digitalLoanId}/revoke`, payload: { reason: 'refund' } }), LIBRARIAN],
  ['GET /api/members/:memberId/digital-loans', (w) => ({ method: 'GET', url: `/api/members/${w.memberId}/digital-loans` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /api/reservations/:reservationId/wait', (w) => ({ method: 'GET', url: `/api/reservations/${w.reservationId}/wait` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/digital/tokens/check', (w) => ({ method: 'POST', url: '/api/digital/tokens/check', payload: { token: w.loanToken } }), ANYONE_BUT_ANOTHER_MEMBER],
  ['GET /opds', () => ({ method: 'GET', url: '/opds' }), ANYONE],
  ['GET /opds/search', () => ({ method: 'GET', url: '/opds/search?query=algorithms' }), ANYONE],
  ['GET /opds/publications/:isbn', () => ({ method: 'GET', url: `/opds/publications/${CORMEN}` }), ANYONE],
  ['GET /opds/authentication', () => ({ method: 'GET', url: '/opds/authentication' }), ANYONE],
  ['GET /opds/shelf', (w) => ({ method: 'GET', url: `/opds/shelf?memberId=${w.memberId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['PUT /opds/borrow/:copyId', (w) => ({ method: 'PUT', url: `/opds/borrow/cormen-epub?memberId=${w.memberId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /opds/borrow/:copyId', (w) => ({ method: 'GET', url: `/opds/borrow/cormen-epub?memberId=${w.memberId}` }), OWN_ACCOUNT_OR_COUNTER],
  ['GET /opds/loans/:loanId/fulfil', (w) => ({ method: 'GET', url: `/opds/loans/${w.digitalLoanId}/fulfil` }), OWN_ACCOUNT_OR_COUNTER],
  ['POST /api/staff-tokens', () => ({ method: 'POST', url: '/api/staff-tokens', payload: { label: 'kiosk 2', scope: 'counter' } }), ADMIN],
  ['GET /api/staff-tokens', () => ({ method: 'GET', url: '/api/staff-tokens' }), ADMIN],
  ['DELETE /api/staff-tokens/:tokenId', () => ({ method: 'DELETE', url: '/api/staff-tokens/0000000000aa' }), ADMIN],
];

/** GET routes that change the library: the OPDS borrow link lends, the fulfilment link opens access. */
const GETS_THAT_WRITE: ReadonlySet<string> = new Set(['GET /opds/borrow/:copyId', 'GET /opds/loans/:loanId/fulfil']);
/** POST routes that change nothing in the library (sessions and tokens live in the credentials every row shares). */
const POSTS_THAT_READ: ReadonlySet<string> = new Set(['POST /api/sessions/pin', 'POST /opds/token', 'POST /api/digital/tokens/check']);
/** A route no caller's request can change the world of: its rows share one world instead of building their own. */
const readsOnly = (route: string): boolean => (route.startsWith('GET ') && !GETS_THAT_WRITE.has(route)) || POSTS_THAT_READ.has(route);

/**
 * Priya and Raj each borrow a Cormen copy and the Clean Code audiobook, reserve Sedgewick (lent to Arjun) and owe a late fine
 * for an earlier Clean Code loan. Credentials are shared across rows so each route starts from a
 * fresh library but the same staff tokens and member sessions.
 */
async function aWorld(credentials: InMemoryCredentialStore): Promise<{ t: TestServer; own: World; other: World }> {
  const t = await aServer({ credentials });
  const { library, clock } = t;
  await shelve(library, 'cormen', 3);
  await shelve(library, 'sedgewick', 1);
  await shelve(library, 'cleanCode', 2);
  await library.catalog.addBook(BookFixtures.designPatterns);
  await enrol(library, 'priya', 'raj', 'arjun');
  await library.circulation.checkOut({ memberId: priya.id, barcode: 'cleanCode-1' });
  await library.circulation.checkOut({ memberId: raj.id, barcode: 'cleanCode-2' });
  clock.advanceDays(20);
  const fines = [
    (await library.circulation.returnCopy({ barcode: 'cleanCode-1' })).finesAssessed[0]?.fineId ?? 'none',
    (await library.circulation.returnCopy({ barcode: 'cleanCode-2' })).finesAssessed[0]?.fineId ?? 'none',
  ];
  clock.set('2026-09-07T09:00:00.000Z');
  const loans = [
    await library.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' }),
    await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-2' }),
  ];
  await library.circulation.checkOut({ memberId: MemberFixtures.arjun.id, barcode: 'sedgewick-1' });
  const reservations = [
    await library.reservations.reserve({ memberId: priya.id, isbn: BookFixtures.sedgewick.isbn }),
    await library.reservations.reserve({ memberId: raj.id, isbn: BookFixtures.sedgewick.isbn }),
  ];
  await license(t, 'cormenEpub');
  await license(t, 'cleanCodeAudiobook');
  const eloans = [
    await library.digital.borrow({ memberId: priya.id, copyId: 'cleanCode-audiobook' }),
    await library.digital.borrow({ memberId: raj.id, copyId: 'cleanCode-audiobook' }),
  ].map((b) => {
    if (b.outcome !== 'LENT' || b.access.token === null) throw new Error('the world needs both e-loans lent with a token');
    return { loanId: b.loan.loanId, token: b.access.token };
  });
  const world = (i: 0 | 1): World => ({
    memberId: [priya.id, raj.id][i] ?? '',
    loanedBarcode: loans[i]?.barcode ?? '',
    loanId: loans[i]?.loanId ?? '',
    reservationId: reservations[i]?.reservationId ?? '',
    fineId: fines[i] ?? '',
    digitalLoanId: eloans[i]?.loanId ?? '',
    loanToken: eloans[i]?.token ?? '',
  });
  return { t, own: world(0), other: world(1) };
}

describe('HTTP access control', () => {
  const credentials = new InMemoryCredentialStore();
  let tokens: Readonly<Record<Exclude<Caller, 'anonymous'>, string>>;
  /** The world the read-only routes share; the signed-in member's session comes from it too. */
  let shared: Awaited<ReturnType<typeof aWorld>>;

  beforeAll(async () => {
    shared = await aWorld(credentials);
    const { t } = shared;
    await t.server.pins.setPin(priya.id, PIN);
    const priyaSession = await t.signIn(priya.id);
    tokens = {
      'member on own account': priyaSession,
      "member on another's account": priyaSession,
      counter: t.staff.counter,
      librarian: t.staff.librarian,
      admin: t.staff.admin,
    };
  });

  it('should hold a row for every operation the OpenAPI document describes', async () => {
    const document = (await shared.t.call({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const rows = new Set(ROUTES.map(([route]) => route.replace(/ \(.*\)$/, '')));
    expect(documented.filter((operation) => !rows.has(operation))).toEqual([]);
  });

  // One fresh world per route that writes; members call first, so staff changes cannot alter whose account a request
  // touches. Routes that only read share one world, in table order (the PIN sign-ins run before the PIN changes).
  describe.each(ROUTES)('%s', (route, request, expected) => {
    let world: Awaited<ReturnType<typeof aWorld>>;
    beforeAll(async () => {
      world = readsOnly(route) ? shared : await aWorld(credentials);
    });

    it.each(Object.keys(expected) as Caller[])('should answer %s as the table says', async (caller) => {
      const { t, own, other } = world;
      const target = caller === "member on another's account" ? other : own;
      const response = await t.call({ ...request(target), ...(caller === 'anonymous' ? {} : { as: tokens[caller] }) });
      const outcome: Outcome = response.statusCode === 401 || response.statusCode === 403 ? response.statusCode : ALLOWED;
      expect({ caller, outcome, body: outcome === expected[caller] ? '' : response.body }).toEqual({ caller, outcome: expected[caller], body: '' });
    });
  });
});
