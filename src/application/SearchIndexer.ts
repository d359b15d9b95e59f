import { inject, injectable } from 'inversify';
import type { DomainEvent, DomainEventName } from '../domain/shared/DomainEvent.js';
import { EventBus } from './EventBus.js';
import type { Availability, SearchIndex } from './ports/SearchIndex.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';

/** Every event after which a title's searchable record or its availability may have changed. */
const CATALOG_EVENTS: readonly DomainEventName[] = [
  'book.added',
  'book.removed',
  'copy.added',
  'copy.removed',
  'copy.checked-out',
  'copy.returned',
  'copy.held',
  'copy.hold-released',
  'copy.marked-lost',
  'copy.found',
];

/**
 * Keeps the search index in step with the catalogue: after each committed change it re-reads the
 * title (record and copies) and updates the index. Updates run one after another in commit order;
 * `flush()` waits for those already started, so a search right after a checkout sees the new count.
 */
@injectable()
export class SearchIndexer {
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(
    @inject(EventBus) bus: EventBus,
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.SearchIndex) private readonly index: SearchIndex,
  ) {
    for (const name of CATALOG_EVENTS) {
      bus.on(name, (event: DomainEvent) => ('isbn' in event ? this.enqueue(event.isbn) : undefined));
    }
  }

  /** Re-indexes one title now (also used to index a catalogue that existed before the index). */
  async reindex(isbn: string): Promise<void> {
    const snapshot = await this.uow.run(async (tx) => {
      const book = await tx.books.get(isbn);
      return book ? { book: book.toPrimitives(), copies: (await tx.items.listByIsbn(isbn)).map((c) => c.toPrimitives()) } : null;
    });
    if (!snapshot) {
      await this.index.remove(isbn);
      return;
    }
    const { book, copies } = snapshot;
    await this.index.upsert({
      isbn: book.isbn,
      title: book.title,
      authors: book.authors,
      subjects: book.subjects,
      ...(book.description === null ? {} : { description: book.description }),
      ...(book.language === null ? {} : { language: book.language }),
      ...(book.year === null ? {} : { year: book.year }),
      ...(book.publisher === null ? {} : { publisher: book.publisher }),
    });
    const onShelf = copies.filter((c) => c.status === 'AVAILABLE' && !c.referenceOnly);
    const byBranch: Record<string, number> = {};
    for (const c of onShelf) byBranch[c.branch] = (byBranch[c.branch] ?? 0) + 1;
    const availability: Availability = { available: onShelf.length, byBranch };
    await this.index.setAvailability(isbn, availability);
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

  /** Titles waiting for their turn: a burst of events about one title (a bulk shelving) costs one re-index. */
  private readonly waiting = new Set<string>();

  private enqueue(isbn: string): Promise<void> {
    if (this.waiting.has(isbn)) return this.queue;
    this.waiting.add(isbn);
    this.queue = this.queue.then(() => {
      this.waiting.delete(isbn);
      return this.reindex(isbn).catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(`search index update failed: ${String(error)}`);
      });
    });
    return this.queue;
  }
}
