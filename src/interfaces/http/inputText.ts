import type { FastifyRequest } from 'fastify';
import { requireNoControlCharacters } from '../../domain/shared/guards.js';

/** Every string in a parsed value, with where it sits (`body.authors[1]`). */
function* stringsIn(value: unknown, at: string): Generator<readonly [string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, `${at}[${String(i)}]`);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield* stringsIn(key, `${at} key`);
      yield* stringsIn(item, `${at}.${key}`);
    }
  }
}

/**
 * The engine's character rule (`requireNoControlCharacters`) applied to every string a request brings — path
 * parameters, query and JSON body, keys included — before any schema or handler sees it: a control character
 * anywhere is 400 INVALID_INPUT on every route, whichever store is behind it.
 */
export function refuseControlCharacters(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [['params', request.params], ['query', request.query], ['body', request.body]] as const) {
    for (const [at, text] of stringsIn(value, part)) requireNoControlCharacters(text, at);
  }
  return Promise.resolve();
}
