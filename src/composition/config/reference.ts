import { z } from 'zod';
import { ENVIRONMENT_VARIABLES } from './overrides.js';
import { ConfigSchema } from './schema.js';

interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
}

const SECRET_KEYS = 'env,file,value';
const isSecret = (s: JsonSchema): boolean => Object.keys(s.properties ?? {}).sort().join(',') === SECRET_KEYS;

function typeOf(s: JsonSchema): string {
  if (isSecret(s)) return 'secret';
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'unknown'}[]`;
  if (s.type === 'object' && s.properties === undefined && typeof s.additionalProperties === 'object') return 'map';
  return s.type ?? 'any';
}

/** One row per field: path, type, default, meaning. Secrets and custom rule sets are leaves. */
function rows(s: JsonSchema, path: string, out: string[]): void {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  if (path !== '') {
    const fallback = s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``;
    out.push(`| \`${path}\` | ${typeOf(s)} | ${fallback} | ${cell(s.description ?? '')} |`);
  }
  if (isSecret(s) || path === 'policy') return;
  const object = s.anyOf?.find((b) => b.type === 'object') ?? s;
  for (const [key, child] of Object.entries(object.properties ?? {})) rows(child, path === '' ? key : `${path}.${key}`, out);
  if (typeof object.additionalProperties === 'object') rows(object.additionalProperties, `${path}.<name>`, out);
  if (object.items?.type === 'object') for (const [key, child] of Object.entries(object.items.properties ?? {})) rows(child, `${path}[].${key}`, out);
}

/** The configuration reference of docs/operations.md, generated from the zod schema. */
export function configurationReference(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input' }) as JsonSchema;
  const out = ['| field | type | default | meaning |', '|---|---|---|---|'];
  rows(schema, '', out);
  out.push('', 'A `secret` is `{ "value": "…" }`, `{ "file": "path" }` (relative to the configuration file) or `{ "env": "NAME" }`.', '');
  out.push('| environment variable | sets |', '|---|---|');
  for (const v of ENVIRONMENT_VARIABLES) out.push(`| \`${v.name}\` | ${v.meaning} |`);
  return out.join('\n');
}
