import { requireText } from '../../domain/shared/guards.js';

/** One desk book: a (title, author) pair, its generated id, and the record id it is catalogued under. */
export interface DeskBook {
  readonly bookId: string;
  /** `desk-000001`, `desk-000002`, … in the order catalogued: desk books have no ISBN (a book id may hold any letter of an author's name, a record id may not). */
  readonly recordId: string;
  readonly title: string;
  readonly author: string;
  /** Copies shelved so far; the next copy's barcode continues from here. */
  copies: number;
}

/**
 * The desk's own bookkeeping: desk book ids (`ROW1000`) and the record each is catalogued under. Desk books have no
 * ISBN, so each is a record without one, keyed `desk-000001`, … (an invented ISBN would fall in a range that real
 * books use). Everything about copies, loans and queues stays in the engine.
 */
export class DeskCatalog {
  private readonly byKey = new Map<string, DeskBook>();
  private readonly byId = new Map<string, DeskBook>();
  private readonly idOfRecord = new Map<string, string>();
  private readonly sequences = new Map<string, number>();
  private catalogued = 0;

  /** Validates a (title, author) pair the way the engine validates book records; throws ValidationError. */
  static describe(title: unknown, author: unknown): { readonly title: string; readonly author: string } {
    return { title: requireText(title, 'title', 200), author: requireText(author, 'author', 200) };
  }

  find(title: string, author: string): DeskBook | undefined {
    return this.byKey.get(DeskCatalog.key(title, author));
  }

  byBookId(bookId: unknown): DeskBook | undefined {
    return typeof bookId === 'string' ? this.byId.get(bookId) : undefined;
  }

  /** The desk book a record is, by the record id (a loan's `isbn`, the title's key). */
  bookIdOf(recordId: string): string | undefined {
    return this.idOfRecord.get(recordId);
  }

  /** Reserves the next id for a new (title, author); `register` records it once catalogued. */
  plan(title: string, author: string): DeskBook {
    const prefix = DeskCatalog.prefixOf(author);
    const number = this.sequences.get(prefix) ?? 1000;
    const bookId = `${prefix}${String(number).padStart(4, '0')}`;
    return { bookId, recordId: `desk-${String(this.catalogued + 1).padStart(6, '0')}`, title, author, copies: 0 };
  }

  register(book: DeskBook): void {
    const prefix = DeskCatalog.prefixOf(book.author);
    this.sequences.set(prefix, (this.sequences.get(prefix) ?? 1000) + 1);
    this.catalogued += 1;
    this.byKey.set(DeskCatalog.key(book.title, book.author), book);
    this.byId.set(book.bookId, book);
    this.idOfRecord.set(book.recordId, book.bookId);
  }

  /** Barcodes for the next `count` copies: `ROW1000-0001`, `ROW1000-0002`, … */
  static barcodes(book: DeskBook, count: number): string[] {
    return Array.from({ length: count }, (_, i) => `${book.bookId}-${String(book.copies + i + 1).padStart(4, '0')}`);
  }

  /** First three letters of the author's last token, uppercased (the whole token when shorter). */
  static prefixOf(author: string): string {
    const last = author.trim().split(/\s+/).at(-1) ?? '';
    return Array.from(last).slice(0, 3).join('').toUpperCase();
  }

  private static key(title: string, author: string): string {
    return JSON.stringify([title, author]);
  }
}
