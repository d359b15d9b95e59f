/**
 * JSON schemas of the circulation desk's lists and the dashboard's statistics, mirroring the engine's read models
 * (src/application/DeskReports.ts). Registered next to the shared ones.
 */
import { fields, loan } from './schemas.js';

const str = { type: 'string' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;

const overdueLoan = {
  type: 'object',
  required: [...loan.required, 'daysOverdue'],
  properties: { ...loan.properties, daysOverdue: count },
} as const;

export const overdueList = {
  $id: 'OverdueList',
  type: 'object',
  description: 'How many loans are overdue, and the earliest due of them with their days past due.',
  required: ['count', 'loans'],
  properties: {
    count,
    loans: { type: 'array', items: overdueLoan },
  },
} as const;

export const memberAccount = {
  $id: 'MemberAccount',
  type: 'object',
  description: 'A member at the desk: the account, open loans with days past due, the fine ledger, active holds, and what would stop each action now.',
  required: ['at', 'member', 'loans', 'ledger', 'holds', 'standing'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    member: { $ref: 'Member#' },
    loans: { type: 'array', items: overdueLoan },
    ledger: { $ref: 'Ledger#' },
    holds: { type: 'array', items: { $ref: 'Reservation#' } },
    standing: {
      type: 'array',
      items: {
        type: 'object',
        required: ['action', 'blocks'],
        properties: {
          action: { type: 'string', enum: ['borrow', 'renew', 'request'] },
          blocks: { type: 'array', items: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str } } },
        },
      },
    },
  },
} as const;

export const holdShelfEntry = {
  $id: 'HoldShelfEntry',
  type: 'object',
  description: 'A copy waiting on a hold shelf for a member; expired ones are to be cleared.',
  required: ['barcode', 'isbn', 'branch', 'rack', 'memberId', 'reservationId', 'expiresAt', 'expired'],
  properties: { barcode: str, isbn: fields.titleKeyOut, branch: str, rack: str, memberId: str, reservationId: str, expiresAt: nullableInstant, expired: { type: 'boolean' } },
} as const;

const activityPoint = {
  type: 'object',
  required: ['start', 'checkouts', 'returns'],
  properties: { start: { type: 'string', format: 'date-time' }, checkouts: count, returns: count },
} as const;

export const circulationStatistics = {
  $id: 'CirculationStatistics',
  type: 'object',
  description: 'Loans and returns per hour today and per day this month (UTC), overdue loans, holds and fines collected.',
  required: ['at', 'timeZone', 'today', 'month', 'overdueLoans', 'holds', 'finesCollected'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    timeZone: { type: 'string', enum: ['UTC'] },
    today: { type: 'object', required: ['date', 'hours'], properties: { date: str, hours: { type: 'array', items: activityPoint } } },
    month: { type: 'object', required: ['month', 'days'], properties: { month: str, days: { type: 'array', items: activityPoint } } },
    overdueLoans: count,
    holds: { type: 'object', required: ['waiting', 'ready'], properties: { waiting: count, ready: count } },
    finesCollected: { type: 'object', required: ['today', 'month'], properties: { today: { $ref: 'Money#' }, month: { $ref: 'Money#' } } },
  },
} as const;

export const DESK_SCHEMAS = [memberAccount, overdueList, holdShelfEntry, circulationStatistics];
