import { inject, injectable } from 'inversify';
import type { BookPrimitives } from '../domain/catalog/Book.js';
import { isOnShelf, type BookItemPrimitives } from '../domain/catalog/BookItem.js';
import type { DigitalCopy } from '../domain/digital/DigitalCopy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { DOMAIN_EVENT_NAMES, type DomainEvent, type DomainEventName } from '../domain/shared/DomainEvent.js';
import { EventBus } from './EventBus.js';
import { LICENSE_COUNT_CAP, SEARCH_FORMATS, type Availability, type SearchDocument, type SearchFormat, type SearchIndex } from './ports/SearchIndex.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';

/** Events after which a title's searchable record may have changed. */
const RECORD_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter((name) => name.startsWith('book.'));
/** Events after which a title's availability may have changed: a copy moved, a license was lent, offered or freed. */
const COPY_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter(
  (name) => name.startsWith('copy.') || name.startsWith('digital-copy.') || name.startsWith('digital-loan.') || name.startsWith('reservation.'),
);

/**
 * What search counts as available for one title: the copies on the shelf (`isOnShelf`), per branch; the digital
 * licenses that could be lent now (`DigitalCopy.lendableLicenses`); and the formats the title can be lent in.
 */
export function titleAvailability(copies: readonly BookItemPrimitives[], pools: readonly DigitalCopy[], now: Date): Availability {
  const onShelf = copies.filter(isOnShelf);
  const byBranch: Record<string, number> = {};
  for (const c of onShelf) byBranch[c.branch] = (byBranch[c.branch] ?? 0) + 1;
  const licenses = pools.reduce((sum, pool) => sum + Math.min(pool.lendableLicenses(now), LICENSE_COUNT_CAP), 0);
  const formats = new Set<SearchFormat>(pools.filter((pool) => pool.status(now) !== 'ENDED').map((pool) => pool.format));
  if (copies.some((c) => c.status !== 'LOST' && !c.referenceOnly)) formats.add('PRINT');
  return { available: onShelf.length, byBranch, licenses: Math.min(licenses, LICENSE_COUNT_CAP), formats: SEARCH_FORMATS.filter((f) => formats.has(f)) };
}

/**
 * Keeps the search index in step with the catalogue: after each committed change it re-reads the
 * title (record and copies) and updates the index. Updates run one after another in commit order;
 * `flush()` waits for those already started, so a search right after a checkout sees the new count.
 * An index that counts copies itself (no `setAvailability`) hears only of records: a checkout then
 * costs the search nothing.
 */
@injectable()
export class SearchIndexer {
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(
    @inject(EventBus) bus: EventBus,
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.SearchIndex) private readonly index: SearchIndex,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {
    const events = index.setAvailability ? [...RECORD_EVENTS, ...COPY_EVENTS] : RECORD_EVENTS;
    for (const name of events) {
      bus.on(name, (event: DomainEvent) => ('isbn' in event ? this.enqueue(event.isbn, event.name.startsWith('book.')) : undefined));
    }
  }

  /**
   * Re-indexes titles now, in one read of the store (also used to index a catalogue that existed before the index):
   * each title's record when its `record` is true (a book was added, revised or removed), and its availability when
   * the index keeps its own counts. A batch of records costs one read and, on an index that takes them so, one write.
   */
  async reindex(titles: ReadonlyMap<string, { readonly record: boolean }>): Promise<void> {
    const counts = this.index.setAvailability !== undefined;
    const keys = [...titles.keys()];
    const snapshot = await this.uow.run(async (tx) => {
      const books = await tx.books.getMany(keys.filter((key) => titles.get(key)?.record === true));
      const stock = new Map<string, { copies: BookItemPrimitives[]; pools: DigitalCopy[] }>();
      if (counts) {
        for (const key of keys) stock.set(key, { copies: (await tx.items.listByIsbn(key)).map((c) => c.toPrimitives()), pools: await tx.digitalCopies.listByIsbn(key) });
      }
      return { books: new Map(books.map((b) => [b.recordId, b.toPrimitives()])), stock };
    });
    const documents: SearchDocument[] = [];
    for (const [key, { record }] of titles) {
      const book = snapshot.books.get(key);
      if (record && !book) await this.index.remove(key);
      else if (book) {
        const document = searchDocumentOf(book);
        if (document) documents.push(document);
      }
    }
    if (this.index.upsertMany && documents.length > 1) await this.index.upsertMany(documents);
    else for (const document of documents) await this.index.upsert(document);
    const now = this.clock.now();
    for (const [key, { copies, pools }] of snapshot.stock) {
      if (titles.get(key)?.record === true && !snapshot.books.has(key)) continue;
      await this.index.setAvailability?.(key, titleAvailability(copies, pools, now));
    }
  }

  /** Resolves when every update started so far is in the index; rethrows the first failure once. */
  async flush(): Promise<void> {
    await this.queue;
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      throw failure instanceof Error ? failure : new Error('a search index update failed', { cause: failure });
    }
  }

  /** Titles waiting for the next re-index, and whether their record changed: a burst of events costs one re-index. */
  private readonly waiting = new Map<string, { record: boolean }>();
  private drainQueued = false;

  private enqueue(key: string, record: boolean): Promise<void> {
    const pending = this.waiting.get(key);
    if (pending) pending.record ||= record;
    else this.waiting.set(key, { record });
    if (this.drainQueued) return this.queue;
    this.drainQueued = true;
    this.queue = this.queue.then(() => {
      this.drainQueued = false;
      const titles = new Map(this.waiting);
      this.waiting.clear();
      return this.reindex(titles).catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(`search index update failed: ${String(error)}`);
      });
    });
    return this.queue;
  }
}

/** What the search index holds of a record. The index is keyed by ISBN: a record without one is not in it yet. */
function searchDocumentOf(book: BookPrimitives): SearchDocument | null {
  if (book.isbn === null) return null;
  return {
    isbn: book.isbn,
    title: book.title,
    authors: book.authors,
    subjects: book.subjects,
    ...(book.description === null ? {} : { description: book.description }),
    ...(book.language === null ? {} : { language: book.language }),
    ...(book.year === null ? {} : { year: book.year }),
    ...(book.publisher === null ? {} : { publisher: book.publisher }),
  };
}
