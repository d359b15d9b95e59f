import type { DispatchOptions } from './application/notifications/DispatchOptions.js';
import type { CalendarRepository } from './application/ports/CalendarRepository.js';
import type { CredentialStore } from './application/ports/CredentialStore.js';
import type { DownloadLinks } from './application/ports/DownloadLinks.js';
import type { IdempotencyStore } from './application/ports/IdempotencyStore.js';
import type { IdGenerator } from './application/ports/IdGenerator.js';
import type { LoanTokens } from './application/ports/LoanTokens.js';
import type { NoticeChannel } from './application/ports/NoticeChannel.js';
import type { SearchIndex } from './application/ports/SearchIndex.js';
import type { Sip2Accounts } from './application/ports/Sip2Accounts.js';
import type { RetentionOptions } from './application/Retention.js';
import type { SearchEngine, StoreChoice } from './composition/stores.js';
import type { DigitalLendingRules } from './domain/digital/DigitalLendingRules.js';
import type { PolicyDefinition } from './domain/policy/CirculationPolicy.js';
import type { PolicyPresetName } from './domain/policy/presets.js';
import type { Clock } from './domain/shared/Clock.js';
import type { CatalogueFeedOptions } from './infrastructure/sql/SqlCatalogueFeed.js';

/** How `Library.create()` builds a library: where state lives, the clock, the policy, the channels and the adapters. */
export interface LibraryOptions {
  /** Where state lives: a Store, `{ postgres: url }` or `{ pglite: dir | null }`. Default: a fresh in-memory store. */
  readonly store?: StoreChoice;
  /** The only source of "now". Default: the system clock. */
  readonly clock?: Clock;
  /** A preset name (`college`, `city`, `network`, `desk`) or a full policy definition. Default: `college`. */
  readonly policy?: PolicyPresetName | PolicyDefinition;
  /**
   * Where notices go: one channel per medium (email, sms, push) and optionally a catch-all (`'*'`).
   * Default: a single RecordingChannel that keeps every notice in memory.
   */
  readonly channels?: readonly NoticeChannel[];
  /** How the outbox is delivered: retries, backoff, per-attempt timeout, auto-dispatch. */
  readonly notifications?: DispatchOptions;
  readonly ids?: IdGenerator;
  /** How many times a use case is re-run after losing an optimistic race. Default: 100. */
  readonly retryLimit?: number;
  /** Answers `catalog.search()`. Default: the in-process inverted index (with a SQL store, built from and kept current with the database). */
  readonly search?: SearchIndex;
  /** With a SQL store, which engine answers `catalog.search()`: `in-process` (default) or `postgres` (full text in the database). */
  readonly searchEngine?: SearchEngine;
  /** With a SQL store and the in-process engine: how often the index polls the database's change log, and its batch sizes. */
  readonly searchFeed?: CatalogueFeedOptions;
  /** Where branch calendars live. Default: next to the data (a SQL store's database, else memory), starting from the policy's `calendars`. */
  readonly calendars?: CalendarRepository;
  /** Staff tokens and member PINs (hashes only), for the HTTP server. Default: next to the data, like `calendars`. */
  readonly credentials?: CredentialStore;
  /** Idempotency-Key records, for the HTTP server. Default: next to the data, like `calendars`. */
  readonly idempotency?: IdempotencyStore;
  /** SIP2 kiosk logins (password hashes only), for the SIP2 server. Default: next to the data, like `calendars`. */
  readonly sip2Accounts?: Sip2Accounts;
  /** Signs and verifies e-book loan tokens. Default: EdDSA with a key made at start-up (tokens die with the process). */
  readonly loanTokens?: LoanTokens;
  /** Signs download URLs. Default: HMAC-SHA256 with a secret made at start-up, on a placeholder host. */
  readonly downloadLinks?: DownloadLinks;
  /** Loan length, claim window and limits of digital lending. Default: 14-day e-loans, 24 hours to claim a freed license. */
  readonly digital?: Partial<DigitalLendingRules>;
  /** How long delivered notices, lapsed token revocations and expired idempotency records are kept before the jobs prune them. */
  readonly retention?: RetentionOptions;
}
