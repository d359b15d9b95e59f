import { Isbn } from '../../domain/catalog/Isbn.js';
import { requireText } from '../../domain/shared/guards.js';

/** One desk book: a (title, author) pair, its generated id, and the ISBN it is catalogued under. */
export interface DeskBook {
  readonly bookId: string;
  readonly isbn: string;
  readonly title: string;
  readonly author: string;
  /** Copies shelved so far; the next copy's barcode continues from here. */
  copies: number;
}

/**
 * The desk's own bookkeeping: desk book ids (`ROW1000`) and the ISBN each is catalogued under.
 * Desk books have no ISBN, so each new book gets the next number of a private 979 range with a
 * computed check digit. Everything about copies, loans and queues stays in the engine.
 */
export class DeskCatalog {
  private readonly byKey = new Map<string, DeskBook>();
  private readonly byId = new Map<string, DeskBook>();
  private readonly idOfIsbn = new Map<string, string>();
  private readonly sequences = new Map<string, number>();
  private isbnCounter = 0;

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

  bookIdOf(isbn: string): string | undefined {
    return this.idOfIsbn.get(isbn);
  }

  /** Reserves the next id and ISBN for a new (title, author); `register` records it once catalogued. */
  plan(title: string, author: string): DeskBook {
    const prefix = DeskCatalog.prefixOf(author);
    const number = this.sequences.get(prefix) ?? 1000;
    return { bookId: `${prefix}${String(number).padStart(4, '0')}`, isbn: DeskCatalog.isbnFor(this.isbnCounter + 1), title, author, copies: 0 };
  }

  register(book: DeskBook): void {
    const prefix = DeskCatalog.prefixOf(book.author);
    this.sequences.set(prefix, (this.sequences.get(prefix) ?? 1000) + 1);
    this.isbnCounter += 1;
    this.byKey.set(DeskCatalog.key(book.title, book.author), book);
    this.byId.set(book.bookId, book);
    this.idOfIsbn.set(book.isbn, book.bookId);
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

  /** The n-th ISBN of the desk's range: 9791 + n in 8 digits + check digit. */
  static isbnFor(n: number): string {
    return Isbn.fromTwelveDigits(`9791${String(n).padStart(8, '0')}`).value;
  }

  private static key(title: string, author: string): string {
    return JSON.stringify([title, author]);
  }
}
