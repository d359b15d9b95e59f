import { inject, injectable } from 'inversify';
import { Book, type BookDescription, type BookPrimitives } from '../domain/catalog/Book.js';
import { BOOK_ITEM_STATUSES, BookItem, isOnShelf, UNREMOVABLE_STATUSES, type BookItemStatus, type ShelvedStatus } from '../domain/catalog/BookItem.js';
import { CatalogError } from '../domain/catalog/CatalogError.js';
import type { LoanCategory } from '../domain/catalog/LoanCategory.js';
import { CatalogIdentifier } from '../domain/catalog/CatalogIdentifier.js';
import { RecordId } from '../domain/catalog/RecordId.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId, requireNoControlCharacters, requireNonNegativeInteger, requireText } from '../domain/shared/guards.js';
import { Money } from '../domain/shared/Money.js';
import { catalogueIn, describedBooks, distinctCopies, duplicateCopy, duplicateRecord, shelveIn, type BatchOutcome, type ShelvingOutcome } from './catalogBatch.js';
import { HoldAllocator } from './HoldAllocator.js';
import type { SearchIndex, SearchQuery, SearchResult } from './ports/SearchIndex.js';
import { SearchIndexer } from './SearchIndexer.js';
import type { Transaction } from './ports/Store.js';
import { branchForShelving, requireBook, requireCopy } from './lookups.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { copyView, type CopyView, type HoldView } from './views.js';

/** The free-text parts of a search: each refused if it carries a control character, on every search index. */
const SEARCH_TEXT_FIELDS = ['text', 'author', 'subject', 'language', 'branch'] as const;

export interface AddCopyCommand {
  readonly barcode: string;
  /** The title: its ISBN in any form, or its record id when it has none (read by `RecordId.key`). */
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly referenceOnly?: boolean;
  /** Replacement price in minor units of the library's currency. */
  readonly replacementPrice?: number;
  /** STANDARD, SHORT_LOAN, REFERENCE or MEDIA: what circulation rules match on. Default STANDARD (REFERENCE when reference-only). */
  readonly loanCategory?: LoanCategory;
  /** AVAILABLE (the default), or LOST, MISSING or DAMAGED: a copy brought over from another catalogue in that state. */
  readonly status?: ShelvedStatus;
}

export type BookView = BookPrimitives;

/** Where a copy is shelved and what it lends as: what a catalogue export writes of it. */
export interface ShelfPlace {
  readonly barcode: string;
  readonly branch: string;
  readonly rack: string;
  readonly loanCategory: LoanCategory;
  readonly status: BookItemStatus;
}



export interface TitleAvailability {
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly total: number;
  readonly available: number;
  readonly byStatus: Readonly<Record<CopyView['status'], number>>;
}

/**
 * The librarian's catalogue: records (one per ISBN, or per record id for material without one) and their copies on
 * shelves, plus lookups by key and by any identifier.
 */
@injectable()
export class CatalogService {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Policy) private readonly policy: CirculationPolicy,
    @inject(HoldAllocator) private readonly holds: HoldAllocator,
    @inject(SearchIndexer) private readonly indexer: SearchIndexer,
    @inject(TOKENS.SearchIndex) private readonly searchIndex: SearchIndex,
  ) {}

  /**
   * Full-text search over the catalogue (title, authors, subjects, description), ranked, with filters,
   * facets and live availability. Changes committed before the call are always reflected.
   */
  async search(query: SearchQuery): Promise<SearchResult> {
    for (const field of SEARCH_TEXT_FIELDS) {
      const value = query[field];
      if (typeof value === 'string') requireNoControlCharacters(value, field);
    }
    await this.indexer.flush();
    return this.searchIndex.search(query);
  }

  async addBook(description: BookDescription): Promise<BookView> {
    const book = Book.catalogue(description, this.clock.now());
    return this.uow.run(async (tx) => {
      if (await tx.books.get(book.recordId)) throw duplicateRecord(book);
      const view = book.toPrimitives();
      await tx.books.save(book);
      return view;
    });
  }

  /** Shelves a new copy; if members wait for the title, the copy goes straight to the first of them. */
  async addCopy(command: AddCopyCommand): Promise<{ readonly copy: CopyView; readonly heldFor: HoldView | null }> {
    const item = this.shelve(command);
    return this.uow.run(async (tx) => {
      await requireBook(tx, item.isbn);
      await this.assertNewBarcode(tx, item.barcode);
      await branchForShelving(tx, item.branch, this.clock.now());
      await tx.items.save(item);
      const heldFor = await this.holds.offer(tx, item, this.clock.now());
      return { copy: copyView(item), heldFor };
    });
  }

  /**
   * Catalogues many records in one transaction (a batch of an import: one commit and one search-index update, not one
   * per record): all or none. A record already catalogued is refused (BOOK_ALREADY_EXISTS), or, with `revise`, takes
   * the new description; one that says what the catalogue already says is left as it is.
   */
  async addBooks(descriptions: readonly BookDescription[], options: { readonly revise?: boolean } = {}): Promise<BatchOutcome> {
    const now = this.clock.now();
    const books = describedBooks(descriptions, now);
    return this.uow.run((tx) => catalogueIn(tx, books, options.revise === true, now));
  }

  /**
   * Shelves many copies in one transaction (a delivery of 100,000 copies takes one commit, not 100,000):
   * all or none. Members waiting for a title get the first new copies, in queue order. A barcode already shelved is
   * refused (COPY_ALREADY_EXISTS), or, with `skipShelved`, left as it is and counted `unchanged` (a re-import).
   */
  async addCopies(commands: readonly AddCopyCommand[], options: { readonly skipShelved?: boolean } = {}): Promise<ShelvingOutcome> {
    const items = distinctCopies(commands.map((command) => this.shelve(command)));
    return this.uow.run((tx) => shelveIn(tx, items, options.skipShelved === true, this.holds, this.clock.now()));
  }

  /**
   * Catalogues a batch of an import, records and their copies, in one transaction: records already catalogued take
   * the new description, copies already shelved stay as they are. All or none: never a record without its copies.
   */
  async importBatch(entries: readonly { readonly book: BookDescription; readonly copies: readonly AddCopyCommand[] }[]): Promise<BatchOutcome & { readonly copies: ShelvingOutcome }> {
    const now = this.clock.now();
    const books = describedBooks(entries.map((e) => e.book), now);
    const items = distinctCopies(entries.flatMap((e) => e.copies.map((command) => this.shelve(command))));
    return this.uow.run(async (tx) => {
      const outcome = await catalogueIn(tx, books, true, now);
      const catalogued = new Set(books.map((b) => b.book.recordId));
      return { ...outcome, copies: await shelveIn(tx, items, true, this.holds, now, catalogued) };
    });
  }

  async removeCopy(command: { readonly barcode: string }): Promise<void> {
    const barcode = requireId(command.barcode, 'barcode');
    await this.uow.run(async (tx) => {
      const item = await requireCopy(tx, barcode);
      if ((UNREMOVABLE_STATUSES as readonly BookItemStatus[]).includes(item.status)) {
        throw new CatalogError('COPY_IN_USE', `copy ${barcode} is ${item.status} and cannot be removed`, { barcode, status: item.status });
      }
      item.withdraw(this.clock.now());
      await tx.items.delete(item);
    });
  }

  /** Removes a record without copies or waiting members; `isbn` is its ISBN or, for a record without one, its record id. */
  async removeBook(command: { readonly isbn: string }): Promise<void> {
    const isbn = RecordId.key(command.isbn);
    await this.uow.run(async (tx) => {
      const book = await requireBook(tx, isbn);
      const copies = await tx.items.listByIsbn(isbn);
      if (copies.length > 0) throw new CatalogError('BOOK_HAS_COPIES', `${isbn} still has ${copies.length} copies`, { isbn, copies: copies.length });
      if ((await tx.reservations.forTitle(isbn)).active().length > 0) {
        throw new CatalogError('BOOK_HAS_RESERVATIONS', `members are still waiting for ${isbn}`, { isbn });
      }
      book.withdraw(this.clock.now());
      await tx.books.delete(book);
    });
  }

  /** The record with this key: an ISBN in any form (its check digit verified), or a record id. */
  async getBook(key: string): Promise<BookView> {
    const id = RecordId.key(key);
    return this.uow.run(async (tx) => (await requireBook(tx, id)).toPrimitives());
  }

  async findBook(key: string): Promise<BookView | null> {
    const id = RecordId.key(key);
    return this.uow.run(async (tx) => (await tx.books.get(id))?.toPrimitives() ?? null);
  }

  /**
   * Records carrying a standard number, written `SCHEME:value` (ISBN, ISSN, EAN, UPC, LCCN; a bare number is an
   * ISBN), in any of its usual forms: `ISSN:0317-8471`, `ISBN:0-262-03384-4`, `LCCN:85-2`.
   */
  async findByIdentifier(identifier: string): Promise<BookView[]> {
    const id = CatalogIdentifier.fromText(requireText(identifier, 'identifier', 80)).toString();
    return this.uow.run(async (tx) => (await tx.books.findByIdentifier(id)).map((b) => b.toPrimitives()));
  }

  async getCopy(barcode: string): Promise<CopyView> {
    const id = requireId(barcode, 'barcode');
    return this.uow.run(async (tx) => copyView(await requireCopy(tx, id)));
  }

  async copiesOf(isbn: string): Promise<CopyView[]> {
    const id = RecordId.key(isbn);
    return this.uow.run(async (tx) => (await tx.items.listByIsbn(id)).map(copyView));
  }

  async availability(isbn: string): Promise<TitleAvailability> {
    const copies = await this.copiesOf(isbn);
    const byStatus = Object.fromEntries(BOOK_ITEM_STATUSES.map((s) => [s, 0])) as Record<BookItemStatus, number>;
    for (const c of copies) byStatus[c.status] += 1;
    return {
      isbn: RecordId.key(isbn),
      total: copies.length,
      available: copies.filter(isOnShelf).length,
      byStatus,
    };
  }

  /**
   * One page of the whole catalogue, records in byte order of their keys with their copies: `after` is the last key of
   * the page before (null for the first). An export reads the catalogue so, one page in memory at a time.
   */
  async catalogPage(after: string | null, limit: number): Promise<{ readonly book: BookView; readonly copies: readonly ShelfPlace[] }[]> {
    const size = requireNonNegativeInteger(limit, 'limit');
    return this.uow.run(async (tx) => {
      const books = await tx.books.pageAfter(after, size);
      const page = [];
      for (const book of books) {
        const copies = await tx.items.listByIsbn(book.recordId);
        page.push({ book: book.toPrimitives(), copies: copies.map((c) => c.toPrimitives()).map((c) => ({ barcode: c.barcode, branch: c.branch, rack: c.rack, loanCategory: c.loanCategory ?? 'STANDARD', status: c.status })) });
      }
      return page;
    });
  }

  /** Exact title match, ignoring case. Full-text search is `search()`. */
  async findByTitle(title: string): Promise<BookView[]> {
    const t = requireText(title, 'title');
    return this.uow.run(async (tx) => (await tx.books.findByTitle(t)).map((b) => b.toPrimitives()));
  }

  /** Books with an author of exactly this name, ignoring case. */
  async findByAuthor(author: string): Promise<BookView[]> {
    const a = requireText(author, 'author');
    return this.uow.run(async (tx) => (await tx.books.findByAuthor(a)).map((b) => b.toPrimitives()));
  }

  private shelve(command: AddCopyCommand): BookItem {
    const price =
      command.replacementPrice === undefined
        ? undefined
        : Money.of(requireNonNegativeInteger(command.replacementPrice, 'replacementPrice'), this.policy.currency);
    return BookItem.shelve(
      {
        barcode: command.barcode,
        isbn: command.isbn,
        branch: command.branch,
        rack: command.rack,
        ...(command.referenceOnly === undefined ? {} : { referenceOnly: command.referenceOnly }),
        ...(command.loanCategory === undefined ? {} : { loanCategory: command.loanCategory }),
        ...(command.status === undefined ? {} : { status: command.status }),
        ...(price === undefined ? {} : { replacementPrice: price }),
      },
      this.clock.now(),
    );
  }

  private async assertNewBarcode(tx: Transaction, barcode: string): Promise<void> {
    if (await tx.items.get(barcode)) throw duplicateCopy(barcode);
  }
}
