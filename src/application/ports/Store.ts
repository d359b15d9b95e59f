import type { Book } from '../../domain/catalog/Book.js';
import type { BookItem } from '../../domain/catalog/BookItem.js';
import type { Branch } from '../../domain/catalog/Branch.js';
import type { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import type { DigitalLoan, RevokedToken } from '../../domain/digital/DigitalLoan.js';
import type { FineLedger, FinePrimitives } from '../../domain/fines/FineLedger.js';
import type { Loan } from '../../domain/lending/Loan.js';
import type { Member } from '../../domain/members/Member.js';
import type { Reservation } from '../../domain/reservations/Reservation.js';
import type { ReservationQueue } from '../../domain/reservations/ReservationQueue.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import type { ReportStore } from './Reports.js';

/**
 * Repository ports. Every adapter (in-memory, SQL) honours the same contract:
 * - reads inside a transaction see that transaction's own writes;
 * - `save` stores the aggregate if nobody else changed it since it was read (optimistic version),
 *   otherwise the commit fails with StoreError('CONCURRENT_MODIFICATION') and nothing is written;
 * - `save` also takes the aggregate's recorded events, which the commit hands back for publishing.
 */
export interface BookRepository {
  /** The record with this key: its ISBN-13 for a record with an ISBN, else its record id. */
  get(recordId: string): Promise<Book | null>;
  /** The records of these keys that exist, in one read (a batch asks once, not once per record); in no set order. */
  getMany(recordIds: readonly string[]): Promise<Book[]>;
  /** The records after key `after` (null: from the first), in byte order of their keys, at most `limit`: a catalogue read page by page. */
  pageAfter(after: string | null, limit: number): Promise<Book[]>;
  /** Records carrying this identifier (`SCHEME:value`, normalised), by record id. */
  findByIdentifier(identifier: string): Promise<Book[]>;
  save(book: Book): Promise<void>;
  delete(book: Book): Promise<void>;
  findByTitle(title: string): Promise<Book[]>;
  findByAuthor(author: string): Promise<Book[]>;
}

export interface BookItemRepository {
  get(barcode: string): Promise<BookItem | null>;
  /** The copies of these barcodes that exist, in one read; in no set order. */
  getMany(barcodes: readonly string[]): Promise<BookItem[]>;
  save(item: BookItem): Promise<void>;
  delete(item: BookItem): Promise<void>;
  listByIsbn(isbn: string): Promise<BookItem[]>;
  /** The lendable AVAILABLE copy of the title with the lowest barcode, without loading the others. */
  firstOnShelf(isbn: string): Promise<BookItem | null>;
  /** Whether the title has a copy that may meet a hold (`mayMeetHold`), without loading its copies. */
  anyToMeetHold(isbn: string): Promise<boolean>;
  /**
   * How many copies of the title other than `exceptBarcode` are in circulation (`isInCirculation`), counted up to
   * `atMost`: a decision that asks "are there at least n" reads no more than n of them.
   */
  countInCirculation(isbn: string, exceptBarcode: string, atMost: number): Promise<number>;
  /** RESERVED copies whose pickup deadline is at or before `now`. */
  listExpiredHolds(now: Date): Promise<BookItem[]>;
  /** RESERVED copies waiting on this branch's hold shelf (their hold's pickup branch, else their own), by barcode. */
  onHoldShelf(branch: string): Promise<BookItem[]>;
  /** IN_TRANSIT copies travelling to this branch, by barcode. */
  inTransitTo(branch: string): Promise<BookItem[]>;
}

/** The library's branches, keyed by id (the code copies, rules and calendars name). */
export interface BranchRepository {
  get(id: string): Promise<Branch | null>;
  save(branch: Branch): Promise<void>;
  /** Every branch, by id. */
  list(): Promise<Branch[]>;
}

/**
 * A return starts from a barcode alone. The `…Of(barcode)` lookups find what hangs off the copy (its borrower,
 * the borrower's ledger, its title's queue) without first reading the copy, so a store can answer them
 * together with the copy itself.
 */
export interface MemberRepository {
  get(id: string): Promise<Member | null>;
  /** The member who has this copy out (the borrower on its open loan); null when it is not out. */
  borrowerOf(barcode: string): Promise<Member | null>;
  /** A member registered with this email address (compared as `emailKey`), if any. */
  withEmail(email: string): Promise<Member | null>;
  /** Members whose card expires after `from` and at or before `to`, by expiry then id. */
  cardsExpiringBetween(from: Date, to: Date): Promise<Member[]>;
  /**
   * Saving bumps the member's version even when nothing about them changed. A use case that decides on the member's
   * current business (loan and reservation limits, blocks on fines, overdue or lost items) saves the member, so two
   * such decisions for one member serialise: the later commit loses its race and re-runs on fresh loans and queues.
   */
  save(member: Member): Promise<void>;
  delete(member: Member): Promise<void>;
}

export interface LoanRepository {
  get(id: string): Promise<Loan | null>;
  save(loan: Loan): Promise<void>;
  openForCopy(barcode: string): Promise<Loan | null>;
  openForMember(memberId: string): Promise<Loan[]>;
  /** Open loans of any copy of the title. */
  openForTitle(isbn: string): Promise<Loan[]>;
  /** The member's open and lost loans, oldest first: what still counts against their standing, without the returned history. */
  outstandingForMember(memberId: string): Promise<Loan[]>;
  historyForMember(memberId: string): Promise<Loan[]>;
  /**
   * Open loans whose due instant is before `instant`, earliest due first. With the present instant these are the overdue
   * loans; the jobs also pass later instants ("due before the end of tomorrow") and earlier ones ("due 60 days ago").
   */
  listDueBefore(instant: Date): Promise<Loan[]>;
}

/**
 * A title's queue as every decision reads it: its active (waiting and ready) reservations, whatever the title's past.
 * Fulfilled, cancelled and expired reservations are read only when asked for by id.
 */
export interface ReservationQueueRepository {
  /**
   * The title's queue with its active reservations, and the reservation `reservationId` (when given) whatever its state;
   * an empty (unsaved, version 0) queue when nobody ever reserved the title.
   */
  forTitle(isbn: string, reservationId?: string): Promise<ReservationQueue>;
  /** The queues of these titles, each as `forTitle` gives it, in the order asked: a batch of new copies reads them at once. */
  forTitles(isbns: readonly string[]): Promise<ReservationQueue[]>;
  /** The queue of this copy's title, as `forTitle` gives it; null when there is no such copy. */
  forTitleOfCopy(barcode: string): Promise<ReservationQueue | null>;
  /** The ISBN whose queue holds this reservation id. */
  isbnOf(reservationId: string): Promise<string | null>;
  /** The member's active (waiting or ready) reservations of every title, by ISBN; no queue is locked. */
  activeForMember(memberId: string): Promise<Reservation[]>;
  /** Unfilled (WAITING or SUSPENDED) reservations whose "not needed after" instant is at or before `now`, by id. */
  listLapsing(now: Date): Promise<Reservation[]>;
  /** SUSPENDED reservations whose suspension ends at or before `now`, by id. */
  listDueToResume(now: Date): Promise<Reservation[]>;
  save(queue: ReservationQueue): Promise<void>;
}

/**
 * A member's ledger as decisions read it: the running balance and the open fines, whatever the member's history. The
 * paid and waived fines and the payments are read only by `statementFor` and `finesOfLoan`.
 */
export interface FineLedgerRepository {
  /** The member's balance and open fines; an empty ledger in `currency` when the member was never fined. */
  forMember(memberId: string, currency: string): Promise<FineLedger>;
  /** The ledger of the member who has this copy out, as `forMember` gives it; null when the copy is not out. */
  forBorrowerOf(barcode: string, currency: string): Promise<FineLedger | null>;
  /** The whole ledger: every fine (oldest first) and payment the member ever had, for statements and views. */
  statementFor(memberId: string, currency: string): Promise<FineLedger>;
  /** Every fine, open or closed, the member was charged for one loan (a loan is charged each reason at most once), oldest first. */
  finesOfLoan(memberId: string, loanId: string): Promise<FinePrimitives[]>;
  /** Writes what changed: the balance, the fines assessed or settled, the payments taken. */
  save(ledger: FineLedger): Promise<void>;
}

/** Digital copies with their license pools: one aggregate per copy, saved under an optimistic version. */
export interface DigitalCopyRepository {
  get(copyId: string): Promise<DigitalCopy | null>;
  save(copy: DigitalCopy): Promise<void>;
  /** Every digital copy of a title, by copy id. */
  listByIsbn(isbn: string): Promise<DigitalCopy[]>;
  /** Copies holding a license offer whose claim window closed at or before `now`. */
  listWithLapsedOffers(now: Date): Promise<DigitalCopy[]>;
}

export interface DigitalLoanRepository {
  get(id: string): Promise<DigitalLoan | null>;
  save(loan: DigitalLoan): Promise<void>;
  /** ACTIVE loans of a member, oldest first. */
  activeForMember(memberId: string): Promise<DigitalLoan[]>;
  /** ACTIVE loans whose due instant is at or before `now`, earliest due first. */
  listDue(now: Date): Promise<DigitalLoan[]>;
}

/** The loan-token revocation list: written in the same commit as the return that revokes. */
export interface RevokedTokenRepository {
  /** Adding the same token id twice keeps one entry. */
  revoke(token: RevokedToken): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
  /** Deletes the revocations of tokens that lapsed before `before` (a lapsed token is refused anyway); returns how many. */
  pruneLapsed(before: Date): Promise<number>;
}

/** One notice waiting to be delivered (transactional outbox). */
export interface OutboxMessage {
  readonly id: string;
  /** Unique: enqueuing the same key twice keeps the first message (a retry never sends twice). */
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly memberId: string;
  /** JSON-serialisable payload (the notice). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly status: 'PENDING' | 'DELIVERED' | 'DEAD';
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'id' | 'idempotencyKey' | 'kind' | 'memberId' | 'payload' | 'createdAt'>;

/** Append-only record of a state change: who did what to which member, copy and title, and when. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** Who acted: `staff:<tokenId>`, `member:<id>`, `system:jobs`, or the name given to `library.as()`. */
  readonly actor: string;
  /** A readable name for the actor, when it has one (a staff token's label). */
  readonly actorLabel?: string;
  readonly action: string;
  readonly memberId: string | null;
  readonly barcode: string | null;
  readonly isbn: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface AuditQuery {
  readonly memberId?: string;
  readonly barcode?: string;
  readonly isbn?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/** Writes that ride along in the same commit as the state change. */
export interface OutboxWriter {
  /** Adds a message; one whose idempotency key the outbox already holds is dropped at commit. */
  enqueue(message: NewOutboxMessage): Promise<void>;
  /** Whether the outbox already holds (committed, in any status) a message with this idempotency key. */
  holds(idempotencyKey: string): Promise<boolean>;
}
export interface AuditWriter {
  append(entry: AuditEntry): Promise<void>;
}

/** The dispatcher's side of the outbox: claim due messages, then record the outcome. */
export interface OutboxStore {
  /** PENDING messages with nextAttemptAt <= now, oldest first; each claimed message is leased until `leaseUntil`. */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxMessage[]>;
  /** Records the attempt that delivered a PENDING message (a message no longer PENDING is left as it is). */
  markDelivered(id: string, now: Date): Promise<void>;
  /** Records an attempt that may have delivered (MaybeDelivered): DELIVERED, with `why` kept in `lastError`; never sent again. */
  markUnconfirmed(id: string, why: string, now: Date): Promise<void>;
  /** Records a failed attempt on a PENDING message; `retryAt` null moves the message to DEAD. */
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
  list(filter?: { readonly status?: OutboxMessage['status']; readonly memberId?: string }): Promise<OutboxMessage[]>;
  /** Deletes the DELIVERED messages delivered before `before` (dead letters stay); returns how many. */
  pruneDelivered(before: Date): Promise<number>;
}

export interface AuditStore {
  query(filter: AuditQuery): Promise<AuditEntry[]>;
}

export interface Transaction {
  readonly outbox: OutboxWriter;
  readonly audit: AuditWriter;
  readonly books: BookRepository;
  readonly items: BookItemRepository;
  readonly branches: BranchRepository;
  readonly members: MemberRepository;
  readonly loans: LoanRepository;
  readonly reservations: ReservationQueueRepository;
  readonly ledgers: FineLedgerRepository;
  readonly digitalCopies: DigitalCopyRepository;
  readonly digitalLoans: DigitalLoanRepository;
  readonly revokedTokens: RevokedTokenRepository;
}

export interface Committed<T> {
  readonly value: T;
  /** Events of every aggregate saved in the transaction, in save order. */
  readonly events: readonly DomainEvent[];
}

export interface TransactionHooks {
  /** Runs inside the transaction after `work`, with every event recorded so far: the place for outbox and audit writes. */
  beforeCommit?(tx: Transaction, events: readonly DomainEvent[]): Promise<void>;
}

export interface Store {
  /** Runs `work` once as one atomic transaction. Conflicts surface as StoreError; retrying is the caller's choice. */
  transaction<T>(work: (tx: Transaction) => Promise<T>, hooks?: TransactionHooks): Promise<Committed<T>>;
  readonly outbox: OutboxStore;
  readonly audit: AuditStore;
  /** Figures for the desk lists and the dashboard, read outside transactions. */
  readonly reports: ReportStore;
  close(): Promise<void>;
}
