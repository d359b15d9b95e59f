import type { Book } from '../../domain/catalog/Book.js';
import type { BookItem } from '../../domain/catalog/BookItem.js';
import type { FineLedger } from '../../domain/fines/FineLedger.js';
import type { Loan } from '../../domain/lending/Loan.js';
import type { Member } from '../../domain/members/Member.js';
import type { ReservationQueue } from '../../domain/reservations/ReservationQueue.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';

/**
 * Repository ports. Every adapter (in-memory, SQL) honours the same contract:
 * - reads inside a transaction see that transaction's own writes;
 * - `save` stores the aggregate if nobody else changed it since it was read (optimistic version),
 *   otherwise the commit fails with StoreError('CONCURRENT_MODIFICATION') and nothing is written;
 * - `save` also takes the aggregate's recorded events, which the commit hands back for publishing.
 */
export interface BookRepository {
  get(isbn: string): Promise<Book | null>;
  save(book: Book): Promise<void>;
  delete(book: Book): Promise<void>;
  findByTitle(title: string): Promise<Book[]>;
  findByAuthor(author: string): Promise<Book[]>;
}

export interface BookItemRepository {
  get(barcode: string): Promise<BookItem | null>;
  save(item: BookItem): Promise<void>;
  delete(item: BookItem): Promise<void>;
  listByIsbn(isbn: string): Promise<BookItem[]>;
  /** RESERVED copies whose pickup deadline is at or before `now`. */
  listExpiredHolds(now: Date): Promise<BookItem[]>;
}

export interface MemberRepository {
  get(id: string): Promise<Member | null>;
  save(member: Member): Promise<void>;
  delete(member: Member): Promise<void>;
}

export interface LoanRepository {
  get(id: string): Promise<Loan | null>;
  save(loan: Loan): Promise<void>;
  openForCopy(barcode: string): Promise<Loan | null>;
  openForMember(memberId: string): Promise<Loan[]>;
  historyForMember(memberId: string): Promise<Loan[]>;
  /** Open loans whose due instant is before `now`. */
  listOverdue(now: Date): Promise<Loan[]>;
}

export interface ReservationQueueRepository {
  /** The title's queue; an empty (unsaved, version 0) queue when nobody ever reserved it. */
  forTitle(isbn: string): Promise<ReservationQueue>;
  /** The ISBN whose queue holds this reservation id. */
  isbnOf(reservationId: string): Promise<string | null>;
  save(queue: ReservationQueue): Promise<void>;
}

export interface FineLedgerRepository {
  /** The member's ledger; an empty one in `currency` when the member was never fined. */
  forMember(memberId: string, currency: string): Promise<FineLedger>;
  save(ledger: FineLedger): Promise<void>;
}

export interface Transaction {
  readonly books: BookRepository;
  readonly items: BookItemRepository;
  readonly members: MemberRepository;
  readonly loans: LoanRepository;
  readonly reservations: ReservationQueueRepository;
  readonly ledgers: FineLedgerRepository;
}

export interface Committed<T> {
  readonly value: T;
  /** Events of every aggregate saved in the transaction, in save order. */
  readonly events: readonly DomainEvent[];
}

export interface Store {
  /** Runs `work` once as one atomic transaction. Conflicts surface as StoreError; retrying is the caller's choice. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<Committed<T>>;
  close(): Promise<void>;
}
