import type { Router } from '../routing.js';
import { body, fields, staffToken } from '../schemas.js';
import { STAFF_SCOPES, type StaffScope } from '../auth/Principal.js';
import type { HttpDeps } from './deps.js';

/** Signing in: member PIN sessions for kiosks, "who am I", and staff token administration. */
export function sessionRoutes(router: Router, { staffTokens, memberSignIn }: HttpDeps): void {
  router.add<{ Body: { cardNumber: string; pin: string } }>({
    method: 'POST',
    url: '/api/sessions/pin',
    summary: 'Kiosk sign-in with card number and PIN; returns a short-lived session token',
    tag: 'auth',
    access: { public: true },
    status: 201,
    schema: {
      body: body(['cardNumber', 'pin'], { cardNumber: fields.id, pin: { type: 'string', minLength: 1, maxLength: 16 } }),
      response: {
        201: {
          type: 'object',
          required: ['token', 'tokenType', 'memberId', 'expiresAt'],
          properties: { token: fields.str, tokenType: { type: 'string', enum: ['Bearer'] }, memberId: fields.str, expiresAt: fields.instant },
        },
      },
    },
    handle: async ({ body: { cardNumber, pin }, ip }) => {
      const session = await memberSignIn.signIn(cardNumber, pin, ip);
      return { ...session, tokenType: 'Bearer' };
    },
  });

  router.add({
    method: 'GET',
    url: '/api/session',
    summary: 'Who the presented credential belongs to',
    tag: 'auth',
    access: { public: true },
    status: 200,
    schema: {
      response: {
        200: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { type: 'string', enum: ['anonymous', 'staff', 'member'] }, scope: fields.str, label: fields.str, memberId: fields.str },
        },
      },
    },
    handle: ({ principal }) => {
      switch (principal.kind) {
        case 'staff':
          return Promise.resolve({ kind: 'staff', scope: principal.scope, label: principal.label });
        case 'member':
          return Promise.resolve({ kind: 'member', memberId: principal.memberId });
        case 'anonymous':
          return Promise.resolve({ kind: 'anonymous' });
      }
    },
  });

  router.add<{ Body: { label: string; scope: StaffScope } }>({
    method: 'POST',
    url: '/api/staff-tokens',
    summary: 'Issue a staff API token; the token is shown only in this answer',
    tag: 'auth',
    access: { staff: 'admin' },
    status: 201,
    schema: {
      body: body(['label', 'scope'], { label: { type: 'string', minLength: 1, maxLength: 100 }, scope: { type: 'string', enum: [...STAFF_SCOPES] } }),
      response: {
        201: {
          type: 'object',
          required: ['tokenId', 'label', 'scope', 'token', 'createdAt'],
          properties: { tokenId: fields.str, label: fields.str, scope: fields.str, token: fields.str, createdAt: fields.instant },
        },
      },
    },
    handle: ({ body: { label, scope } }) => staffTokens.issue(label, scope),
  });

  router.add({
    method: 'GET',
    url: '/api/staff-tokens',
    summary: 'Staff tokens (without secrets)',
    tag: 'auth',
    access: { staff: 'admin' },
    status: 200,
    schema: { response: { 200: { type: 'array', items: { $ref: `${staffToken.$id}#` } } } },
    handle: () => staffTokens.list(),
  });

  router.add<{ Params: { tokenId: string } }>({
    method: 'DELETE',
    url: '/api/staff-tokens/:tokenId',
    summary: 'Revoke a staff token',
    tag: 'auth',
    access: { staff: 'admin' },
    status: 204,
    schema: { params: { type: 'object', required: ['tokenId'], properties: { tokenId: fields.id } } },
    handle: ({ params }) => staffTokens.revoke(params.tokenId),
  });
}
