import { inject, injectable } from 'inversify';
import type { BookPrimitives } from '../domain/catalog/Book.js';
import type { Clock } from '../domain/shared/Clock.js';
import { DOMAIN_EVENT_NAMES, type DomainEvent, type DomainEventName } from '../domain/shared/DomainEvent.js';
import { EventBus } from './EventBus.js';
import type { CatalogueChanges, CatalogueFeed } from './ports/CatalogueFeed.js';
import type { SearchDocument, SearchIndex } from './ports/SearchIndex.js';
import { availabilityOf, digitalShare, NO_DIGITAL, type DigitalShare } from './search/availability.js';
import { CopyCounts } from './search/CopyCounts.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';

export { titleAvailability } from './search/availability.js';

/** Events after which a title's searchable record may have changed. */
const RECORD_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter((name) => name.startsWith('book.'));
/** Events after which one copy may have changed: it was added, removed, lent, held, returned, lost or found. */
const COPY_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter((name) => name.startsWith('copy.') || name.startsWith('loan.'));
/** Events after which a title's digital pools may have changed: a license was lent, offered, freed or bought. */
const POOL_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter(
  (name) => name.startsWith('digital-copy.') || name.startsWith('digital-loan.') || name.startsWith('reservation.'),
);

/** The work an event leaves: re-read a title's record, one copy, or a title's pools. */
type Pending =
  | { readonly kind: 'book'; readonly recordId: string }
  | { readonly kind: 'pools'; readonly isbn: string }
  | { readonly kind: 'copy'; readonly barcode: string };

type Changes = { -readonly [K in keyof CatalogueChanges]: CatalogueChanges[K][number][] };

/** What the search index holds of a record, keyed by its record id (with or without an ISBN). */
function searchDocumentOf(book: BookPrimitives): SearchDocument {
  return {
    recordId: book.recordId,
    ...(book.isbn === null ? {} : { isbn: book.isbn }),
    identifiers: book.identifiers,
    materialType: book.materialType,
    title: book.title,
    authors: book.authors,
    subjects: book.subjects,
    ...(book.description === null ? {} : { description: book.description }),
    ...(book.language === null ? {} : { language: book.language }),
    ...(book.year === null ? {} : { year: book.year }),
    ...(book.publisher === null ? {} : { publisher: book.publisher }),
  };
}

/**
 * Keeps the search index in step with the catalogue. An index that counts copies itself (`setAvailability`) is told
 * each title's availability from counts kept change by change (`CopyCounts`): a checkout re-reads one copy, never the
 * title's others. An index in the catalogue's own database (no `setAvailability`) hears only of records.
 *
 * Where the changes come from:
 * - without a feed, from this process's committed events: each names what to re-read (a title, a copy, a title's
 *   pools); a burst about one of them costs one read, and updates run one after another in commit order;
 * - with a `CatalogueFeed` (a SQL store shared by several processes), from the feed: the whole catalogue streamed
 *   at the first search (or `ready()`), then every change any process commits. This process's own events tell the
 *   feed to wake the other processes, and make the next search here read the log first, so it sees the new count.
 * `flush()` waits for the updates started so far. A title's digital share can also change with nothing committed, when a
 * contract ends by date: before each search, the titles whose contract has ended since are read again.
 */
@injectable()
export class SearchIndexer {
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private readonly counts = new CopyCounts();
  private readonly digital = new Map<string, DigitalShare>();
  /** Titles whose digital share lapses by date (a contract's end), and the earliest of those instants. */
  private readonly lapses = new Map<string, number>();
  private nextLapse = Number.POSITIVE_INFINITY;
  private readonly waiting = new Map<string, Pending>();
  private loaded: Promise<void> | null = null;
  private changedHere = false;

  constructor(
    @inject(EventBus) bus: EventBus,
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.SearchIndex) private readonly index: SearchIndex,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.CatalogueFeed) private readonly feed: CatalogueFeed | null,
  ) {
    const counts = index.setAvailability !== undefined;
    for (const name of [...RECORD_EVENTS, ...(counts ? [...COPY_EVENTS, ...POOL_EVENTS] : [])]) {
      bus.on(name, (event: DomainEvent) => {
        this.heard(event);
      });
    }
  }

  /** Builds the index from the feed now (with a feed; at once without one). Searches wait for it anyway. */
  ready(): Promise<void> {
    if (this.feed === null) return Promise.resolve();
    this.loaded ??= this.feed.start((changes) => this.apply(changes)).catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  /** Resolves when every update started so far is in the index; rethrows the first failure once. */
  async flush(): Promise<void> {
    await this.ready();
    this.rereadLapsed();
    if (this.feed !== null && this.changedHere) {
      this.changedHere = false;
      await this.feed.catchUp();
    }
    await this.queue;
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      throw failure instanceof Error ? failure : new Error('a search index update failed', { cause: failure });
    }
  }

  /** Stops following the feed. */
  async close(): Promise<void> {
    await this.queue;
    await this.feed?.close();
  }

  /** Applies what changed: records to the index, copies and pools to the counts, then each touched title's availability. */
  private async apply(changes: CatalogueChanges): Promise<void> {
    const documents: SearchDocument[] = [];
    for (const { recordId, book } of changes.books) {
      if (book === null) await this.index.remove(recordId);
      else documents.push(searchDocumentOf(book));
    }
    if (this.index.upsertMany && documents.length > 1) await this.index.upsertMany(documents);
    else for (const document of documents) await this.index.upsert(document);
    if (this.index.setAvailability === undefined) return;
    const touched = new Set<string>();
    for (const { barcode, copy } of changes.copies) for (const isbn of this.counts.apply(barcode, copy)) touched.add(isbn);
    const now = this.clock.now();
    for (const { isbn, pools } of changes.pools) {
      const share = pools.length === 0 ? null : digitalShare(pools, now);
      if (share === null) this.digital.delete(isbn);
      else this.digital.set(isbn, share);
      this.rememberLapse(isbn, share?.lapsesAt ?? null);
      touched.add(isbn);
    }
    for (const isbn of touched) await this.index.setAvailability(isbn, availabilityOf(this.counts.of(isbn), this.digital.get(isbn) ?? NO_DIGITAL));
  }

  /** Notes when the title's digital share lapses by date, or that it does not. */
  private rememberLapse(isbn: string, at: Date | null): void {
    if (at === null) {
      this.lapses.delete(isbn);
      return;
    }
    this.lapses.set(isbn, at.getTime());
    this.nextLapse = Math.min(this.nextLapse, at.getTime());
  }

  /** Queues a re-read of each title whose digital share has lapsed by now (a contract ended by date). */
  private rereadLapsed(): void {
    const now = this.clock.now().getTime();
    if (now < this.nextLapse) return;
    this.nextLapse = Number.POSITIVE_INFINITY;
    for (const [isbn, at] of this.lapses) {
      if (at > now) this.nextLapse = Math.min(this.nextLapse, at);
      else {
        this.lapses.delete(isbn);
        this.enqueue({ kind: 'pools', isbn });
      }
    }
  }

  private heard(event: DomainEvent): void {
    if (this.feed !== null) {
      this.changedHere = true; // the next search reads the log first
      this.feed.changed();
      return;
    }
    const pending = SearchIndexer.pendingOf(event);
    if (pending !== null) this.enqueue(pending);
  }

  private static pendingOf(event: DomainEvent): Pending | null {
    if (event.name.startsWith('book.')) return 'recordId' in event ? { kind: 'book', recordId: event.recordId } : null;
    if (COPY_EVENTS.includes(event.name)) return 'barcode' in event ? { kind: 'copy', barcode: event.barcode } : null;
    return 'isbn' in event ? { kind: 'pools', isbn: event.isbn } : null;
  }

  /** Queues a re-read; one already waiting for the same title or copy covers it. */
  private enqueue(pending: Pending): void {
    const key = pending.kind === 'copy' ? `copy:${pending.barcode}` : pending.kind === 'book' ? `book:${pending.recordId}` : `pools:${pending.isbn}`;
    if (this.waiting.has(key)) return;
    this.waiting.set(key, pending);
    this.queue = this.queue.then(async () => {
      const batch = [...this.waiting.values()];
      this.waiting.clear();
      if (batch.length === 0) return;
      try {
        await this.apply(await this.read(batch));
      } catch (error: unknown) {
        this.failure ??= error instanceof Error ? error : new Error(`search index update failed: ${String(error)}`);
      }
    });
  }

  /** Reads, in one transaction, each record, copy and pool set named, as it is now: the records and the copies in one read each. */
  private read(batch: readonly Pending[]): Promise<CatalogueChanges> {
    return this.uow.run(async (tx) => {
      const changes: Changes = { books: [], copies: [], pools: [] };
      const recordIds = batch.flatMap((p) => (p.kind === 'book' ? [p.recordId] : []));
      const barcodes = batch.flatMap((p) => (p.kind === 'copy' ? [p.barcode] : []));
      const books = new Map((recordIds.length === 0 ? [] : await tx.books.getMany(recordIds)).map((b) => [b.recordId, b.toPrimitives()]));
      const copies = new Map((barcodes.length === 0 ? [] : await tx.items.getMany(barcodes)).map((c) => [c.barcode, c.toPrimitives()]));
      for (const recordId of recordIds) changes.books.push({ recordId, book: books.get(recordId) ?? null });
      for (const barcode of barcodes) changes.copies.push({ barcode, copy: copies.get(barcode) ?? null });
      for (const p of batch) if (p.kind === 'pools') changes.pools.push({ isbn: p.isbn, pools: await tx.digitalCopies.listByIsbn(p.isbn) });
      return changes;
    });
  }
}
