import { inject, injectable } from 'inversify';
import { Book, type BookDescription, type BookPrimitives } from '../domain/catalog/Book.js';
import { BookItem, isOnShelf } from '../domain/catalog/BookItem.js';
import { CatalogError } from '../domain/catalog/CatalogError.js';
import type { LoanCategory } from '../domain/catalog/LoanCategory.js';
import { CatalogIdentifier } from '../domain/catalog/CatalogIdentifier.js';
import { Isbn } from '../domain/catalog/Isbn.js';
import { RecordId } from '../domain/catalog/RecordId.js';
import type { CirculationPolicy } from '../domain/policy/CirculationPolicy.js';
import type { Clock } from '../domain/shared/Clock.js';
import { requireId, requireNoControlCharacters, requireNonNegativeInteger, requireText } from '../domain/shared/guards.js';
import { Money } from '../domain/shared/Money.js';
import { HoldAllocator } from './HoldAllocator.js';
import type { SearchIndex, SearchQuery, SearchResult } from './ports/SearchIndex.js';
import { SearchIndexer } from './SearchIndexer.js';
import type { Transaction } from './ports/Store.js';
import { requireBook, requireCopy } from './lookups.js';
import { TOKENS } from './tokens.js';
import { UnitOfWork } from './UnitOfWork.js';
import { copyView, type CopyView, type HoldView } from './views.js';

/** The free-text parts of a search: each refused if it carries a control character, on every search index. */
const SEARCH_TEXT_FIELDS = ['text', 'author', 'subject', 'language', 'branch'] as const;

export interface AddCopyCommand {
  readonly barcode: string;
  readonly isbn: string;
  readonly branch: string;
  readonly rack: string;
  readonly referenceOnly?: boolean;
  /** Replacement price in minor units of the library's currency. */
  readonly replacementPrice?: number;
  /** STANDARD, SHORT_LOAN, REFERENCE or MEDIA: what circulation rules match on. Default STANDARD (REFERENCE when reference-only). */
  readonly loanCategory?: LoanCategory;
}

export type BookView = BookPrimitives;

/** What a batch of records did to the catalogue. */
export interface BatchOutcome {
  readonly added: number;
  /** Records already catalogued that took the new description. */
  readonly revised: number;
  /** Records already catalogued just as described. */
  readonly unchanged: number;
}

export interface TitleAvailability {
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
      if (await tx.books.get(book.recordId)) throw CatalogService.duplicateRecord(book);
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
    const books = descriptions.map((description) => ({ description, book: Book.catalogue(description, now) }));
    const keys = new Set<string>();
    for (const { book } of books) {
      if (keys.has(book.recordId)) throw CatalogService.duplicateRecord(book);
      keys.add(book.recordId);
    }
    return this.uow.run(async (tx) => {
      const existing = new Map((await tx.books.getMany([...keys])).map((b) => [b.recordId, b]));
      const outcome = { added: 0, revised: 0, unchanged: 0 };
      for (const { description, book } of books) {
        const old = existing.get(book.recordId);
        if (!old) {
          await tx.books.save(book);
          outcome.added++;
        } else if (options.revise !== true) throw CatalogService.duplicateRecord(book);
        else if (old.revise(description, now)) {
          await tx.books.save(old);
          outcome.revised++;
        } else outcome.unchanged++;
      }
      return outcome;
    });
  }

  /**
   * Shelves many copies in one transaction (a delivery of 100,000 copies takes one commit, not 100,000):
   * all or none. Members waiting for a title get the first new copies, in queue order. A barcode already shelved is
   * refused (COPY_ALREADY_EXISTS), or, with `skipShelved`, left as it is and counted `unchanged` (a re-import).
   */
  async addCopies(
    commands: readonly AddCopyCommand[],
    options: { readonly skipShelved?: boolean } = {},
  ): Promise<{ readonly added: number; readonly unchanged: number; readonly heldFor: readonly HoldView[] }> {
    const shelved = commands.map((command) => this.shelve(command));
    const seen = new Set<string>();
    for (const item of shelved) {
      if (seen.has(item.barcode)) throw CatalogService.duplicateCopy(item.barcode);
      seen.add(item.barcode);
    }
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const titles = [...new Set(shelved.map((i) => i.isbn))];
      const found = new Set((await tx.books.getMany(titles)).map((b) => b.recordId));
      for (const isbn of titles) if (!found.has(isbn)) await requireBook(tx, isbn);
      const taken = new Set((await tx.items.getMany([...seen])).map((i) => i.barcode));
      const first = [...taken][0];
      if (first !== undefined && options.skipShelved !== true) throw CatalogService.duplicateCopy(first);
      const items = shelved.filter((item) => !taken.has(item.barcode));
      for (const item of items) await tx.items.save(item);
      const heldFor: HoldView[] = [];
      const satisfied = new Set<string>();
      for (const item of items) {
        if (satisfied.has(item.isbn)) continue;
        const hold = await this.holds.offer(tx, item, now);
        if (hold) heldFor.push(hold);
        else satisfied.add(item.isbn);
      }
      return { added: items.length, unchanged: taken.size, heldFor };
    });
  }

  async removeCopy(command: { readonly barcode: string }): Promise<void> {
    const barcode = requireId(command.barcode, 'barcode');
    await this.uow.run(async (tx) => {
      const item = await requireCopy(tx, barcode);
      if (item.status === 'LOANED' || item.status === 'RESERVED') {
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
    const id = Isbn.parse(isbn).value;
    return this.uow.run(async (tx) => (await tx.items.listByIsbn(id)).map(copyView));
  }

  async availability(isbn: string): Promise<TitleAvailability> {
    const copies = await this.copiesOf(isbn);
    const byStatus = { AVAILABLE: 0, RESERVED: 0, LOANED: 0, LOST: 0 };
    for (const c of copies) byStatus[c.status] += 1;
    return {
      isbn: Isbn.parse(isbn).value,
      total: copies.length,
      available: copies.filter(isOnShelf).length,
      byStatus,
    };
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
        ...(price === undefined ? {} : { replacementPrice: price }),
      },
      this.clock.now(),
    );
  }

  private async assertNewBarcode(tx: Transaction, barcode: string): Promise<void> {
    if (await tx.items.get(barcode)) throw CatalogService.duplicateCopy(barcode);
  }

  private static duplicateRecord(book: Book): CatalogError {
    return book.isbn === null
      ? new CatalogError('BOOK_ALREADY_EXISTS', `record ${book.recordId} is already catalogued`, { recordId: book.recordId })
      : new CatalogError('BOOK_ALREADY_EXISTS', `a book with ISBN ${book.isbn} is already catalogued`, { isbn: book.isbn });
  }

  private static duplicateCopy(barcode: string): CatalogError {
    return new CatalogError('COPY_ALREADY_EXISTS', `a copy with barcode ${barcode} already exists`, { barcode });
  }
}
