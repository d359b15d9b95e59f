import { Book, type BookDescription } from '../domain/catalog/Book.js';
import type { BookItem } from '../domain/catalog/BookItem.js';
import { CatalogError } from '../domain/catalog/CatalogError.js';
import type { HoldAllocator } from './HoldAllocator.js';
import { branchForShelving, requireBook } from './lookups.js';
import type { Transaction } from './ports/Store.js';
import type { HoldView } from './views.js';

/** What a batch of records did to the catalogue. */
export interface BatchOutcome {
  readonly added: number;
  /** Records already catalogued that took the new description. */
  readonly revised: number;
  /** Records already catalogued just as described. */
  readonly unchanged: number;
}

export interface ShelvingOutcome {
  readonly added: number;
  /** Barcodes already shelved, left as they are. */
  readonly unchanged: number;
  readonly heldFor: readonly HoldView[];
}

interface Described {
  readonly description: BookDescription;
  readonly book: Book;
}

export function duplicateRecord(book: Book): CatalogError {
  return book.isbn === null
    ? new CatalogError('BOOK_ALREADY_EXISTS', `record ${book.recordId} is already catalogued`, { recordId: book.recordId })
    : new CatalogError('BOOK_ALREADY_EXISTS', `a book with ISBN ${book.isbn} is already catalogued`, { isbn: book.isbn });
}

export function duplicateCopy(barcode: string): CatalogError {
  return new CatalogError('COPY_ALREADY_EXISTS', `a copy with barcode ${barcode} already exists`, { barcode });
}

/** Every description checked and made a record before anything is written; a key given twice is refused. */
export function describedBooks(descriptions: readonly BookDescription[], now: Date): Described[] {
  const keys = new Set<string>();
  return descriptions.map((description) => {
    const book = Book.catalogue(description, now);
    if (keys.has(book.recordId)) throw duplicateRecord(book);
    keys.add(book.recordId);
    return { description, book };
  });
}

/** The copies, each barcode once (a barcode given twice is refused). */
export function distinctCopies(items: readonly BookItem[]): BookItem[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.barcode)) throw duplicateCopy(item.barcode);
    seen.add(item.barcode);
  }
  return [...items];
}

/** Saves the batch's records after one read of those already catalogued: new ones added, others revised or refused. */
export async function catalogueIn(tx: Transaction, books: readonly Described[], revise: boolean, now: Date): Promise<BatchOutcome> {
  const existing = new Map((await tx.books.getMany(books.map((b) => b.book.recordId))).map((b) => [b.recordId, b]));
  const outcome = { added: 0, revised: 0, unchanged: 0 };
  for (const { description, book } of books) {
    const old = existing.get(book.recordId);
    if (!old) {
      await tx.books.save(book);
      outcome.added++;
    } else if (!revise) throw duplicateRecord(book);
    else if (old.revise(description, now)) {
      await tx.books.save(old);
      outcome.revised++;
    } else outcome.unchanged++;
  }
  return outcome;
}

/**
 * Shelves the copies after one read of their titles (but those `catalogued` in this transaction already), one of their
 * barcodes and one of their titles' queues; members waiting for a title get the first new copies, in queue order. A barcode already shelved is refused, or, with `skipShelved`, left as it is.
 */
export async function shelveIn(tx: Transaction, items: readonly BookItem[], skipShelved: boolean, holds: HoldAllocator, now: Date, catalogued: ReadonlySet<string> = new Set()): Promise<ShelvingOutcome> {
  if (items.length === 0) return { added: 0, unchanged: 0, heldFor: [] };
  const titles = [...new Set(items.map((i) => i.isbn))];
  const unread = titles.filter((isbn) => !catalogued.has(isbn));
  const found = new Set([...catalogued, ...(unread.length === 0 ? [] : await tx.books.getMany(unread)).map((b) => b.recordId)]);
  for (const isbn of titles) if (!found.has(isbn)) await requireBook(tx, isbn);
  const taken = new Set((await tx.items.getMany(items.map((i) => i.barcode))).map((i) => i.barcode));
  const first = [...taken][0];
  if (first !== undefined && !skipShelved) throw duplicateCopy(first);
  const added = items.filter((item) => !taken.has(item.barcode));
  for (const branch of new Set(added.map((i) => i.branch))) await branchForShelving(tx, branch, now);
  for (const item of added) await tx.items.save(item);
  const heldFor: HoldView[] = [];
  const satisfied = new Set<string>();
  // The queues of every title given a copy, read at once: one read for the batch, not one per copy.
  const queues = new Map((await tx.reservations.forTitles([...new Set(added.map((i) => i.isbn))])).map((q) => [q.isbn, q]));
  for (const item of added) {
    // A copy shelved lost, missing or damaged is offered to nobody, and says nothing of its title's queue.
    if (!item.isOnShelf || satisfied.has(item.isbn)) continue;
    const hold = await holds.offer(tx, item, now, queues.get(item.isbn));
    if (hold) heldFor.push(hold);
    else satisfied.add(item.isbn);
  }
  return { added: added.length, unchanged: taken.size, heldFor };
}
