import type { FastifyRequest } from 'fastify';
import type { AccessGrant } from '../../../application/digital/views.js';
import { SEARCH_FORMATS, type SearchFormat } from '../../../application/ports/SearchIndex.js';
import { DigitalLendingError } from '../../../domain/digital/DigitalLendingError.js';
import { ValidationError } from '../../../domain/shared/ShelfmarkError.js';
import type { Principal } from '../auth/Principal.js';
import { authenticationDocument, navigationFeed, PAGE_SIZE, publicationsFeed, shelfFeed, TitleReader } from '../opds/feeds.js';
import { isLendableDigitally, OPDS_TYPES, OpdsUrls, publicationOf } from '../opds/publication.js';
import type { Router } from '../routing.js';
import { fields, titleKeyParams } from '../schemas.js';
import type { HttpDeps } from './deps.js';

/** OPDS documents are passed through as built (they are checked against the OPDS 2.0 schemas in the tests). */
const document = { 200: { type: 'object', additionalProperties: true }, 201: { type: 'object', additionalProperties: true } } as const;
const memberQuery = { type: 'object', additionalProperties: false, properties: { memberId: fields.id } } as const;

const urlsOf = (request: FastifyRequest): OpdsUrls => new OpdsUrls(`${request.protocol}://${request.host}`);
const memberOf = (principal: Principal): string | null => (principal.kind === 'member' ? principal.memberId : null);

/** Whose shelf or borrow a request is about: the one named with `?memberId=` (staff must name one), else the signed-in member. */
function patronOf(principal: Principal, query: { memberId?: string }): string {
  const memberId = query.memberId ?? memberOf(principal) ?? undefined;
  if (memberId === undefined) throw new ValidationError('staff name the member with ?memberId=', { field: 'memberId' });
  return memberId;
}

interface SearchQuerystring {
  query?: string;
  format?: SearchFormat;
  availableOnly?: 'true' | 'false';
  page?: string;
}

/**
 * OPDS 2.0 for reading apps: a navigation feed, publications feeds per search (facets, pagination, templated search),
 * one publication, borrowing through the acquisition link, fulfilment, the member's bookshelf, and the
 * Authentication Document with its token endpoint.
 */
export function opdsRoutes(router: Router, { library, memberSignIn }: HttpDeps): void {
  router.add({
    method: 'GET',
    url: '/opds',
    summary: 'The OPDS 2.0 catalogue: navigation, search template, bookshelf and sign-in',
    tag: 'opds',
    access: { public: true },
    status: 200,
    contentType: OPDS_TYPES.feed,
    schema: { response: document },
    handle: (request) => Promise.resolve(navigationFeed(urlsOf(request))),
  });

  router.add<{ Querystring: SearchQuerystring }>({
    method: 'GET',
    url: '/opds/search',
    summary: 'Search results as an OPDS publications feed, with format and availability facets and pagination',
    tag: 'opds',
    access: { public: true },
    status: 200,
    contentType: OPDS_TYPES.feed,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          query: { type: 'string', maxLength: 500 },
          format: { type: 'string', enum: [...SEARCH_FORMATS] },
          availableOnly: { type: 'string', enum: ['true', 'false'] },
          page: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
        },
      },
      response: document,
    },
    handle: async (request) => {
      const { query: text, format, availableOnly, page: pageText } = request.query;
      const page = pageText === undefined ? 1 : Number(pageText);
      const q = { ...(text === undefined || text.trim() === '' ? {} : { query: text.trim() }), ...(format === undefined ? {} : { format }), availableOnly: availableOnly === 'true', page };
      const result = await library.catalog.search({
        ...(q.query === undefined ? {} : { text: q.query }),
        ...(format === undefined ? {} : { format }),
        availableOnly: q.availableOnly,
        facets: true,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      return publicationsFeed(result, q, urlsOf(request), new TitleReader(library, memberOf(request.principal)));
    },
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/opds/publications/:isbn',
    summary: 'One publication: metadata, acquisition links per format, availability, holds and copies',
    tag: 'opds',
    access: { public: true },
    status: 200,
    contentType: OPDS_TYPES.publication,
    schema: { params: titleKeyParams, response: document },
    handle: async (request) => {
      const title = await new TitleReader(library, memberOf(request.principal)).read(request.params.isbn);
      if (!isLendableDigitally(title.pools) && title.loans.length === 0) {
        throw new DigitalLendingError('DIGITAL_COPY_NOT_FOUND', `${title.book.recordId} has no digital copy to lend`, { isbn: title.book.recordId });
      }
      return publicationOf(title, urlsOf(request));
    },
  });

  for (const method of ['GET', 'PUT'] as const) {
    router.add<{ Params: { copyId: string }; Querystring: { memberId?: string } }>({
      method,
      url: '/opds/borrow/:copyId',
      summary: 'The borrow acquisition link: lend a license, or join the queue; answers the publication as the member now sees it',
      tag: 'opds',
      access: { staff: 'counter', members: 'own-account' },
      accountOf: ({ principal, query }) => Promise.resolve(patronOf(principal, query)),
      idempotent: method === 'PUT',
      status: 201,
      contentType: OPDS_TYPES.publication,
      schema: { params: { type: 'object', required: ['copyId'], properties: { copyId: fields.id } }, querystring: memberQuery, response: document },
      handle: async (request, acting) => {
        const memberId = patronOf(request.principal, request.query);
        const borrowed = await acting.digital.borrow({ memberId, copyId: request.params.copyId });
        const isbn = borrowed.outcome === 'LENT' ? borrowed.loan.isbn : borrowed.reservation.isbn;
        return publicationOf(await new TitleReader(library, memberId).read(isbn), urlsOf(request));
      },
    });
  }

  router.add<{ Params: { loanId: string } }>({
    method: 'GET',
    url: '/opds/loans/:loanId/fulfil',
    summary: 'The fulfilment link of a loan: a redirect to a fresh signed download (or the access grant when an external server delivers)',
    tag: 'opds',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: async ({ params }) => (await library.digital.getLoan(params.loanId)).memberId,
    status: 200,
    redirectTo: (grant: AccessGrant) => grant.downloadUrl,
    schema: { params: { type: 'object', required: ['loanId'], properties: { loanId: fields.id } }, response: document },
    handle: ({ params, principal }, acting) => acting.digital.access({ loanId: params.loanId, ...(principal.kind === 'member' ? { memberId: principal.memberId } : {}) }),
  });

  router.add<{ Querystring: { memberId?: string } }>({
    method: 'GET',
    url: '/opds/shelf',
    summary: "The member's bookshelf: e-loans with fulfilment links and due instants, holds with their place in line",
    tag: 'opds',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: ({ principal, query }) => Promise.resolve(patronOf(principal, query)),
    status: 200,
    contentType: OPDS_TYPES.feed,
    schema: { querystring: memberQuery, response: document },
    handle: (request) => shelfFeed(patronOf(request.principal, request.query), library, urlsOf(request)),
  });

  router.add({
    method: 'GET',
    url: '/opds/authentication',
    summary: 'The OPDS Authentication Document: sign in with card number and PIN',
    tag: 'opds',
    access: { public: true },
    status: 200,
    contentType: OPDS_TYPES.authentication,
    schema: { response: document },
    handle: (request) => Promise.resolve(authenticationDocument(urlsOf(request))),
  });

  router.add<{ Body: { grant_type: 'password'; username: string; password: string } }>({
    method: 'POST',
    url: '/opds/token',
    summary: 'OAuth 2.0 password grant for reading apps: card number and PIN for a member session token',
    tag: 'opds',
    access: { public: true },
    status: 200,
    schema: {
      body: {
        type: 'object',
        required: ['grant_type', 'username', 'password'],
        properties: { grant_type: { type: 'string', enum: ['password'] }, username: fields.id, password: { type: 'string', minLength: 1, maxLength: 16 } },
      },
      response: {
        200: { type: 'object', required: ['access_token', 'token_type', 'expires_in'], properties: { access_token: fields.str, token_type: fields.str, expires_in: { type: 'integer' } } },
      },
    },
    handle: async ({ body: { username, password }, ip }) => {
      const session = await memberSignIn.signIn(username, password, ip);
      const expiresIn = Math.max(0, Math.floor((Date.parse(session.expiresAt) - library.clock.now().getTime()) / 1000));
      return { access_token: session.token, token_type: 'bearer', expires_in: expiresIn };
    },
  });
}
