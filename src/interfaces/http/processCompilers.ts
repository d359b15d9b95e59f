import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>;
/** What fastify hands a compiler for one route: the schema and which part of the request or reply it describes. */
type RouteSchema = { readonly schema: unknown; readonly httpPart?: string; readonly httpStatus?: string; readonly contentType?: string };
type Factory = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => unknown;

/** A stable text for schemas and options (a function by its source). */
const keyOf = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? String(v) : v));

/**
 * With a compiler of its own, fastify hands a header schema over as written instead of lower-casing its names, and
 * requests arrive with lower-case header names: a schema must name them in lower case already.
 */
function assertLowerCaseHeaders(schema: unknown): void {
  const { properties = {}, required = [] } = (schema ?? {}) as { properties?: Record<string, unknown>; required?: readonly string[] };
  const named = [...Object.keys(properties), ...required].filter((name) => name !== name.toLowerCase());
  if (named.length > 0) throw new Error(`header schemas name headers in lower case: ${named.join(', ')}`);
}

/**
 * One of fastify's own compilers (Ajv for validation, fast-json-stringify for replies) with what it compiles kept for
 * the process: a server built again in the same process reuses each route's compiled schema instead of compiling it
 * once more. A compiled function depends only on its route schema, the shared schemas it may refer to and the
 * compiler's options, and all three are in its key; the compiler itself is built only when a schema is new.
 */
function remembering(factory: Factory): Factory {
  const byScope = new Map<string, Map<string, unknown>>();
  return (externalSchemas, options) => {
    const scope = keyOf([externalSchemas, options]);
    let compiled = byScope.get(scope);
    if (!compiled) byScope.set(scope, (compiled = new Map<string, unknown>()));
    let compile: ((route: RouteSchema) => unknown) | null = null;
    return (route) => {
      if (route.httpPart === 'headers') assertLowerCaseHeaders(route.schema);
      const key = keyOf([route.schema, route.httpPart, route.httpStatus, route.contentType]);
      let found = compiled.get(key);
      if (found === undefined) {
        compile ??= factory(externalSchemas, options);
        compiled.set(key, (found = compile(route)));
      }
      return found;
    };
  };
}

/** Fastify's default validator and serializer compilers, remembering what they compiled (see `remembering`). */
export const PROCESS_COMPILERS: CompilersFactory = {
  buildValidator: remembering(ValidatorSelector() as unknown as Factory) as unknown as ValidatorFactory,
  buildSerializer: remembering(SerializerSelector() as unknown as Factory) as unknown as SerializerFactory,
};
