import { DigitalLendingError } from '../../../domain/digital/DigitalLendingError.js';
import { onlyFor } from '../auth/Principal.js';
import { accessGrant, borrowResult, digitalLoan, digitalRenewal, tokenCheck, waitEstimate } from '../digitalSchemas.js';
import type { Router } from '../routing.js';
import { body, fields, listOf, ref } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const loanParams = { type: 'object', required: ['loanId'], properties: { loanId: fields.id } } as const;
type LoanParams = { Params: { loanId: string } };

/** A member acts on their own loans only: the engine is told whose, so another member's loan is refused there too. */

/**
 * E-loans: borrow (or join the queue), return early, renew, a fresh download link, a member's e-loans,
 * the wait estimate of a hold, and the token check reader apps call. Borrow and return honour Idempotency-Key.
 */
export function digitalRoutes(router: Router, { library }: HttpDeps): void {
  const readerOf = async ({ params }: { params: { loanId: string } }): Promise<string> => (await library.digital.getLoan(params.loanId)).memberId;

  router.add<{ Body: { memberId: string; copyId: string } }>({
    method: 'POST',
    url: '/api/digital-loans',
    summary: 'Borrow a digital copy: a free license is lent at once, otherwise the member joins the title queue',
    tag: 'digital',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: ({ body: b }) => Promise.resolve(b.memberId),
    idempotent: true,
    status: 201,
    schema: { body: body(['memberId', 'copyId'], { memberId: fields.id, copyId: fields.id }), response: { 201: ref(borrowResult) } },
    handle: ({ body: command }, acting) => acting.digital.borrow(command),
  });

  router.add<LoanParams>({
    method: 'GET',
    url: '/api/digital-loans/:loanId',
    summary: 'One digital loan: status and due instant',
    tag: 'digital',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: readerOf,
    status: 200,
    schema: { params: loanParams, response: { 200: ref(digitalLoan) } },
    handle: ({ params }) => library.digital.getLoan(params.loanId),
  });

  router.add<LoanParams>({
    method: 'POST',
    url: '/api/digital-loans/:loanId/return',
    summary: 'Give the book back early: the license frees at once and the loan token stops working',
    tag: 'digital',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: readerOf,
    idempotent: true,
    status: 200,
    schema: { params: loanParams, response: { 200: ref(digitalLoan) } },
    handle: ({ params, principal }, acting) => acting.digital.returnEarly({ loanId: params.loanId, ...onlyFor(principal) }),
  });

  router.add<LoanParams>({
    method: 'POST',
    url: '/api/digital-loans/:loanId/renew',
    summary: 'Renew for another loan period; refused while digital holds wait. The old token stops working, a new one is given',
    tag: 'digital',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: readerOf,
    status: 200,
    schema: { params: loanParams, response: { 200: ref(digitalRenewal) } },
    handle: ({ params, principal }, acting) => acting.digital.renew({ loanId: params.loanId, ...onlyFor(principal) }),
  });

  router.add<LoanParams>({
    method: 'POST',
    url: '/api/digital-loans/:loanId/access',
    summary: 'A fresh download link (and loan token) for an active loan: a second device, or an expired link',
    tag: 'digital',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: readerOf,
    status: 200,
    schema: { params: loanParams, response: { 200: ref(accessGrant) } },
    handle: ({ params, principal }, acting) => acting.digital.access({ loanId: params.loanId, ...onlyFor(principal) }),
  });

  router.add<LoanParams & { Body: { reason: string } }>({
    method: 'POST',
    url: '/api/digital-loans/:loanId/revoke',
    summary: 'End a loan before its time (staff); its token is refused from this moment',
    tag: 'digital',
    access: { staff: 'librarian' },
    status: 200,
    schema: { params: loanParams, body: body(['reason'], { reason: fields.text }), response: { 200: ref(digitalLoan) } },
    handle: ({ params, body: b }, acting) => acting.digital.revoke({ loanId: params.loanId, reason: b.reason }),
  });

  router.add<{ Params: { memberId: string } }>({
    method: 'GET',
    url: '/api/members/:memberId/digital-loans',
    summary: "A member's running e-loans",
    tag: 'digital',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: ({ params }) => Promise.resolve(params.memberId),
    status: 200,
    schema: { params: { type: 'object', required: ['memberId'], properties: { memberId: fields.id } }, response: { 200: listOf(digitalLoan) } },
    handle: ({ params }) => library.digital.loansOf(params.memberId),
  });

  router.add<{ Params: { reservationId: string } }>({
    method: 'GET',
    url: '/api/reservations/:reservationId/wait',
    summary: 'About how many days until the hold is offered a copy or a license (print, digital, or the sooner of both)',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: async ({ params }) => (await library.reservations.get(params.reservationId)).memberId,
    status: 200,
    schema: { params: { type: 'object', required: ['reservationId'], properties: { reservationId: fields.id } }, response: { 200: ref(waitEstimate) } },
    handle: async ({ params }) => {
      const { isbn, memberId } = await library.reservations.get(params.reservationId);
      return { reservationId: params.reservationId, isbn, estimatedWaitDays: await library.waits.estimateWait(isbn, memberId) };
    },
  });

  router.add<{ Body: { token: string } }>({
    method: 'POST',
    url: '/api/digital/tokens/check',
    summary: 'For reader apps: may this loan token open the book now? Refusals say why in the code (TOKEN_EXPIRED, TOKEN_REVOKED, TOKEN_UNKNOWN_KEY, …)',
    tag: 'digital',
    access: { public: true },
    status: 200,
    schema: { body: body(['token'], { token: { type: 'string', minLength: 1, maxLength: 8192 } }), response: { 200: ref(tokenCheck) } },
    handle: async ({ body: b, principal }) => {
      const claims = await library.digital.verifyToken(b.token);
      // A signed-in member may check only their own tokens; the answer names no patron either way.
      if (principal.kind === 'member' && claims.patronId !== principal.memberId) {
        throw new DigitalLendingError('NOT_YOUR_LOAN', 'this loan token belongs to another member');
      }
      return { status: 'VALID', loanId: claims.loanId, copyId: claims.copyId, expiresAt: claims.expiresAt };
    },
  });
}
