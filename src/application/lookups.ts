import type { Book } from '../domain/catalog/Book.js';
import type { BookItem } from '../domain/catalog/BookItem.js';
import { CatalogError } from '../domain/catalog/CatalogError.js';
import type { Member } from '../domain/members/Member.js';
import { MemberError } from '../domain/members/MemberError.js';
import { activeReservationFor, type Reservation } from '../domain/reservations/Reservation.js';
import type { Transaction } from './ports/Store.js';

/** Loads that every use case shares: a missing aggregate is a typed "not found", never a null. */
export async function requireMember(tx: Transaction, memberId: string): Promise<Member> {
  const member = await tx.members.get(memberId);
  if (!member) throw new MemberError('MEMBER_NOT_FOUND', `no member ${memberId}`, { memberId });
  return member;
}

/** The member's active (waiting or ready) reservation of the title, read from the title queues, or null. */
export async function activeReservationOf(tx: Transaction, memberId: string, isbn: string): Promise<Reservation | null> {
  return activeReservationFor(await tx.reservations.activeForMember(memberId), isbn);
}

export async function requireCopy(tx: Transaction, barcode: string): Promise<BookItem> {
  const item = await tx.items.get(barcode);
  if (!item) throw new CatalogError('COPY_NOT_FOUND', `no copy with barcode ${barcode}`, { barcode });
  return item;
}

export async function requireBook(tx: Transaction, isbn: string): Promise<Book> {
  const book = await tx.books.get(isbn);
  if (!book) throw new CatalogError('BOOK_NOT_FOUND', `no book with ISBN ${isbn}`, { isbn });
  return book;
}
