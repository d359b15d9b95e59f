import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CredentialStore } from '../../application/ports/CredentialStore.js';
import type { IdempotencyStore } from '../../application/ports/IdempotencyStore.js';
import type { Library } from '../../Library.js';
import { Authenticator } from './auth/Authenticator.js';
import { MemberPins, type PinBackoff } from '../../application/auth/MemberPins.js';
import { SecretHasher, type ScryptCost } from '../../application/auth/SecretHasher.js';
import { PROCESS_COMPILERS } from './processCompilers.js';
import { MemberSignIn } from './auth/MemberSignIn.js';
import { SessionTokens } from './auth/SessionTokens.js';
import { StaffTokens } from './auth/StaffTokens.js';
import { TokenBucket, type TokenBucketOptions } from './auth/TokenBucket.js';
import { outcomeOf, type ErrorBody } from './errors/errorStatus.js';
import { Idempotency, type IdempotencyTimes } from './idempotency/Idempotency.js';
import { refuseControlCharacters } from './inputText.js';
import { Router } from './routing.js';
import { auditRoutes } from './routes/audit.js';
import { catalogRoutes } from './routes/catalog.js';
import { circulationRoutes } from './routes/circulation.js';
import { deskRoutes } from './routes/desk.js';
import { digitalRoutes } from './routes/digital.js';
import { digitalCatalogRoutes } from './routes/digitalCatalog.js';
import type { HttpDeps } from './routes/deps.js';
import { itemRoutes } from './routes/items.js';
import { branchRoutes } from './routes/branches.js';
import { memberRoutes } from './routes/members.js';
import { opdsRoutes } from './routes/opds.js';
import { reservationRoutes } from './routes/reservations.js';
import { sessionRoutes } from './routes/sessions.js';
import { DESK_SCHEMAS } from './deskSchemas.js';
import { DIGITAL_SCHEMAS } from './digitalSchemas.js';
import { SHARED_SCHEMAS } from './schemas.js';
import { COUNTER_PAGE_SECURITY, registerSecurityHeaders } from './securityHeaders.js';
import { loadCounterPage } from './staticAssets.js';

export interface ServerOptions {
  /** Staff tokens and member PINs (hashes only). Default: the library's (`library.credentials`: in its database with a SQL store, else in memory). */
  readonly credentials?: CredentialStore;
  /** Key for member session tokens (HS256, ≥ 32 bytes). Default: random per process — give every server the same one. */
  readonly sessionSecret?: Uint8Array;
  readonly sessionTtlSeconds?: number;
  readonly scryptCost?: ScryptCost;
  /** How wrong PINs slow a card down. Default: 5 free, then 30 s doubling to 15 minutes; forgotten after 24 hours. */
  readonly pinBackoff?: PinBackoff;
  /** PIN sign-in attempts per client address. Default: bursts of 10, then 10 a minute. */
  readonly pinRateLimit?: TokenBucketOptions;
  /** Idempotency-Key records. Default: the library's (`library.idempotency`), like `credentials`. */
  readonly idempotency?: IdempotencyStore;
  /** How long an answer is kept for retries (default 24 hours) and how long a running request holds its key (default 5 minutes). */
  readonly idempotencyTimes?: IdempotencyTimes;
  readonly logger?: FastifyServerOptions['logger'];
  /** Trust X-Forwarded-For (behind a reverse proxy) when rate limiting by address. */
  readonly trustProxy?: boolean;
}

/** The HTTP face of one library: the Fastify app plus the credential services it authenticates with. */
export interface ShelfmarkServer {
  readonly app: FastifyInstance;
  readonly staffTokens: StaffTokens;
  readonly pins: MemberPins;
  /** Deletes the idempotency records whose time is up (by the library's clock); returns how many. Run it on the jobs' interval. */
  pruneExpired(): Promise<number>;
  listen(options: { readonly port: number; readonly host?: string }): Promise<string>;
  close(): Promise<void>;
}

function errorBody(code: string, message: string): ErrorBody {
  return { code, message };
}

/** Builds the server (not yet listening): JSON API under /api, OpenAPI at /openapi.json, the counter page at /counter. */
export async function createServer(library: Library, options: ServerOptions = {}): Promise<ShelfmarkServer> {
  const clock = library.clock;
  const credentials = options.credentials ?? library.credentials;
  const idempotency = new Idempotency(options.idempotency ?? library.idempotency, clock, options.idempotencyTimes);
  const hasher = new SecretHasher(options.scryptCost);
  const sessions = new SessionTokens(clock, options.sessionSecret, options.sessionTtlSeconds);
  const staffTokens = new StaffTokens(credentials, hasher, clock);
  const pins = new MemberPins(credentials, hasher, library.members, clock, options.pinBackoff);
  const authenticator = new Authenticator(staffTokens, sessions);
  const deps: HttpDeps = {
    library,
    staffTokens,
    pins,
    memberSignIn: new MemberSignIn(pins, sessions, new TokenBucket(clock, options.pinRateLimit ?? { capacity: 10, refillPerMinute: 10 })),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    schemaController: { compilersFactory: PROCESS_COMPILERS },
  });

  await registerSecurityHeaders(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'shelfmark HTTP API',
        version: '1',
        description: 'Catalog lookup, circulation, reservations, digital lending, members and fines. Errors are { code, message }.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A staff API token (smk_…) or a member session token from POST /api/sessions/pin.' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  for (const schema of [...SHARED_SCHEMAS, ...DIGITAL_SCHEMAS, ...DESK_SCHEMAS]) app.addSchema(schema);

  // OAuth 2.0 token requests (the OPDS sign-in) arrive form-encoded; every other route takes JSON.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, text, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(text))));
  });

  app.decorateRequest('principal', { getter: () => ({ kind: 'anonymous' }) as const });
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    const principal = await authenticator.principalOf(authorization);
    Object.defineProperty(request, 'principal', { value: principal, enumerable: true });
  });

  app.addHook('preValidation', refuseControlCharacters);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const outcome = outcomeOf(error);
    if (outcome) {
      if (outcome.body.code === 'RATE_LIMITED' && 'details' in error) {
        const wait = (error.details as Record<string, unknown>).retryAfterSeconds;
        if (typeof wait === 'number') void reply.header('retry-after', String(wait));
      }
      if (outcome.status >= 500) request.log.error(error);
      return reply.code(outcome.status).send(outcome.body);
    }
    if (error.validation) return reply.code(400).send(errorBody('INVALID_INPUT', error.message));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_INPUT';
      return reply.code(status === 413 || status === 415 ? status : 400).send(errorBody(code, error.message));
    }
    request.log.error(error);
    return reply.code(500).send(errorBody('INTERNAL_ERROR', 'the server failed; the request may be retried'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url}`)));

  const router = new Router(app, idempotency, library);
  for (const routes of [
    catalogRoutes,
    itemRoutes,
    branchRoutes,
    memberRoutes,
    circulationRoutes,
    reservationRoutes,
    deskRoutes,
    digitalCatalogRoutes,
    digitalRoutes,
    opdsRoutes,
    sessionRoutes,
    auditRoutes,
  ]) routes(router, deps);

  app.get('/api/health', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const counter = loadCounterPage();
  for (const url of ['/counter', '/counter/']) {
    app.get(url, { schema: { hide: true }, helmet: COUNTER_PAGE_SECURITY }, async (_request, reply) => {
      const page = counter.get('index.html');
      return reply.type(page?.contentType ?? 'text/html').send(page?.body);
    });
  }
  for (const [file, asset] of counter) {
    if (file === 'index.html') continue;
    app.get(`/counter/${file}`, { schema: { hide: true }, helmet: COUNTER_PAGE_SECURITY }, async (_request, reply) =>
      reply.type(asset.contentType).send(asset.body),
    );
  }

  await app.ready();
  return {
    app,
    staffTokens,
    pins,
    pruneExpired: () => idempotency.pruneExpired(),
    listen: ({ port, host = '127.0.0.1' }) => app.listen({ port, host }),
    close: () => app.close(),
  };
}
