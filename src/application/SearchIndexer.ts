import { inject, injectable } from 'inversify';
import type { BookPrimitives } from '../domain/catalog/Book.js';
import { isOnShelf, type BookItemPrimitives } from '../domain/catalog/BookItem.js';
import type { DigitalCopy } from '../domain/digital/DigitalCopy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { DOMAIN_EVENT_NAMES, type DomainEvent, type DomainEventName } from '../domain/shared/DomainEvent.js';
import { EventBus } from './EventBus.js';
import { LICENSE_COUNT_CAP, SEARCH_FORMATS, type Availability, type SearchFormat, type SearchIndex } from './ports/SearchIndex.js';
import type { Transaction } from './ports/Store.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';

/** Events after which a title's searchable record may have changed. */
const RECORD_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter((name) => name.startsWith('book.'));
/** Events after which a title's availability may have changed: a copy moved, a license was lent, offered or freed. */
const COPY_EVENTS: readonly DomainEventName[] = DOMAIN_EVENT_NAMES.filter(
  (name) => name.startsWith('copy.') || name.startsWith('digital-copy.') || name.startsWith('digital-loan.') || name.startsWith('reservation.'),
);

/** What search needs of a title's copies: those on the shelf, and whether any copy may meet a hold (`mayMeetHold`). */
export interface PrintCopies {
  readonly onShelf: readonly BookItemPrimitives[];
  readonly lendable: boolean;
}

/**
 * What search counts as available for one title: the copies on the shelf (`isOnShelf`), per branch; the digital
 * licenses that could be lent now (`DigitalCopy.lendableLicenses`); and the formats the title can be lent in (PRINT
 * while a copy may meet a hold). Copies out on loan play no part, so the read costs what sits on the shelf.
 */
export function titleAvailability(print: PrintCopies, pools: readonly DigitalCopy[], now: Date): Availability {
  const onShelf = print.onShelf.filter(isOnShelf);
  const byBranch: Record<string, number> = {};
  for (const c of onShelf) byBranch[c.branch] = (byBranch[c.branch] ?? 0) + 1;
  const licenses = pools.reduce((sum, pool) => sum + Math.min(pool.lendableLicenses(now), LICENSE_COUNT_CAP), 0);
  const formats = new Set<SearchFormat>(pools.filter((pool) => pool.status(now) !== 'ENDED').map((pool) => pool.format));
  if (print.lendable) formats.add('PRINT');
  return { available: onShelf.length, byBranch, licenses: Math.min(licenses, LICENSE_COUNT_CAP), formats: SEARCH_FORMATS.filter((f) => formats.has(f)) };
}

/** The title's copies on the shelf and whether it has a lendable one, read without loading the copies that are out. */
async function printCopies(tx: Transaction, isbn: string): Promise<PrintCopies> {
  const [onShelf, lendable] = await Promise.all([tx.items.listOnShelf(isbn), tx.items.anyToMeetHold(isbn)]);
  return { onShelf: onShelf.map((c) => c.toPrimitives()), lendable };
}

/**
 * Keeps the search index in step with the catalogue: after each committed change it re-reads the
 * title (its record, and its copies on the shelf) and updates the index. Updates run one after another in commit order;
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
   * Re-indexes one title now (also used to index a catalogue that existed before the index): its record
   * when `record` is true (a book was added or removed), and its availability when the index keeps its own counts.
   */
  async reindex(isbn: string, record = true): Promise<void> {
    const counts = this.index.setAvailability !== undefined;
    const snapshot = await this.uow.run(async (tx) => {
      const book = record ? await tx.books.get(isbn) : null;
      return {
        book: book?.toPrimitives() ?? null,
        print: counts ? await printCopies(tx, isbn) : { onShelf: [], lendable: false },
        pools: counts ? await tx.digitalCopies.listByIsbn(isbn) : [],
      };
    });
    const { book, print, pools } = snapshot;
    if (record && !book) {
      await this.index.remove(isbn);
      return;
    }
    if (book) await this.upsertRecord(book);
    if (!counts) return;
    await this.index.setAvailability?.(isbn, titleAvailability(print, pools, this.clock.now()));
  }

  private async upsertRecord(book: BookPrimitives): Promise<void> {
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

  /** Titles waiting for their turn, and whether their record changed: a burst of events about one title costs one re-index. */
  private readonly waiting = new Map<string, { record: boolean }>();

  private enqueue(isbn: string, record: boolean): Promise<void> {
    const pending = this.waiting.get(isbn);
    if (pending) {
      pending.record ||= record;
      return this.queue;
    }
    const work = { record };
    this.waiting.set(isbn, work);
    this.queue = this.queue.then(() => {
      this.waiting.delete(isbn);
      return this.reindex(isbn, work.record).catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(`search index update failed: ${String(error)}`);
      });
    });
    return this.queue;
  }
}
