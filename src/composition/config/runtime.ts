import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { NoticeChannel } from '../../application/ports/NoticeChannel.js';
import type { Store } from '../../application/ports/Store.js';
import type { Clock } from '../../domain/shared/Clock.js';
import type { ContactChannel } from '../../domain/members/Member.js';
import { EmailChannel } from '../../infrastructure/notify/EmailChannel.js';
import { WebhookChannel } from '../../infrastructure/notify/WebhookChannel.js';
import { SqlStore } from '../../infrastructure/sql/SqlStore.js';
import { HmacDownloadLinks } from '../../infrastructure/tokens/HmacDownloadLinks.js';
import { JoseLoanTokens } from '../../infrastructure/tokens/JoseLoanTokens.js';
import { LoanTokenKeyRing } from '../../infrastructure/tokens/LoanTokenKeyRing.js';
import type { LibraryOptions } from '../../Library.js';
import { openStore } from '../stores.js';
import { ConfigError } from './ConfigError.js';
import { sourceOf, type LoadedConfig } from './load.js';
import { redactUrl } from './redact.js';
import type { Secret, ShelfmarkConfig } from './schema.js';
import { readKeyBytes, readSecret, type SecretSources } from './secrets.js';

/** Which kind of store a configuration names, and where, in words for start-up lines. */
export function describeStore(config: ShelfmarkConfig): { readonly kind: 'memory' | 'postgres' | 'pglite'; readonly where: string } {
  if (config.store?.postgres !== undefined) return { kind: 'postgres', where: redactUrl(config.store.postgres) };
  if (config.store?.pglite !== undefined) return { kind: 'pglite', where: config.store.pglite };
  return { kind: 'memory', where: 'process memory' };
}

/** The configured store, not yet connected: SQL stores connect (and migrate) on `ready()` or their first transaction. */
export function storeFrom(config: ShelfmarkConfig): Store {
  const store = config.store;
  if (store?.postgres !== undefined) return openStore({ postgres: store.postgres, ...(store.poolSize === undefined ? {} : { poolSize: store.poolSize }) });
  if (store?.pglite !== undefined) return openStore({ pglite: store.pglite });
  return openStore(undefined);
}

function loanTokenKeys(config: ShelfmarkConfig, sources: SecretSources): LoanTokenKeyRing | null {
  const keys = config.keys.loanTokens ?? [];
  const parsed = keys.map(({ kid, privateKey }, i) => {
    const field = `keys.loanTokens.${i}.privateKey`;
    try {
      const key = createPrivateKey(readSecret(privateKey, field, sources));
      if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'a symmetric key'}`);
      return { kid, privateKey: key, publicKey: createPublicKey(key) };
    } catch (error) {
      if (ConfigError.is(error)) throw error;
      throw new ConfigError('SECRET_UNAVAILABLE', `${field}: not a usable private key: ${(error as Error).message}`, { field }, { cause: error });
    }
  });
  const [first, ...later] = parsed;
  if (!first) return null;
  const ring = new LoanTokenKeyRing(first);
  for (const key of later) ring.rotate(key);
  return ring;
}

function channelsFrom(config: ShelfmarkConfig, sources: SecretSources): { readonly channels: NoticeChannel[]; readonly email: EmailChannel | null } {
  const { email, sms, push } = config.notices;
  const emailChannel =
    email === undefined
      ? null
      : new EmailChannel({
          smtp: {
            host: email.host,
            port: email.port,
            secure: email.secure,
            ...(email.auth ? { auth: { user: email.auth.user, pass: readSecret(email.auth.pass, 'notices.email.auth.pass', sources) } } : {}),
          },
          from: email.from,
        });
  const webhooks = (
    [
      ['sms', sms],
      ['push', push],
    ] as const
  ).flatMap(([medium, hook]: readonly [ContactChannel, typeof sms]) =>
    hook === undefined
      ? []
      : [new WebhookChannel({ medium, url: hook.url, ...(hook.secret ? { signingSecret: webhookSecret(hook.secret, `notices.${medium}.secret`, sources) } : {}) })],
  );
  return { channels: [...(emailChannel ? [emailChannel] : []), ...webhooks], email: emailChannel };
}

/** A webhook signing secret, read and checked now (`whsec_` and 24 to 64 bytes in base64): a bad one is a ConfigError naming the field. */
function webhookSecret(secret: Secret, field: string, sources: SecretSources): string {
  const value = readSecret(secret, field, sources);
  try {
    WebhookChannel.keyOf(value);
  } catch (error) {
    throw new ConfigError('SECRET_UNAVAILABLE', `${field}: ${(error as Error).message}`, { field }, { cause: error });
  }
  return value;
}

/** Every key and password the configuration points at, read now: a missing file or variable is a ConfigError naming the field. */
export function readKeys(loaded: LoadedConfig): {
  readonly sessionSecret: Uint8Array | undefined;
  readonly ring: LoanTokenKeyRing | null;
  readonly downloadLinks: HmacDownloadLinks | undefined;
  readonly channels: NoticeChannel[];
  readonly email: EmailChannel | null;
} {
  const { config, secrets } = loaded;
  const sessionSecret = config.keys.session ? readKeyBytes(config.keys.session, 'keys.session', secrets) : undefined;
  const ring = loanTokenKeys(config, secrets);
  const links = config.keys.downloadLinks;
  const downloadLinks = links ? new HmacDownloadLinks(readKeyBytes(links.secret, 'keys.downloadLinks.secret', secrets), links.baseUrl) : undefined;
  return { sessionSecret, ring, downloadLinks, ...channelsFrom(config, secrets) };
}

export interface OpenOptions {
  /** The clock every rule reads; the system clock unless a test entry point passes its own. */
  readonly clock?: Clock;
  /** Log in to the SMTP server before going on (serve, jobs). */
  readonly verifySmtp?: boolean;
}

/** What a command needs to create its Library and, for serve, its HTTP server. */
export interface OpenedConfiguration {
  readonly library: LibraryOptions;
  readonly store: Store;
  /** Member session key for the HTTP server, when one is configured. */
  readonly sessionSecret?: Uint8Array;
  /** Media with a configured channel; a notice on another medium waits in the outbox. */
  readonly media: readonly ContactChannel[];
}

/**
 * The one place every command opens the library it was configured with: keys read (a missing file or
 * variable fails here, before anything else), channels built (SMTP logged in to when asked), the store
 * connected and migrated. Each failure is a ConfigError naming the field or service.
 */
export async function openConfiguration(loaded: LoadedConfig, options: OpenOptions = {}): Promise<OpenedConfiguration> {
  const { config } = loaded;
  const { sessionSecret, ring, downloadLinks, channels, email } = readKeys(loaded);
  if (email && options.verifySmtp === true) {
    try {
      await email.verify();
    } catch (error) {
      email.close();
      const at = `${config.notices.email?.host ?? ''}:${String(config.notices.email?.port ?? '')}`;
      throw new ConfigError('SMTP_UNVERIFIED', `notices.email: the SMTP server at ${at} refused: ${(error as Error).message}`, { host: at }, { cause: error });
    }
  }
  const store = storeFrom(config);
  if (store instanceof SqlStore) {
    try {
      await store.ready();
    } catch (error) {
      await store.close().catch(() => undefined);
      email?.close();
      const { kind, where } = describeStore(config);
      const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      throw new ConfigError('STORE_UNREACHABLE', `${sourceOf(loaded, ['store'])}: store: cannot open the ${kind} database at ${where}: ${cause}`, { store: kind }, { cause: error });
    }
  }
  const library: LibraryOptions = {
    policy: loaded.policy,
    store,
    channels,
    retention: config.retention,
    searchEngine: config.search.engine,
    searchFeed: { pollMillis: config.search.pollMilliseconds, notifyMillis: config.search.notifyMilliseconds },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(ring ? { loanTokens: new JoseLoanTokens(ring) } : {}),
    ...(downloadLinks ? { downloadLinks } : {}),
  };
  return { library, store, ...(sessionSecret ? { sessionSecret } : {}), media: [...new Set(channels.map((c) => c.medium))] as ContactChannel[] };
}
