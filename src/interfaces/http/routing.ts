import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { Library, LibraryActions } from '../../Library.js';
import { Authenticator, type Access } from './auth/Authenticator.js';
import { actorOf, principalKey, type Principal } from './auth/Principal.js';
import { outcomeOf } from './errors/errorStatus.js';
import type { Idempotency, StoredResponse } from './idempotency/Idempotency.js';
import { ERROR_RESPONSES, idempotencyHeaders } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook before any handler runs. */
    principal: Principal;
  }
}

export interface RouteTypes {
  Body?: unknown;
  Params?: unknown;
  Querystring?: unknown;
}

export type TypedRequest<T extends RouteTypes> = FastifyRequest<{
  Body: T['Body'];
  Params: T['Params'];
  Querystring: T['Querystring'];
}>;

export interface RouteSpec<T extends RouteTypes> {
  readonly method: HTTPMethods;
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  /** For routes members may call on their own account: the member id this request touches. */
  readonly accountOf?: (request: TypedRequest<T>) => Promise<string | null>;
  /** Honour an `Idempotency-Key` header: a retry replays the first answer. */
  readonly idempotent?: boolean;
  readonly status: 200 | 201 | 204;
  /** The media type of the answer (default application/json), e.g. an OPDS feed's. */
  readonly contentType?: string;
  /** Answer 302 to the URL this picks from the result instead of sending it (null: send the result). */
  readonly redirectTo?: (result: never) => string | null;
  readonly schema: Omit<FastifySchema, 'response'> & { readonly response?: unknown };
  /**
   * The use case. `acting` is the library acting as the caller (`library.as(…)` with the staff token or
   * the signed-in member), so every change a route makes is audited under who asked for it.
   */
  readonly handle: (request: TypedRequest<T>, acting: LibraryActions) => Promise<unknown>;
}

function describeAccess(access: Access): string {
  if ('public' in access) return 'Access: anyone.';
  const staff = `a staff token with scope ${access.staff} or above`;
  return access.members === 'own-account' ? `Access: ${staff}, or a signed-in member on their own account.` : `Access: ${staff}.`;
}

/** Registers one route: schemas and OpenAPI description, the access check, the caller as the acting actor, and optional idempotency. */
export class Router {
  constructor(
    private readonly app: FastifyInstance,
    private readonly idempotency: Idempotency,
    private readonly library: Library,
  ) {}

  add<T extends RouteTypes>(spec: RouteSpec<T>): void {
    const response = spec.status === 204 ? { 204: { type: 'null', description: 'Done.' } } : (spec.schema.response ?? {});
    const schema: FastifySchema = {
      ...spec.schema,
      ...(spec.idempotent ? { headers: idempotencyHeaders } : {}),
      summary: spec.summary,
      description: describeAccess(spec.access),
      tags: [spec.tag],
      ...('public' in spec.access ? {} : { security: [{ bearer: [] }] }),
      response: { ...ERROR_RESPONSES, ...response },
    };
    const accountOf = spec.accountOf ?? (() => Promise.resolve(null));
    const authorize = (request: FastifyRequest) => Authenticator.authorize(request.principal, spec.access, () => accountOf(request));
    /**
     * A signed-in caller's keyed retry is answered from the record before the access check: the record is kept per
     * caller (the scope starts with who asked), and the first request passed the check, while asking again could
     * now refuse (a member's returned copy has no borrower any more). An anonymous caller's key is not honoured: there
     * is nobody to keep a record for, and the access check refuses it before anything is claimed.
     */
    const keyedRetryOf = (request: FastifyRequest): string | null => {
      const key = request.headers['idempotency-key'];
      return spec.idempotent && typeof key === 'string' && request.principal.kind !== 'anonymous' ? key : null;
    };
    this.app.route({
      method: spec.method,
      url: spec.url,
      schema,
      preHandler: async (request) => {
        if (keyedRetryOf(request) === null) await authorize(request);
      },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const typed = request as TypedRequest<T>;
        const key = keyedRetryOf(request);
        if (key !== null) {
          const scope = `${principalKey(request.principal)} ${spec.method} ${spec.url} ${key}`;
          const fingerprint = createHash('sha256')
            .update(JSON.stringify([request.params, request.body ?? null]))
            .digest('base64url');
          // A refused access check throws out of the claim, which records nothing: the refusal is decided afresh next time.
          const execute = async () => {
            await authorize(request);
            return this.answer(spec, typed);
          };
          const { response: answer, replayed } = await this.idempotency.run(scope, fingerprint, execute);
          if (replayed) void reply.header('idempotent-replayed', 'true');
          if (spec.contentType !== undefined && answer.status < 300) void reply.type(spec.contentType);
          return reply.code(answer.status).send(answer.body);
        }
        const result = await this.handle(spec, typed);
        const location = spec.redirectTo?.(result as never) ?? null;
        if (location !== null) return reply.redirect(location, 302);
        if (spec.contentType !== undefined) void reply.type(spec.contentType);
        return reply.code(spec.status).send(spec.status === 204 ? null : result);
      },
    });
  }

  private handle<T extends RouteTypes>(spec: RouteSpec<T>, request: TypedRequest<T>): Promise<unknown> {
    return spec.handle(request, this.library.as(actorOf(request.principal)));
  }

  /** Runs the use case once and records its answer, including a refusal by the engine (a retry must see the same 409). */
  private async answer<T extends RouteTypes>(spec: RouteSpec<T>, request: TypedRequest<T>): Promise<StoredResponse> {
    try {
      return { status: spec.status, body: await this.handle(spec, request) };
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome === null || outcome.status >= 500) throw error;
      return outcome;
    }
  }
}
