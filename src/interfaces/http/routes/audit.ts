import type { Router } from '../routing.js';
import { fields } from '../schemas.js';
import type { HttpDeps } from './deps.js';

interface AuditQuerystring {
  memberId?: string;
  barcode?: string;
  isbn?: string;
  from?: string;
  to?: string;
  limit?: string;
}

const auditEntry = {
  type: 'object',
  required: ['id', 'at', 'actor', 'action', 'memberId', 'barcode', 'isbn', 'data'],
  properties: {
    id: { type: 'string' },
    at: { type: 'string' },
    actor: { type: 'string' },
    actorLabel: { type: 'string', description: 'the staff token label, when a staff token acted' },
    action: { type: 'string' },
    memberId: { type: ['string', 'null'] },
    barcode: { type: ['string', 'null'] },
    isbn: { type: ['string', 'null'] },
    data: { type: 'object', additionalProperties: true },
  },
} as const;

/** The audit trail, read-only: who did what to which member, copy and title, and when (librarians). */
export function auditRoutes(router: Router, { library }: HttpDeps): void {
  router.add<{ Querystring: AuditQuerystring }>({
    method: 'GET',
    url: '/api/audit',
    summary: 'Audit entries by member, copy, ISBN and time range, oldest first',
    tag: 'audit',
    access: { staff: 'librarian' },
    status: 200,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          memberId: fields.id,
          barcode: fields.id,
          isbn: fields.titleKey,
          from: fields.instant,
          to: fields.instant,
          limit: { type: 'string', pattern: '^[1-9][0-9]{0,4}$' },
        },
      },
      response: { 200: { type: 'array', items: auditEntry } },
    },
    handle: async ({ query }) => {
      const { limit, ...filter } = query;
      return library.audit.query({ ...filter, ...(limit === undefined ? {} : { limit: Number(limit) }) });
    },
  });
}
