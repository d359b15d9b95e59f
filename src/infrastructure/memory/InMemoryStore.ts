import type {
  BookItemRepository,
  BookRepository,
  Committed,
  DigitalCopyRepository,
  DigitalLoanRepository,
  RevokedTokenRepository,
  FineLedgerRepository,
  LoanRepository,
  MemberRepository,
  ReservationQueueRepository,
  AuditEntry,
  NewOutboxMessage,
  Store,
  Transaction,
  TransactionHooks,
} from '../../application/ports/Store.js';
import { MemoryAuditLog, MemoryOutbox } from './MemoryOutbox.js';
import { Book, type BookPrimitives } from '../../domain/catalog/Book.js';
import { BookItem, isOnShelf, type BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import { DigitalCopy, type DigitalCopyPrimitives } from '../../domain/digital/DigitalCopy.js';
import { DigitalLoan, type DigitalLoanPrimitives, type RevokedToken } from '../../domain/digital/DigitalLoan.js';
import { FineLedger, type FineLedgerPrimitives } from '../../domain/fines/FineLedger.js';
import { Loan, type LoanPrimitives } from '../../domain/lending/Loan.js';
import { Member, type MemberPrimitives } from '../../domain/members/Member.js';
import { Reservation } from '../../domain/reservations/Reservation.js';
import { ReservationQueue, type ReservationQueuePrimitives } from '../../domain/reservations/ReservationQueue.js';
import type { AggregateRoot } from '../../domain/shared/AggregateRoot.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import { LedgerHistory, memoryLedgers, openPart, type TxLedgerHistory } from './MemoryLedgers.js';
import { MemoryTable, sortBy } from './MemoryTable.js';

interface Mapper<A, P> {
  readonly id: (aggregate: A) => string;
  readonly toPrimitives: (aggregate: A) => P;
  readonly fromPrimitives: (p: P, version: number) => A;
}

/** One transaction's view of a table: reads see its own pending writes; writes wait for commit. */
class TxTable<A extends AggregateRoot, P> {
  private readonly pending = new Map<string, { expected: number; data: P | null }>();

  constructor(
    private readonly table: MemoryTable<P>,
    private readonly mapper: Mapper<A, P>,
    private readonly events: DomainEvent[],
  ) {}

  get(id: string): A | null {
    const mine = this.pending.get(id);
    if (mine) return mine.data === null ? null : this.mapper.fromPrimitives(structuredClone(mine.data), mine.expected);
    const row = this.table.read(id);
    return row ? this.mapper.fromPrimitives(row.data, row.version) : null;
  }

  save(aggregate: A): Promise<void> {
    this.write(aggregate, this.mapper.toPrimitives(aggregate));
    return Promise.resolve();
  }

  delete(aggregate: A): Promise<void> {
    this.write(aggregate, null);
    return Promise.resolve();
  }

  /** Rows whose secondary index `indexName` has `key`, committed or pending. */
  query(indexName: string, key: string, keysOf: (p: P) => readonly string[]): A[] {
    const ids = new Set(this.table.lookup(indexName, key).filter((id) => !this.pending.has(id)));
    for (const [id, { data }] of this.pending) if (data !== null && keysOf(data).includes(key)) ids.add(id);
    return [...ids].map((id) => this.get(id)).filter((a): a is A => a !== null);
  }

  /** The matching row with the smallest id, committed or pending, loading only that one. */
  first(indexName: string, key: string, keysOf: (p: P) => readonly string[]): A | null {
    const committed = this.table.lookup(indexName, key).filter((id) => !this.pending.has(id));
    const pending = [...this.pending].filter(([, { data }]) => data !== null && keysOf(data).includes(key)).map(([id]) => id);
    const best = [...committed, ...pending].reduce<string | null>((min, id) => (min === null || id < min ? id : min), null);
    return best === null ? null : this.get(best);
  }

  /** Step 1 of commit: every pending write must still be based on the committed version. */
  checkAll(): void {
    for (const [id, { expected }] of this.pending) this.table.check(id, expected);
  }

  /** Step 2 of commit, only after every table passed `checkAll`. */
  applyAll(): void {
    for (const [id, { data }] of this.pending) this.table.apply(id, data);
  }

  private write(aggregate: A, data: P | null): void {
    const id = this.mapper.id(aggregate);
    const expected = this.pending.get(id)?.expected ?? aggregate.version;
    this.pending.set(id, { expected, data });
    this.events.push(...aggregate.pullEvents());
  }
}

const lower = (s: string): string => s.toLocaleLowerCase('en');

const bookIndexes = {
  title: (b: BookPrimitives) => [lower(b.title)],
  author: (b: BookPrimitives) => b.authors.map(lower),
};
const itemIndexes = {
  isbn: (i: BookItemPrimitives) => [i.isbn],
  status: (i: BookItemPrimitives) => [i.status],
  onShelf: (i: BookItemPrimitives) => (isOnShelf(i) ? [i.isbn] : []),
};
const loanIndexes = {
  openBarcode: (l: LoanPrimitives) => (l.status === 'OPEN' ? [l.barcode] : []),
  openMember: (l: LoanPrimitives) => (l.status === 'OPEN' ? [l.memberId] : []),
  outstandingMember: (l: LoanPrimitives) => (l.status === 'RETURNED' ? [] : [l.memberId]),
  openTitle: (l: LoanPrimitives) => (l.status === 'OPEN' ? [l.isbn] : []),
  member: (l: LoanPrimitives) => [l.memberId],
  open: (l: LoanPrimitives) => (l.status === 'OPEN' ? ['OPEN'] : []),
};
const digitalCopyIndexes = {
  isbn: (c: DigitalCopyPrimitives) => [c.isbn],
  offering: (c: DigitalCopyPrimitives) => (c.offers.length > 0 ? ['OFFERING'] : []),
};
const digitalLoanIndexes = {
  activeMember: (l: DigitalLoanPrimitives) => (l.status === 'ACTIVE' ? [l.memberId] : []),
  active: (l: DigitalLoanPrimitives) => (l.status === 'ACTIVE' ? ['ACTIVE'] : []),
};
const queueIndexes = {
  reservation: (q: ReservationQueuePrimitives) => q.reservations.map((r) => r.id),
  activeMember: (q: ReservationQueuePrimitives) => q.reservations.filter((r) => Reservation.fromPrimitives(r).isActive).map((r) => r.memberId),
};

/** The committed state of an in-memory library: zero set-up, the same contract as the SQL store. */
export class InMemoryStore implements Store {
  private readonly books = new MemoryTable<BookPrimitives>('book', bookIndexes);
  private readonly items = new MemoryTable<BookItemPrimitives>('book_item', itemIndexes);
  private readonly members = new MemoryTable<MemberPrimitives>('member');
  private readonly loans = new MemoryTable<LoanPrimitives>('loan', loanIndexes);
  private readonly queues = new MemoryTable<ReservationQueuePrimitives>('reservation_queue', queueIndexes);
  /** Each ledger's row: its balance and open fines. The paid and waived fines and the payments live in `ledgerHistory`. */
  private readonly ledgers = new MemoryTable<FineLedgerPrimitives>('fine_ledger');
  private readonly ledgerHistory = new LedgerHistory();
  private readonly digitalCopies = new MemoryTable<DigitalCopyPrimitives>('digital_copy', digitalCopyIndexes);
  private readonly digitalLoans = new MemoryTable<DigitalLoanPrimitives>('digital_loan', digitalLoanIndexes);
  private readonly revokedTokens = new Map<string, RevokedToken>();
  readonly outbox = new MemoryOutbox();
  readonly audit = new MemoryAuditLog();

  async transaction<T>(work: (tx: Transaction) => Promise<T>, hooks: TransactionHooks = {}): Promise<Committed<T>> {
    const events: DomainEvent[] = [];
    const outbox: NewOutboxMessage[] = [];
    const audit: AuditEntry[] = [];
    const revoked = new Map<string, RevokedToken>();
    const t = {
      books: new TxTable(this.books, { id: (b: Book) => b.isbn, toPrimitives: (b) => b.toPrimitives(), fromPrimitives: (p, v) => Book.fromPrimitives(p, v) }, events),
      items: new TxTable(this.items, { id: (i: BookItem) => i.barcode, toPrimitives: (i) => i.toPrimitives(), fromPrimitives: (p, v) => BookItem.fromPrimitives(p, v) }, events),
      members: new TxTable(this.members, { id: (m: Member) => m.id, toPrimitives: (m) => m.toPrimitives(), fromPrimitives: (p, v) => Member.fromPrimitives(p, v) }, events),
      loans: new TxTable(this.loans, { id: (l: Loan) => l.id, toPrimitives: (l) => l.toPrimitives(), fromPrimitives: (p, v) => Loan.fromPrimitives(p, v) }, events),
      queues: new TxTable(
        this.queues,
        { id: (q: ReservationQueue) => q.isbn, toPrimitives: (q) => q.toPrimitives(), fromPrimitives: (p, v) => ReservationQueue.fromPrimitives(p, v) },
        events,
      ),
      ledgers: new TxTable(
        this.ledgers,
        { id: (l: FineLedger) => l.memberId, toPrimitives: (l) => openPart(l.toPrimitives()), fromPrimitives: (p, v) => FineLedger.fromPrimitives(p, v) },
        events,
      ),
      ledgerHistory: this.ledgerHistory.begin(),
      digitalCopies: new TxTable(
        this.digitalCopies,
        { id: (c: DigitalCopy) => c.copyId, toPrimitives: (c) => c.toPrimitives(), fromPrimitives: (p, v) => DigitalCopy.fromPrimitives(p, v) },
        events,
      ),
      digitalLoans: new TxTable(
        this.digitalLoans,
        { id: (l: DigitalLoan) => l.id, toPrimitives: (l) => l.toPrimitives(), fromPrimitives: (p, v) => DigitalLoan.fromPrimitives(p, v) },
        events,
      ),
    };
    const tx = this.repositories(t, outbox, audit, revoked);
    const value = await work(tx);
    await hooks.beforeCommit?.(tx, events);
    const tables: { checkAll(): void; applyAll(): void }[] = Object.values(t);
    // Synchronous from here on: no other transaction can interleave between check and apply.
    for (const table of tables) table.checkAll();
    for (const table of tables) table.applyAll();
    for (const [tokenId, token] of revoked) if (!this.revokedTokens.has(tokenId)) this.revokedTokens.set(tokenId, token);
    this.outbox.commit(outbox);
    this.audit.commit(audit);
    return { value, events };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private repositories(t: {
    books: TxTable<Book, BookPrimitives>;
    items: TxTable<BookItem, BookItemPrimitives>;
    members: TxTable<Member, MemberPrimitives>;
    loans: TxTable<Loan, LoanPrimitives>;
    queues: TxTable<ReservationQueue, ReservationQueuePrimitives>;
    ledgers: TxTable<FineLedger, FineLedgerPrimitives>;
    ledgerHistory: TxLedgerHistory;
    digitalCopies: TxTable<DigitalCopy, DigitalCopyPrimitives>;
    digitalLoans: TxTable<DigitalLoan, DigitalLoanPrimitives>;
  }, outbox: NewOutboxMessage[], audit: AuditEntry[], revoked: Map<string, RevokedToken>): Transaction {
    const books: BookRepository = {
      get: (isbn) => ok(t.books.get(isbn)),
      save: (book) => t.books.save(book),
      delete: (book) => t.books.delete(book),
      findByTitle: (title) => ok(t.books.query('title', lower(title), bookIndexes.title)),
      findByAuthor: (author) => ok(t.books.query('author', lower(author), bookIndexes.author)),
    };
    const items: BookItemRepository = {
      get: (barcode) => ok(t.items.get(barcode)),
      save: (item) => t.items.save(item),
      delete: (item) => t.items.delete(item),
      listByIsbn: (isbn) => ok(sortBy(t.items.query('isbn', isbn, itemIndexes.isbn), (i) => i.barcode)),
      firstOnShelf: (isbn) => ok(t.items.first('onShelf', isbn, itemIndexes.onShelf)),
      listExpiredHolds: (now) =>
        ok(sortBy(t.items.query('status', 'RESERVED', itemIndexes.status).filter((i) => i.isHoldExpired(now)), (i) => i.barcode)),
    };
    const openLoanOf = (barcode: string): Loan | null => t.loans.query('openBarcode', barcode, loanIndexes.openBarcode)[0] ?? null;
    const borrowerIdOf = (barcode: string): string | null => openLoanOf(barcode)?.memberId ?? null;
    const members: MemberRepository = {
      get: (id) => ok(t.members.get(id)),
      borrowerOf: (barcode) => {
        const memberId = borrowerIdOf(barcode);
        return ok(memberId === null ? null : t.members.get(memberId));
      },
      save: (member) => t.members.save(member),
      delete: (member) => t.members.delete(member),
    };
    const byCheckout = (l: Loan): string => l.checkedOutAt.toISOString() + l.id;
    const loans: LoanRepository = {
      get: (id) => ok(t.loans.get(id)),
      save: (loan) => t.loans.save(loan),
      openForCopy: (barcode) => ok(openLoanOf(barcode)),
      openForMember: (memberId) => ok(sortBy(t.loans.query('openMember', memberId, loanIndexes.openMember), byCheckout)),
      openForTitle: (isbn) => ok(sortBy(t.loans.query('openTitle', isbn, loanIndexes.openTitle), byCheckout)),
      outstandingForMember: (memberId) => ok(sortBy(t.loans.query('outstandingMember', memberId, loanIndexes.outstandingMember), byCheckout)),
      historyForMember: (memberId) => ok(sortBy(t.loans.query('member', memberId, loanIndexes.member), byCheckout)),
      listDueBefore: (instant) =>
        ok(sortBy(t.loans.query('open', 'OPEN', loanIndexes.open).filter((l) => l.isOverdue(instant)), (l) => l.dueAt.toISOString() + l.id)),
    };
    const reservations: ReservationQueueRepository = {
      forTitle: (isbn) => ok(t.queues.get(isbn) ?? ReservationQueue.empty(isbn)),
      forTitleOfCopy: (barcode) => {
        const isbn = t.items.get(barcode)?.isbn;
        return ok(isbn === undefined ? null : (t.queues.get(isbn) ?? ReservationQueue.empty(isbn)));
      },
      isbnOf: (reservationId) => ok(t.queues.query('reservation', reservationId, queueIndexes.reservation)[0]?.isbn ?? null),
      activeForMember: (memberId) =>
        ok(sortBy(t.queues.query('activeMember', memberId, queueIndexes.activeMember), (q) => q.isbn).flatMap((q) => q.active().filter((r) => r.memberId === memberId))),
      save: (queue) => t.queues.save(queue),
    };
    const ledgers: FineLedgerRepository = memoryLedgers(t.ledgers, t.ledgerHistory, borrowerIdOf);
    const digitalCopies: DigitalCopyRepository = {
      get: (copyId) => ok(t.digitalCopies.get(copyId)),
      save: (copy) => t.digitalCopies.save(copy),
      listByIsbn: (isbn) => ok(sortBy(t.digitalCopies.query('isbn', isbn, digitalCopyIndexes.isbn), (c) => c.copyId)),
      listWithLapsedOffers: (now) =>
        ok(sortBy(t.digitalCopies.query('offering', 'OFFERING', digitalCopyIndexes.offering).filter((c) => c.lapsedOffers(now).length > 0), (c) => c.copyId)),
    };
    const digitalLoans: DigitalLoanRepository = {
      get: (id) => ok(t.digitalLoans.get(id)),
      save: (loan) => t.digitalLoans.save(loan),
      activeForMember: (memberId) =>
        ok(sortBy(t.digitalLoans.query('activeMember', memberId, digitalLoanIndexes.activeMember), (l) => l.borrowedAt.toISOString() + l.id)),
      listDue: (now) =>
        ok(sortBy(t.digitalLoans.query('active', 'ACTIVE', digitalLoanIndexes.active).filter((l) => l.isDue(now)), (l) => l.dueAt.toISOString() + l.id)),
    };
    const revokedTokens: RevokedTokenRepository = {
      revoke: (token) => ok(void revoked.set(token.tokenId, { ...token, until: new Date(token.until.getTime()) })),
      isRevoked: (tokenId) => ok(revoked.has(tokenId) || this.revokedTokens.has(tokenId)),
    };
    return {
      digitalCopies,
      digitalLoans,
      revokedTokens,
      books,
      items,
      members,
      loans,
      reservations,
      ledgers,
      outbox: {
        enqueue: (message) => ok(void outbox.push(structuredClone(message))),
        holds: (key) => ok(this.outbox.holds(key)),
      },
      audit: { append: (entry) => ok(void audit.push(structuredClone(entry))) },
    };
  }
}

const ok = <T>(value: T): Promise<T> => Promise.resolve(value);
