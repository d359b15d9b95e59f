import type { RegisterMemberCommand } from '../../../application/MemberService.js';
import { MEMBER_PLANS, MEMBER_TYPES } from '../../../domain/members/Member.js';
import type { Router } from '../routing.js';
import { body, fields, ledger, listOf, loan, member, ref } from '../schemas.js';
import type { HttpDeps } from './deps.js';

/** A member id in the path, as every member route names it. */
export const memberParams = { type: 'object', required: ['memberId'], properties: { memberId: fields.id } } as const;
type MemberParams = { Params: { memberId: string } };
/** Member routes touch the account their path names. */
export const theirOwn = ({ params }: { params: { memberId: string } }): Promise<string> => Promise.resolve(params.memberId);

/** Members: enrolment and PINs at the counter, what a member can see of their own account, blocks by librarians. */
export function memberRoutes(router: Router, { library, pins }: HttpDeps): void {
  router.add<{ Body: Omit<RegisterMemberCommand, 'cardExpiresAt'> & { readonly cardExpiresAt?: string } }>({
    method: 'POST',
    url: '/api/members',
    summary: 'Enrol a member (the card number is the member id)',
    tag: 'members',
    access: { staff: 'counter' },
    status: 201,
    schema: {
      body: body(['name'], {
        id: fields.id,
        name: { type: 'string', minLength: 1, maxLength: 200 },
        type: { type: 'string', enum: [...MEMBER_TYPES] },
        plan: { type: 'string', enum: [...MEMBER_PLANS] },
        contact: {
          type: 'object',
          additionalProperties: false,
          properties: { email: { type: 'string', minLength: 3, maxLength: 320 }, phone: { type: 'string', minLength: 3, maxLength: 40 } },
        },
        cardExpiresAt: { ...fields.instant, description: 'When the card expires (in the future); absent: never.' },
      }),
      response: { 201: ref(member) },
    },
    handle: ({ body: { cardExpiresAt, ...command } }, acting) =>
      acting.members.register({ ...command, ...(cardExpiresAt === undefined ? {} : { cardExpiresAt: new Date(cardExpiresAt) }) }),
  });

  router.add<MemberParams & { Body: { expiresAt: string } }>({
    method: 'POST',
    url: '/api/members/:memberId/card/renew',
    summary: "Renew a member's card until a future instant; lifts the expired-card block",
    tag: 'members',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: memberParams, body: body(['expiresAt'], { expiresAt: fields.instant }), response: { 200: ref(member) } },
    handle: ({ params, body: { expiresAt } }, acting) => acting.members.renewCard({ memberId: params.memberId, expiresAt: new Date(expiresAt) }),
  });

  router.add<MemberParams>({
    method: 'GET',
    url: '/api/members/:memberId',
    summary: 'A member account: status, counts and fine balance',
    tag: 'members',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: theirOwn,
    status: 200,
    schema: { params: memberParams, response: { 200: ref(member) } },
    handle: ({ params }) => library.members.get(params.memberId),
  });

  router.add<MemberParams & { Querystring: { include?: 'open' | 'all' } }>({
    method: 'GET',
    url: '/api/members/:memberId/loans',
    summary: "A member's loans: open ones, or all with include=all",
    tag: 'members',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: theirOwn,
    status: 200,
    schema: {
      params: memberParams,
      querystring: { type: 'object', additionalProperties: false, properties: { include: { type: 'string', enum: ['open', 'all'] } } },
      response: { 200: listOf(loan) },
    },
    handle: ({ params, query }) => library.members.loans(params.memberId, { includeClosed: query.include === 'all' }),
  });

  router.add<MemberParams>({
    method: 'GET',
    url: '/api/members/:memberId/fines',
    summary: "A member's fine ledger: balance, fines and payments",
    tag: 'fines',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: theirOwn,
    status: 200,
    schema: { params: memberParams, response: { 200: ref(ledger) } },
    handle: ({ params }) => library.fines.ledger(params.memberId),
  });

  router.add<MemberParams & { Body: { pin: string } }>({
    method: 'PUT',
    url: '/api/members/:memberId/pin',
    summary: "Set a member's kiosk PIN (4 to 8 digits); clears a back-off wait",
    tag: 'members',
    access: { staff: 'counter' },
    status: 204,
    schema: { params: memberParams, body: body(['pin'], { pin: { type: 'string', pattern: '^[0-9]{4,8}$' } }) },
    handle: ({ params, body: { pin } }) => pins.setPin(params.memberId, pin),
  });

  router.add<MemberParams & { Body: { reason: string } }>({
    method: 'POST',
    url: '/api/members/:memberId/block',
    summary: 'Block a member from borrowing, renewing and reserving',
    tag: 'members',
    access: { staff: 'librarian' },
    status: 200,
    schema: { params: memberParams, body: body(['reason'], { reason: fields.text }), response: { 200: ref(member) } },
    handle: ({ params, body: { reason } }, acting) => acting.members.block({ memberId: params.memberId, reason }),
  });

  router.add<MemberParams>({
    method: 'POST',
    url: '/api/members/:memberId/unblock',
    summary: 'Lift a block',
    tag: 'members',
    access: { staff: 'librarian' },
    status: 200,
    schema: { params: memberParams, response: { 200: ref(member) } },
    handle: ({ params }, acting) => acting.members.unblock({ memberId: params.memberId }),
  });

  router.add<MemberParams>({
    method: 'DELETE',
    url: '/api/members/:memberId',
    summary: 'Unregister a member with no loans and no reservations',
    tag: 'members',
    access: { staff: 'librarian' },
    status: 204,
    schema: { params: memberParams },
    handle: ({ params }, acting) => acting.members.unregister({ memberId: params.memberId }),
  });

  router.add<{ Params: { memberId: string; fineId: string }; Body: { reason: string } }>({
    method: 'POST',
    url: '/api/members/:memberId/fines/:fineId/waive',
    summary: 'Waive a fine',
    tag: 'fines',
    access: { staff: 'librarian' },
    status: 200,
    schema: {
      params: { type: 'object', required: ['memberId', 'fineId'], properties: { memberId: fields.id, fineId: fields.id } },
      body: body(['reason'], { reason: fields.text }),
      response: { 200: ref(ledger) },
    },
    handle: ({ params, body: { reason } }, acting) => acting.fines.waive({ memberId: params.memberId, fineId: params.fineId, reason }),
  });
}
