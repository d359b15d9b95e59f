import { MAX_LIST_LIMIT } from '../../../application/DeskReports.js';
import { circulationStatistics, holdShelfEntry, memberAccount, overdueList } from '../deskSchemas.js';
import type { Router } from '../routing.js';
import { fields, listOf, ref, reservation } from '../schemas.js';
import type { HttpDeps } from './deps.js';
import { memberParams, theirOwn } from './members.js';

/** What the circulation desk lists and charts: a member's holds, overdue loans, a branch's hold shelf, the day's figures. */
export function deskRoutes(router: Router, { library }: HttpDeps): void {
  router.add<{ Params: { memberId: string } }>({
    method: 'GET',
    url: '/api/members/:memberId/account',
    summary: 'A member at the desk: account, open loans with days past due, fines, holds, and what would stop each action now and why',
    tag: 'members',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: theirOwn,
    status: 200,
    schema: { params: memberParams, response: { 200: ref(memberAccount) } },
    handle: ({ params }) => library.accounts.account(params.memberId),
  });

  router.add<{ Params: { memberId: string } }>({
    method: 'GET',
    url: '/api/members/:memberId/reservations',
    summary: "A member's active holds (waiting or ready), each with its place in the queue and its pickup deadline",
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: theirOwn,
    status: 200,
    schema: { params: memberParams, response: { 200: listOf(reservation) } },
    handle: ({ params }) => library.reservations.activeOf(params.memberId),
  });

  router.add<{ Querystring: { limit?: string } }>({
    method: 'GET',
    url: '/api/loans/overdue',
    summary: `Overdue loans, earliest due first, with days past due (at most ${MAX_LIST_LIMIT}), and how many there are`,
    tag: 'circulation',
    access: { staff: 'counter' },
    status: 200,
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } } },
      response: { 200: ref(overdueList) },
    },
    handle: ({ query }) => library.reports.overdue(query.limit === undefined ? {} : { limit: Number(query.limit) }),
  });

  router.add<{ Querystring: { branch?: string } }>({
    method: 'GET',
    url: '/api/hold-shelf',
    summary: 'Copies waiting on the hold shelf (of one branch, or all), earliest pickup deadline first; expired ones are to be cleared',
    tag: 'reservations',
    access: { staff: 'counter' },
    status: 200,
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: { branch: fields.id } },
      response: { 200: listOf(holdShelfEntry) },
    },
    handle: ({ query }) => library.reports.holdShelf(query.branch === undefined ? {} : { branch: query.branch }),
  });

  router.add({
    method: 'GET',
    url: '/api/statistics/circulation',
    summary: 'The dashboard: loans and returns per hour today and per day this month, overdue loans, holds waiting and ready, fines collected',
    tag: 'circulation',
    access: { staff: 'counter' },
    status: 200,
    schema: { response: { 200: ref(circulationStatistics) } },
    handle: () => library.reports.statistics(),
  });
}
