/**
 * JSON schemas for every route: Fastify validates requests and serializes responses with them,
 * and the OpenAPI document is generated from them. Shapes mirror the engine's read models (views.ts).
 */
import { BOOK_ITEM_STATUSES } from '../../domain/catalog/BookItemStates.js';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const id = { type: 'string', minLength: 1, maxLength: 200, pattern: '^\\S+$' } as const;
const text = { type: 'string', minLength: 1, maxLength: 500 } as const;
/**
 * A title as a caller names it (`isbn` in paths, queries and bodies): the record's ISBN in any form or, for a record
 * without one, its record id. Its shape is checked by the engine (`RecordId.key`): INVALID_ISBN for an ISBN with a
 * wrong check digit, INVALID_RECORD_ID for anything else that is not a record id.
 */
const titleKey = { type: 'string', minLength: 1, maxLength: 64, description: "The title's key: an ISBN (10 or 13, hyphens allowed) or a record id." } as const;
/** A title's key as the engine answers it (`isbn` on copies, loans, holds): its record id, the ISBN-13 for a record that has one. */
const titleKeyOut = { type: 'string', description: "The title's key: its record id, which is its ISBN-13 when it has one." } as const;

export const money = {
  $id: 'Money',
  type: 'object',
  description: 'An amount in integer minor units (cents, paise) of a currency.',
  required: ['amount', 'currency'],
  properties: { amount: { type: 'integer' }, currency: str },
} as const;

export const errorBody = {
  $id: 'Error',
  type: 'object',
  required: ['code', 'message'],
  properties: { code: str, message: str },
} as const;

export const book = {
  $id: 'Book',
  type: 'object',
  required: ['recordId', 'isbn', 'identifiers', 'materialType', 'title', 'authors', 'subjects', 'publisher', 'year', 'language', 'description'],
  properties: {
    recordId: { ...str, description: "The record's key: its ISBN-13 when it has an ISBN, else its record id." },
    isbn: { ...nullableStr, description: 'The ISBN-13, or null for a record without an ISBN.' },
    identifiers: { type: 'array', items: str, description: 'Standard numbers, SCHEME:value (ISBN, ISSN, EAN, UPC, LCCN).' },
    materialType: str,
    title: str,
    authors: { type: 'array', items: str },
    subjects: { type: 'array', items: str },
    publisher: nullableStr,
    year: { type: ['integer', 'null'] },
    language: nullableStr,
    description: nullableStr,
  },
} as const;

export const copy = {
  $id: 'Copy',
  type: 'object',
  required: ['barcode', 'isbn', 'branch', 'rack', 'status', 'referenceOnly', 'heldFor', 'holdExpiresAt', 'borrowerId'],
  properties: {
    barcode: str,
    isbn: titleKeyOut,
    branch: str,
    rack: str,
    status: { type: 'string', enum: BOOK_ITEM_STATUSES },
    referenceOnly: { type: 'boolean' },
    heldFor: nullableStr,
    holdExpiresAt: nullableInstant,
    borrowerId: nullableStr,
    holdShelf: { ...nullableStr, description: 'the branch whose hold shelf a held copy waits on' },
    inTransitTo: { ...nullableStr, description: 'the branch an IN_TRANSIT copy travels to' },
  },
} as const;

export const hold = {
  $id: 'Hold',
  type: 'object',
  description: 'A copy put on the hold shelf for the first member in the queue.',
  required: ['barcode', 'memberId', 'reservationId', 'expiresAt'],
  properties: {
    barcode: str,
    memberId: str,
    reservationId: str,
    expiresAt: nullableInstant,
    inTransitTo: { ...str, description: "Set when the copy travels to the member's pickup branch; it is held there on arrival." },
  },
} as const;

export const availability = {
  $id: 'Availability',
  type: 'object',
  required: ['isbn', 'total', 'available', 'byStatus'],
  properties: {
    isbn: titleKeyOut,
    total: { type: 'integer' },
    available: { type: 'integer' },
    byStatus: {
      type: 'object',
      required: BOOK_ITEM_STATUSES,
      properties: Object.fromEntries(BOOK_ITEM_STATUSES.map((s) => [s, { type: 'integer' }])),
    },
  },
} as const;

export const loan = {
  $id: 'Loan',
  type: 'object',
  required: ['loanId', 'barcode', 'isbn', 'memberId', 'status', 'checkedOutAt', 'dueAt', 'returnedAt', 'renewals'],
  properties: {
    loanId: str,
    barcode: str,
    isbn: titleKeyOut,
    memberId: str,
    status: str,
    checkedOutAt: instant,
    dueAt: instant,
    returnedAt: nullableInstant,
    renewals: { type: 'integer' },
  },
} as const;

export const fine = {
  $id: 'Fine',
  type: 'object',
  required: ['fineId', 'reason', 'amount', 'outstanding', 'status', 'loanId', 'assessedAt'],
  properties: {
    fineId: str,
    reason: str,
    amount: { $ref: 'Money#' },
    outstanding: { $ref: 'Money#' },
    status: str,
    loanId: nullableStr,
    assessedAt: instant,
  },
} as const;

export const payment = {
  $id: 'Payment',
  type: 'object',
  required: ['id', 'amount', 'method', 'paidAt', 'allocations'],
  properties: {
    id: str,
    amount: { type: 'integer', description: 'Minor units in the ledger currency.' },
    method: str,
    paidAt: instant,
    allocations: {
      type: 'array',
      items: { type: 'object', required: ['fineId', 'amount'], properties: { fineId: str, amount: { type: 'integer' } } },
    },
  },
} as const;

export const ledger = {
  $id: 'Ledger',
  type: 'object',
  required: ['memberId', 'balance', 'fines', 'payments'],
  properties: {
    memberId: str,
    balance: { $ref: 'Money#' },
    fines: { type: 'array', items: { $ref: 'Fine#' } },
    payments: { type: 'array', items: { $ref: 'Payment#' } },
  },
} as const;

export const returnReceipt = {
  $id: 'ReturnReceipt',
  type: 'object',
  required: ['loan', 'daysLate', 'finesAssessed', 'heldFor'],
  properties: {
    loan: { $ref: 'Loan#' },
    daysLate: { type: 'integer' },
    finesAssessed: { type: 'array', items: { $ref: 'Fine#' } },
    heldFor: { anyOf: [{ $ref: 'Hold#' }, { type: 'null' }] },
  },
} as const;

export const reservation = {
  $id: 'Reservation',
  type: 'object',
  required: ['reservationId', 'isbn', 'memberId', 'status', 'position', 'barcode', 'expiresAt'],
  properties: {
    reservationId: str,
    isbn: titleKeyOut,
    memberId: str,
    status: str,
    position: { type: ['integer', 'null'] },
    barcode: nullableStr,
    expiresAt: nullableInstant,
    format: { type: 'string', enum: ['PRINT', 'DIGITAL', 'ANY'], description: 'What may satisfy the hold: a print copy, a digital license, or whichever comes first.' },
    copyId: { ...nullableStr, description: 'The digital copy whose license waits for the member, when one does.' },
    pickupBranch: { ...nullableStr, description: 'The branch whose hold shelf the member collects from; null: wherever the copy is.' },
    notNeededAfter: { ...nullableInstant, description: 'The unfilled hold lapses at this instant.' },
    suspendedUntil: { ...nullableInstant, description: 'While SUSPENDED: when the hold wakes by itself; null: until resumed.' },
  },
} as const;

export const branch = {
  $id: 'Branch',
  type: 'object',
  required: ['id', 'name', 'holdShelf', 'timeZone'],
  properties: { id: str, name: str, holdShelf: str, timeZone: { ...str, description: "The branch calendar's IANA time zone." } },
} as const;

export const member = {
  $id: 'Member',
  type: 'object',
  required: ['memberId', 'name', 'type', 'plan', 'status', 'blockReason', 'cardExpiresAt', 'activeLoanCount', 'activeReservationCount', 'fineBalance'],
  properties: {
    memberId: str,
    name: str,
    type: str,
    plan: str,
    status: str,
    blockReason: nullableStr,
    cardExpiresAt: { ...nullableInstant, description: "When the member's card expires; null: never." },
    activeLoanCount: { type: 'integer' },
    activeReservationCount: { type: 'integer' },
    fineBalance: { $ref: 'Money#' },
  },
} as const;

export const staffToken = {
  $id: 'StaffToken',
  type: 'object',
  required: ['tokenId', 'label', 'scope', 'createdAt', 'revokedAt'],
  properties: { tokenId: str, label: str, scope: str, createdAt: instant, revokedAt: nullableInstant },
} as const;

const facetCounts = { type: 'array', items: { type: 'object', required: ['value', 'count'], properties: { value: str, count: { type: 'integer' } } } } as const;

export const searchResult = {
  $id: 'SearchResult',
  type: 'object',
  required: ['total', 'hits'],
  properties: {
    total: { type: 'integer' },
    hits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['recordId', 'materialType', 'title', 'authors', 'score', 'availableCopies', 'availableLicenses', 'formats'],
        properties: {
          recordId: { ...str, description: 'The record id: the ISBN-13 when there is one, else from MARC 001/003 or generated.' },
          isbn: { ...str, description: 'The ISBN-13; absent for a record without one.' },
          materialType: { ...str, description: 'What the record describes (BOOK, DVD, SERIAL, …).' },
          title: str,
          authors: { type: 'array', items: str },
          year: { type: 'integer' },
          score: { type: 'number' },
          availableCopies: { type: 'integer' },
          availableLicenses: { type: 'integer', description: 'Digital licenses free now (unlimited access counts as 65535).' },
          formats: { type: 'array', items: str, description: 'PRINT and the digital formats the title can be lent in.' },
        },
      },
    },
    facets: {
      type: 'object',
      required: ['subjects', 'languages', 'decades', 'formats', 'materialTypes'],
      properties: { subjects: facetCounts, languages: facetCounts, decades: facetCounts, formats: facetCounts, materialTypes: facetCounts },
    },
  },
} as const;

export const SHARED_SCHEMAS = [money, errorBody, book, copy, hold, availability, loan, fine, payment, ledger, returnReceipt, reservation, branch, member, staffToken, searchResult];

export const ref = (schema: { readonly $id: string }): { $ref: string } => ({ $ref: `${schema.$id}#` });
export const listOf = (schema: { readonly $id: string }): { type: 'array'; items: { $ref: string } } => ({ type: 'array', items: ref(schema) });

/** A strict object: every listed property typed, nothing else accepted. */
export function body(required: readonly string[], properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties };
}

export const fields = { str, id, text, instant, titleKey, titleKeyOut };

/** Path parameters of a route under `…/:isbn`. */
export const titleKeyParams = { type: 'object', required: ['isbn'], properties: { isbn: titleKey } } as const;

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 8,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'Send the same key when retrying: the first answer is replayed and nothing changes twice.',
    },
  },
} as const;

/** Every refusal has the same `{ code, message }` body; one serializer per route covers all 4xx statuses. */
export const ERROR_RESPONSES = {
  '4xx': { ...ref(errorBody), description: 'Refused: 400 bad input, 401/403 authentication, 404 unknown, 409 conflict, 422 rule refused, 429 rate limited.' },
} as const;
