import type { Book } from '../domain/catalog/Book.js';
import type { BookItem } from '../domain/catalog/BookItem.js';
import { Branch } from '../domain/catalog/Branch.js';
import { CatalogError } from '../domain/catalog/CatalogError.js';
import type { Member } from '../domain/members/Member.js';
import { MemberError } from '../domain/members/MemberError.js';
import { activeReservationFor, type Reservation } from '../domain/reservations/Reservation.js';
import { ReservationError } from '../domain/reservations/ReservationError.js';
import type { ReservationQueue } from '../domain/reservations/ReservationQueue.js';
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

/**
 * The queue holding reservation `reservationId` (with it, whatever its state), read as `forTitle` reads it; when
 * `onlyFor` is given, a reservation of another member is refused (`NOT_YOUR_RESERVATION`).
 */
export async function queueOfReservation(tx: Transaction, reservationId: string, onlyFor: string | null = null): Promise<ReservationQueue> {
  const isbn = await tx.reservations.isbnOf(reservationId);
  if (isbn === null) throw new ReservationError('RESERVATION_NOT_FOUND', `no reservation ${reservationId}`, { reservationId });
  const queue = await tx.reservations.forTitle(isbn, reservationId);
  if (onlyFor !== null && queue.get(reservationId).memberId !== onlyFor) {
    throw new ReservationError('NOT_YOUR_RESERVATION', `reservation ${reservationId} belongs to another member`, { reservationId });
  }
  return queue;
}

export async function requireCopy(tx: Transaction, barcode: string): Promise<BookItem> {
  const item = await tx.items.get(barcode);
  if (!item) throw new CatalogError('COPY_NOT_FOUND', `no copy with barcode ${barcode}`, { barcode });
  return item;
}

export async function requireBranch(tx: Transaction, branchId: string): Promise<Branch> {
  const branch = await tx.branches.get(branchId);
  if (!branch) throw new CatalogError('BRANCH_NOT_FOUND', `no branch ${branchId}`, { branch: branchId });
  return branch;
}

/**
 * The branch a copy is shelved at: a code not registered yet becomes a branch named after it (with the default hold
 * shelf), as the migration did for the codes already in use, so shelving never leaves a copy without its branch.
 */
export async function branchForShelving(tx: Transaction, branchId: string, now: Date): Promise<Branch> {
  const known = await tx.branches.get(branchId);
  if (known) return known;
  const branch = Branch.register({ id: branchId }, now);
  await tx.branches.save(branch);
  return branch;
}

/** The record a title key names (its ISBN-13, or the record id of a record without one); BOOK_NOT_FOUND otherwise. */
export async function requireBook(tx: Transaction, isbn: string): Promise<Book> {
  const book = await tx.books.get(isbn);
  if (!book) throw new CatalogError('BOOK_NOT_FOUND', `no catalogue record ${isbn}`, { isbn });
  return book;
}
