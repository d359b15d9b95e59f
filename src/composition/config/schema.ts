import { z } from 'zod';
import { WEEKDAYS } from '../../domain/calendar/LocalDate.js';
import { POLICY_PRESETS } from '../../domain/policy/presets.js';

/**
 * The shape of `shelfmark.config.json`. The TypeScript types below are inferred from it, and
 * docs/operations.md's configuration reference is generated from it (`z.toJSONSchema`), so the file,
 * the types and the docs cannot drift apart. Rules that already live in the domain (a policy's
 * entries, a calendar's hours and closures) are checked by the domain when the configuration is
 * resolved (resolve.ts), not a second time here.
 */

const one = (object: Record<string, unknown>, keys: readonly string[]): number => keys.filter((k) => object[k] !== undefined).length;

/** A key or password: given inline, read from a file, or read from an environment variable. */
export const SecretSchema = z
  .strictObject({
    value: z.string().min(1).optional().describe('the secret itself (avoid in files under version control)'),
    file: z.string().min(1).optional().describe('a file holding the secret; relative to the configuration file'),
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name' })
      .optional()
      .describe('an environment variable holding the secret'),
  })
  .refine((s) => one(s, ['value', 'file', 'env']) === 1, { error: 'expected exactly one of "value", "file" or "env"' })
  .describe('a secret: { "value": … }, { "file": "path" } or { "env": "NAME" }');

const postgresUrl = z.string().refine((s) => /^postgres(ql)?:\/\/\S+$/.test(s) && URL.canParse(s), { error: 'expected a postgres:// URL' });
const httpUrl = z.string().refine((s) => /^https?:\/\//.test(s) && URL.canParse(s), { error: 'expected an http:// or https:// URL' });

export const StoreSchema = z
  .strictObject({
    postgres: postgresUrl.optional().describe('a PostgreSQL server, e.g. postgres://shelfmark@db.example/library'),
    poolSize: z.int().min(1).max(1000).optional().describe('connections in the pool (PostgreSQL only; default 10)'),
    pglite: z.string().min(1).optional().describe('embedded PostgreSQL persisted in this directory'),
    memory: z.literal(true).optional().describe('state in process memory, lost at exit (the default)'),
  })
  .superRefine((s, ctx) => {
    if (one(s, ['postgres', 'pglite', 'memory']) !== 1) ctx.addIssue({ code: 'custom', message: 'expected exactly one of "postgres", "pglite" or "memory"' });
    if (s.poolSize !== undefined && s.postgres === undefined) ctx.addIssue({ code: 'custom', path: ['poolSize'], message: 'only a "postgres" store has a pool' });
  })
  .describe('where the library keeps its state');

const presetNames = Object.keys(POLICY_PRESETS);

const CustomPolicySchema = z
  .looseObject({
    name: z.string().min(1),
    source: z.string().optional(),
    currency: z.string().min(1),
    charges: z.looseObject({}),
    entries: z.array(z.looseObject({ id: z.string(), match: z.looseObject({}), rule: z.looseObject({}) })).min(1),
  })
  .describe('a full rule set in the shape of PolicyDefinition (docs/policies.md); checked by the policy itself');

export const PolicySchema = z
  .union([z.string().refine((s) => presetNames.includes(s), { error: `expected a preset (${presetNames.join(', ')})` }), CustomPolicySchema], {
    error: `expected a preset name (${presetNames.join(', ')}) or a policy definition object`,
  })
  .describe(`circulation rules: a preset name (${presetNames.join(', ')}) or a custom rule set`);

const hours = z.strictObject({ opens: z.string(), closes: z.string() });

export const BranchSchema = z
  .strictObject({
    timeZone: z.string().min(1).describe('IANA time zone, e.g. Europe/Paris'),
    openingHours: z
      .partialRecord(z.enum(WEEKDAYS), hours.nullable())
      .optional()
      .describe('HH:MM opens/closes per weekday (SUN…SAT); a weekday left out or null is closed; leave out for open every day'),
    closures: z
      .array(z.strictObject({ from: z.string(), to: z.string(), kind: z.enum(['HOLIDAY', 'EMERGENCY']), reason: z.string().min(1) }))
      .optional()
      .describe('closed days, YYYY-MM-DD inclusive, in the branch time zone'),
  })
  .describe('a branch calendar (overrides the policy calendar of the same branch)');

const webhook = z.strictObject({
  url: httpUrl.describe('the gateway endpoint; each notice is one JSON POST'),
  secret: SecretSchema.optional().describe(
    'a Standard Webhooks secret, whsec_<base64 of 24 to 64 bytes>: each request carries webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>',
  ),
});

export const NoticesSchema = z
  .strictObject({
    email: z
      .strictObject({
        host: z.string().min(1).describe('SMTP server'),
        port: z.int().min(1).max(65_535).default(587).describe('SMTP port (default 587)'),
        secure: z.boolean().default(false).describe('TLS from the first byte (port 465); otherwise STARTTLS when offered'),
        auth: z.strictObject({ user: z.string().min(1), pass: SecretSchema }).optional().describe('SMTP login'),
        from: z.string().min(1).describe('the sender, e.g. "City Library" <notices@library.example>'),
      })
      .optional()
      .describe('email over SMTP; verified (connect and log in) at start-up'),
    sms: webhook.optional().describe('SMS through an HTTP gateway'),
    push: webhook.optional().describe('push notices through an HTTP gateway'),
    pollSeconds: z.number().positive().default(5).describe('how often serve looks for notices due for (re)delivery (default 5)'),
  })
  .describe('notice channels; a medium with no channel keeps its notices in the outbox');

export const KeysSchema = z
  .strictObject({
    session: SecretSchema.optional().describe('member session key, at least 32 bytes as hex or base64; the same on every server'),
    loanTokens: z
      .array(z.strictObject({ kid: z.string().min(1), privateKey: SecretSchema.describe('an Ed25519 private key, PKCS#8 PEM') }))
      .min(1)
      .optional()
      .describe('e-book loan token signing keys; the last one signs, the earlier ones still verify'),
    downloadLinks: z
      .strictObject({ secret: SecretSchema.describe('HMAC key, at least 32 bytes as hex or base64'), baseUrl: httpUrl.describe('the file server') })
      .optional()
      .describe('signed download links'),
  })
  .describe('keys; a key left out is made at start-up and dies with the process');

export const JobsSchema = z
  .union([z.literal(false), z.strictObject({ intervalMinutes: z.number().positive().default(15).describe('minutes between rounds (default 15)') })], {
    error: 'expected false or { "intervalMinutes": n }',
  })
  .describe('scheduled jobs inside serve: false, or every intervalMinutes');

const days = (what: string, fallback: number, min = 0): z.ZodDefault<z.ZodInt> =>
  z.int().min(min).default(fallback).describe(`${what} (default ${String(fallback)})`);

export const RetentionSchema = z
  .strictObject({
    deliveredNoticesDays: days('days a delivered notice stays in the outbox; also how late a missed reminder is still sent', 30, 1),
    revocationsDaysAfterLapse: days('days a loan-token revocation is kept after the token lapsed', 1),
    idempotencyRecordsDaysAfterExpiry: days('days an Idempotency-Key record is kept after it expired', 0),
  })
  .describe('how long the jobs keep records that have done their work before pruning them');

export const HttpSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1').describe('address to listen on (default 127.0.0.1)'),
    port: z.int().min(0).max(65_535).default(8080).describe('TCP port (default 8080)'),
  })
  .describe('the HTTP API of serve');

export const Sip2Schema = z
  .strictObject({
    port: z.int().min(0).max(65_535).optional().describe('TCP port of the SIP2 server; when set, serve starts it too (shelfmark sip2 --port overrides it)'),
    host: z.string().min(1).default('127.0.0.1').describe('address the SIP2 server listens on (default 127.0.0.1)'),
    institutionId: z.string().min(1).max(60).default('shelfmark').describe('AO of the answers that echo none (default shelfmark)'),
    libraryName: z.string().min(1).max(60).default('shelfmark').describe('AM of the ACS status answer (default shelfmark)'),
    encoding: z.enum(['utf8', 'latin1']).default('utf8').describe('character set on the wire: utf8, or latin1 for legacy kiosks (default utf8)'),
    idleTimeoutSeconds: z.number().positive().max(86_400).default(300).describe('a connection that completes no message for this long is closed (default 300)'),
    maxMessageBytes: z.int().min(64).max(1_048_576).default(8192).describe('a longer message is answered with 96 and dropped (default 8192)'),
    maxConnectionsPerAccount: z.int().min(1).max(10_000).default(20).describe('connections one SIP2 login may hold at once (default 20)'),
    tls: z
      .strictObject({ key: SecretSchema.describe('PEM private key'), cert: SecretSchema.describe('PEM certificate (chain)') })
      .optional()
      .describe('serve SIP2 over TLS; plain TCP when left out'),
  })
  .describe('the SIP2 server for self-check kiosks and sorters (docs/sip2.md)');

export const SearchSchema = z
  .strictObject({
    engine: z
      .enum(['in-process', 'postgres'])
      .default('in-process')
      .describe(
        'with a SQL store, what answers catalogue searches: in-process (default; an index in each process, built from the database at start-up and kept current through its change log) or postgres (full text in the database)',
      ),
    pollMilliseconds: z
      .int()
      .min(10)
      .max(3_600_000)
      .default(1000)
      .describe('in-process engine on a SQL store: how often the change log is read when no notification came (default 1000)'),
    notifyMilliseconds: z
      .int()
      .min(0)
      .max(60_000)
      .default(50)
      .describe('in-process engine on PostgreSQL: how long a process waits after waking the others before it wakes them again; the commits of that time share one notification (default 50)'),
  })
  .describe('catalogue search (docs/search.md)');

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('ignored; lets editors find a JSON schema'),
    store: StoreSchema.optional(),
    policy: PolicySchema.default('college'),
    branches: z.record(z.string().min(1), BranchSchema).default({}).describe('branch calendars by branch code'),
    notices: NoticesSchema.prefault({}),
    keys: KeysSchema.prefault({}),
    jobs: JobsSchema.prefault({}),
    retention: RetentionSchema.prefault({}),
    http: HttpSchema.prefault({}),
    sip2: Sip2Schema.prefault({}),
    search: SearchSchema.prefault({}),
  })
  .describe('shelfmark.config.json');

export type Secret = z.infer<typeof SecretSchema>;
export type StoreConfig = z.infer<typeof StoreSchema>;
export type BranchConfig = z.infer<typeof BranchSchema>;
export type NoticesConfig = z.infer<typeof NoticesSchema>;
export type KeysConfig = z.infer<typeof KeysSchema>;
export type Sip2Config = z.infer<typeof Sip2Schema>;
export type ShelfmarkConfig = z.infer<typeof ConfigSchema>;
/** What the file may hold before defaults are applied. */
export type ShelfmarkConfigInput = z.input<typeof ConfigSchema>;
