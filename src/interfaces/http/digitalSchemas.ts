/**
 * JSON schemas of the digital lending routes, mirroring the engine's digital read models
 * (src/application/digital/views.ts). Registered next to the shared ones in schemas.ts.
 */
import { DIGITAL_FORMATS, DRM_TYPES } from '../../domain/digital/DigitalCopy.js';
import { fields } from './schemas.js';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const nullableCount = { type: ['integer', 'null'] } as const;

export const digitalFormat = { type: 'string', enum: [...DIGITAL_FORMATS] } as const;
export const drmType = { type: 'string', enum: [...DRM_TYPES] } as const;

export const digitalCopy = {
  $id: 'DigitalCopy',
  type: 'object',
  description: 'One format of a title and its license pool. availableLicenses and totalLicenses are null for unlimited access.',
  required: ['copyId', 'isbn', 'format', 'drm', 'status', 'totalLicenses', 'availableLicenses', 'lent', 'offered', 'checkoutsLeft', 'unlimitedAccess'],
  properties: {
    copyId: str,
    isbn: fields.titleKeyOut,
    format: digitalFormat,
    drm: drmType,
    status: { type: 'string', enum: ['AVAILABLE', 'EXHAUSTED', 'ENDED'] },
    totalLicenses: nullableCount,
    availableLicenses: nullableCount,
    lent: { type: 'integer' },
    offered: { type: 'integer' },
    checkoutsLeft: nullableCount,
    unlimitedAccess: { type: 'boolean' },
  },
} as const;

export const digitalLoan = {
  $id: 'DigitalLoan',
  type: 'object',
  required: ['loanId', 'copyId', 'isbn', 'memberId', 'format', 'status', 'borrowedAt', 'dueAt', 'endedAt', 'renewals'],
  properties: {
    loanId: str,
    copyId: str,
    isbn: fields.titleKeyOut,
    memberId: str,
    format: digitalFormat,
    status: { type: 'string', enum: ['ACTIVE', 'RETURNED', 'EXPIRED', 'REVOKED'] },
    borrowedAt: instant,
    dueAt: instant,
    endedAt: nullableInstant,
    renewals: { type: 'integer' },
  },
} as const;

export const accessGrant = {
  $id: 'AccessGrant',
  type: 'object',
  description: 'How the member opens the book: a loan token for the reader app (LOAN_TOKEN) and a signed download link. Made on request, stored nowhere.',
  required: ['drm', 'token', 'downloadUrl', 'downloadExpiresAt'],
  properties: { drm: drmType, token: nullableStr, downloadUrl: nullableStr, downloadExpiresAt: nullableInstant },
} as const;

export const borrowResult = {
  $id: 'BorrowResult',
  type: 'object',
  description: 'LENT: loan and access. QUEUED: no license was free; the member holds a place in the title queue (format DIGITAL).',
  required: ['outcome'],
  properties: {
    outcome: { type: 'string', enum: ['LENT', 'QUEUED'] },
    loan: { $ref: 'DigitalLoan#' },
    access: { $ref: 'AccessGrant#' },
    reservation: { $ref: 'Reservation#' },
    estimatedWaitDays: nullableCount,
  },
} as const;

export const digitalRenewal = {
  $id: 'DigitalRenewal',
  type: 'object',
  required: ['loan', 'access'],
  properties: { loan: { $ref: 'DigitalLoan#' }, access: { $ref: 'AccessGrant#' } },
} as const;

export const tokenCheck = {
  $id: 'TokenCheck',
  type: 'object',
  description: 'A loan token that opens the book now. Refused tokens are answered 403 with the reason as the code.',
  required: ['status', 'loanId', 'copyId', 'expiresAt'],
  properties: { status: { type: 'string', enum: ['VALID'] }, loanId: str, copyId: str, expiresAt: instant },
} as const;

export const waitEstimate = {
  $id: 'WaitEstimate',
  type: 'object',
  description: 'Whole days until the hold is likely offered a copy or license: 0 once it was, null when nothing can serve it.',
  required: ['reservationId', 'isbn', 'estimatedWaitDays'],
  properties: { reservationId: str, isbn: fields.titleKeyOut, estimatedWaitDays: nullableCount },
} as const;

export const DIGITAL_SCHEMAS = [digitalCopy, digitalLoan, accessGrant, borrowResult, digitalRenewal, tokenCheck, waitEstimate];
