/**
 * Settings from outside the file: environment variables override the file, command-line flags override
 * both. Each override names where it came from, so an error in it is reported under that name
 * (`SHELFMARK_HTTP_PORT: http.port: …`) rather than under the file's.
 */
export interface Override {
  /** `SHELFMARK_HTTP_PORT`, `--database-url`, … */
  readonly source: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** A number when the text is one, else the text itself (so the schema reports it as the wrong type). */
const numeric = (raw: string): unknown => (/^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw);

interface EnvironmentVariable {
  readonly name: string;
  readonly meaning: string;
  readonly override: (raw: string) => { readonly path: readonly string[]; readonly value: unknown };
}

/** In order of precedence, lowest first: a later one wins over an earlier one setting the same path. */
export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  { name: 'DATABASE_URL', meaning: 'store: a PostgreSQL server (kept for older deployments)', override: (raw) => ({ path: ['store'], value: { postgres: raw } }) },
  { name: 'SHELFMARK_PGLITE_DIR', meaning: 'store: embedded PostgreSQL in this directory', override: (raw) => ({ path: ['store'], value: { pglite: raw } }) },
  { name: 'SHELFMARK_DATABASE_URL', meaning: 'store: a PostgreSQL server', override: (raw) => ({ path: ['store'], value: { postgres: raw } }) },
  { name: 'SHELFMARK_POLICY', meaning: 'policy: a preset name', override: (raw) => ({ path: ['policy'], value: raw }) },
  { name: 'SHELFMARK_HTTP_HOST', meaning: 'http.host', override: (raw) => ({ path: ['http', 'host'], value: raw }) },
  { name: 'SHELFMARK_HTTP_PORT', meaning: 'http.port', override: (raw) => ({ path: ['http', 'port'], value: numeric(raw) }) },
  {
    name: 'SHELFMARK_JOBS_INTERVAL_MINUTES',
    meaning: 'jobs: minutes between rounds, or "off"',
    override: (raw) => (raw === 'off' ? { path: ['jobs'], value: false } : { path: ['jobs', 'intervalMinutes'], value: numeric(raw) }),
  },
  { name: 'SHELFMARK_SESSION_SECRET', meaning: 'keys.session (hex or base64, at least 32 bytes)', override: () => ({ path: ['keys', 'session'], value: { env: 'SHELFMARK_SESSION_SECRET' } }) },
  { name: 'SHELFMARK_SMTP_PASSWORD', meaning: 'notices.email.auth.pass', override: () => ({ path: ['notices', 'email', 'auth', 'pass'], value: { env: 'SHELFMARK_SMTP_PASSWORD' } }) },
];

export function environmentOverrides(env: Readonly<Record<string, string | undefined>>): Override[] {
  return ENVIRONMENT_VARIABLES.flatMap((v) => {
    const raw = env[v.name];
    return raw === undefined || raw === '' ? [] : [{ source: v.name, ...v.override(raw) }];
  });
}

/** The flags every command that opens the library takes. */
export interface CommandLineSettings {
  readonly databaseUrl?: string;
  readonly pglite?: string;
  readonly host?: string;
  readonly port?: number;
  readonly policy?: string;
}

export function commandLineOverrides(flags: CommandLineSettings): Override[] {
  const overrides: (Override | null)[] = [
    flags.pglite === undefined ? null : { source: '--pglite', path: ['store'], value: { pglite: flags.pglite } },
    flags.databaseUrl === undefined ? null : { source: '--database-url', path: ['store'], value: { postgres: flags.databaseUrl } },
    flags.policy === undefined ? null : { source: '--policy', path: ['policy'], value: flags.policy },
    flags.host === undefined ? null : { source: '--host', path: ['http', 'host'], value: flags.host },
    flags.port === undefined ? null : { source: '--port', path: ['http', 'port'], value: flags.port },
  ];
  return overrides.filter((o): o is Override => o !== null);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `base` with each override written at its path, in order. */
export function applyOverrides(base: Json, overrides: readonly Override[]): Json {
  const result = structuredClone(base);
  for (const { path, value } of overrides) {
    let node = result;
    path.slice(0, -1).forEach((key) => {
      if (!isObject(node[key])) node[key] = {};
      node = node[key] as Json;
    });
    node[path[path.length - 1] ?? ''] = structuredClone(value);
  }
  return result;
}

/** Who set the value at `path`: the last override whose path is a prefix of it, else null (the file). */
export function originOf(path: readonly PropertyKey[], overrides: readonly Override[]): string | null {
  const covering = overrides.filter((o) => o.path.every((key, i) => path[i] === key));
  return covering.length === 0 ? null : (covering[covering.length - 1]?.source ?? null);
}
