import type { ServiceIdentifier } from 'inversify';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { DigitalLendingRules } from '../domain/digital/DigitalLendingRules.js';
import type { Clock } from '../domain/shared/Clock.js';
import type { DispatchOptions } from './notifications/DispatchOptions.js';
import type { DownloadLinks } from './ports/DownloadLinks.js';
import type { LoanTokens } from './ports/LoanTokens.js';
import type { RetentionOptions } from './Retention.js';
import type { IdGenerator } from './ports/IdGenerator.js';
import type { IdempotencyStore } from './ports/IdempotencyStore.js';
import type { JobLock } from './ports/JobLock.js';
import type { NoticeChannel } from './ports/NoticeChannel.js';
import type { CatalogueFeed } from './ports/CatalogueFeed.js';
import type { SearchIndex } from './ports/SearchIndex.js';
import type { Store } from './ports/Store.js';

/** Injection tokens: one per port the composition root must bind. */
export const TOKENS = {
  Clock: Symbol.for('shelfmark.Clock') as ServiceIdentifier<Clock>,
  Store: Symbol.for('shelfmark.Store') as ServiceIdentifier<Store>,
  IdGenerator: Symbol.for('shelfmark.IdGenerator') as ServiceIdentifier<IdGenerator>,
  Policy: Symbol.for('shelfmark.Policy') as ServiceIdentifier<CirculationPolicy>,
  Channels: Symbol.for('shelfmark.Channels') as ServiceIdentifier<readonly NoticeChannel[]>,
  DispatchOptions: Symbol.for('shelfmark.DispatchOptions') as ServiceIdentifier<DispatchOptions>,
  SearchIndex: Symbol.for('shelfmark.SearchIndex') as ServiceIdentifier<SearchIndex>,
  /** The catalogue streamed to a search index kept in this process, or null: the index then hears this process's events. */
  CatalogueFeed: Symbol.for('shelfmark.CatalogueFeed') as ServiceIdentifier<CatalogueFeed | null>,
  RetryLimit: Symbol.for('shelfmark.RetryLimit') as ServiceIdentifier<number>,
  LoanTokens: Symbol.for('shelfmark.LoanTokens') as ServiceIdentifier<LoanTokens>,
  DownloadLinks: Symbol.for('shelfmark.DownloadLinks') as ServiceIdentifier<DownloadLinks>,
  DigitalRules: Symbol.for('shelfmark.DigitalRules') as ServiceIdentifier<DigitalLendingRules>,
  JobLock: Symbol.for('shelfmark.JobLock') as ServiceIdentifier<JobLock>,
  IdempotencyStore: Symbol.for('shelfmark.IdempotencyStore') as ServiceIdentifier<IdempotencyStore>,
  Retention: Symbol.for('shelfmark.Retention') as ServiceIdentifier<RetentionOptions>,
} as const;
