import type { ShelfmarkConfig } from './schema.js';

export const REDACTED = '[redacted]';

type Json = unknown;

/** A secret given inline: `{ "value": … }` and nothing else. */
const isInlineSecret = (node: Record<string, unknown>): boolean => Object.keys(node).length === 1 && typeof node.value === 'string';

function redactNode(node: Json): Json {
  if (Array.isArray(node)) return node.map(redactNode);
  if (typeof node !== 'object' || node === null) return node;
  const object = node as Record<string, unknown>;
  if (isInlineSecret(object)) return { value: REDACTED };
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, redactNode(value)]));
}

/** `postgres://user:secret@host/db` → `postgres://user:[redacted]@host/db`. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password === '') return url;
  parsed.password = REDACTED;
  return parsed.toString().replace(encodeURIComponent(REDACTED), REDACTED);
}

/**
 * The configuration as `shelfmark config check` prints it: inline secrets and database passwords
 * replaced by `[redacted]`; files and environment variable names, which are not secrets, kept.
 * The policy is a rule set, not a secret, and is printed as it is.
 */
export function redacted(config: ShelfmarkConfig): Json {
  const { policy, ...rest } = config;
  const safe = redactNode(rest) as Record<string, unknown>;
  if (config.store?.postgres !== undefined) safe.store = { ...config.store, postgres: redactUrl(config.store.postgres) };
  return { ...safe, policy };
}
