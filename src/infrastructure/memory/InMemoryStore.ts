import type {
  BookItemRepository,
  BookRepository,
  BranchRepository,
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
import { MemoryReports } from './MemoryReports.js';
import { Book, type BookPrimitives } from '../../domain/catalog/Book.js';
import { Branch, type BranchPrimitives } from '../../domain/catalog/Branch.js';
import { BookItem, isInCirculation, isOnShelf, mayMeetHold, type BookItemPrimitives } from '../../domain/catalog/BookItem.js';
import { DigitalCopy, type DigitalCopyPrimitives } from '../../domain/digital/DigitalCopy.js';
import { DigitalLoan, type DigitalLoanPrimitives, type RevokedToken } from '../../domain/digital/DigitalLoan.js';
import { FineLedger, type FineLedgerPrimitives } from '../../domain/fines/FineLedger.js';
import { Loan, type LoanPrimitives } from '../../domain/lending/Loan.js';
import { emailKey, Member, type MemberPrimitives } from '../../domain/members/Member.js';
import { ReservationQueue, type ReservationQueuePrimitives } from '../../domain/reservations/ReservationQueue.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import { LedgerHistory, memoryLedgers, openPart, type TxLedgerHistory } from './MemoryLedgers.js';
import { activePart, memoryQueues, queueIndexes, ReservationHistory, type TxReservationHistory } from './MemoryQueues.js';
import { MemoryTable, sortBy } from './MemoryTable.js';
import { TxTable } from './TxTable.js';

const lower = (s: string): string => s.toLocaleLowerCase('en');

const bookIndexes = {
  title: (b: BookPrimitives) => [lower(b.title)],
  author: (b: BookPrimitives) => b.authors.map(lower),
  identifier: (b: BookPrimitives) => b.identifiers,
};
const itemIndexes = {
  isbn: (i: BookItemPrimitives) => [i.isbn],
  status: (i: BookItemPrimitives) => [i.status],
  onShelf: (i: BookItemPrimitives) => (isOnShelf(i) ? [i.isbn] : []),
  inCirculation: (i: BookItemPrimitives) => (isInCirculation(i) ? [i.isbn] : []),
  mayMeetHold: (i: BookItemPrimitives) => (mayMeetHold(i) ? [i.isbn] : []),
  holdShelf: (i: BookItemPrimitives) => (i.status === 'RESERVED' && i.hold ? [i.hold.pickupBranch ?? i.branch] : []),
  transitTo: (i: BookItemPrimitives) => (i.status === 'IN_TRANSIT' && i.transit ? [i.transit.to] : []),
};
const branchIndexes = { all: () => ['ALL'] };
const memberIndexes = {
  /** Unique: one member per email address. */
  email: (m: MemberPrimitives) => (m.contact.email === undefined ? [] : [emailKey(m.contact.email)]),
  card: (m: MemberPrimitives) => ((m.cardExpiresAt ?? null) === null ? [] : ['CARD']),
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
/** The committed state of an in-memory library: zero set-up, the same contract as the SQL store. */
export class InMemoryStore implements Store {
  private readonly books = new MemoryTable<BookPrimitives>('book', bookIndexes);
  private readonly items = new MemoryTable<BookItemPrimitives>('book_item', itemIndexes);
  private readonly branches = new MemoryTable<BranchPrimitives>('branch', branchIndexes);
  private readonly members = new MemoryTable<MemberPrimitives>('member', memberIndexes, ['email']);
  private readonly loans = new MemoryTable<LoanPrimitives>('loan', loanIndexes);
  /** Each queue's row: its active reservations. The closed ones live in `reservationHistory`. */
  private readonly queues = new MemoryTable<ReservationQueuePrimitives>('reservation_queue', queueIndexes);
  private readonly reservationHistory = new ReservationHistory();
  /** Each ledger's row: its balance and open fines. The paid and waived fines and the payments live in `ledgerHistory`. */
  private readonly ledgers = new MemoryTable<FineLedgerPrimitives>('fine_ledger');
  private readonly ledgerHistory = new LedgerHistory();
  private readonly digitalCopies = new MemoryTable<DigitalCopyPrimitives>('digital_copy', digitalCopyIndexes);
  private readonly digitalLoans = new MemoryTable<DigitalLoanPrimitives>('digital_loan', digitalLoanIndexes);
  private readonly revokedTokens = new Map<string, RevokedToken>();
  readonly outbox = new MemoryOutbox();
  readonly audit = new MemoryAuditLog();
  readonly reports = new MemoryReports({
    loans: () => rowsOf(this.loans, this.loans.ids()),
    openLoans: () => rowsOf(this.loans, this.loans.scan('open', 'OPEN')),
    heldCopies: () => rowsOf(this.items, this.items.scan('status', 'RESERVED')),
    activeReservations: () => [...rowsOf(this.queues, this.queues.ids())].flatMap((q) => q.reservations),
    payments: () => this.ledgerHistory.allPayments(),
  });

  async transaction<T>(work: (tx: Transaction) => Promise<T>, hooks: TransactionHooks = {}): Promise<Committed<T>> {
    const events: DomainEvent[] = [];
    const outbox: NewOutboxMessage[] = [];
    const audit: AuditEntry[] = [];
    const revoked = new Map<string, RevokedToken>();
    const t = {
      books: new TxTable(this.books, { id: (b: Book) => b.recordId, toPrimitives: (b) => b.toPrimitives(), fromPrimitives: (p, v) => Book.fromPrimitives(p, v) }, events),
      items: new TxTable(this.items, { id: (i: BookItem) => i.barcode, toPrimitives: (i) => i.toPrimitives(), fromPrimitives: (p, v) => BookItem.fromPrimitives(p, v) }, events),
      branches: new TxTable(this.branches, { id: (b: Branch) => b.id, toPrimitives: (b) => b.toPrimitives(), fromPrimitives: (p, v) => Branch.fromPrimitives(p, v) }, events),
      members: new TxTable(this.members, { id: (m: Member) => m.id, toPrimitives: (m) => m.toPrimitives(), fromPrimitives: (p, v) => Member.fromPrimitives(p, v) }, events),
      loans: new TxTable(this.loans, { id: (l: Loan) => l.id, toPrimitives: (l) => l.toPrimitives(), fromPrimitives: (p, v) => Loan.fromPrimitives(p, v) }, events),
      queues: new TxTable(
        this.queues,
        { id: (q: ReservationQueue) => q.isbn, toPrimitives: (q) => activePart(q.toPrimitives()), fromPrimitives: (p, v) => ReservationQueue.fromPrimitives(p, v) },
        events,
      ),
      reservationHistory: this.reservationHistory.begin(),
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
    branches: TxTable<Branch, BranchPrimitives>;
    members: TxTable<Member, MemberPrimitives>;
    loans: TxTable<Loan, LoanPrimitives>;
    queues: TxTable<ReservationQueue, ReservationQueuePrimitives>;
    reservationHistory: TxReservationHistory;
    ledgers: TxTable<FineLedger, FineLedgerPrimitives>;
    ledgerHistory: TxLedgerHistory;
    digitalCopies: TxTable<DigitalCopy, DigitalCopyPrimitives>;
    digitalLoans: TxTable<DigitalLoan, DigitalLoanPrimitives>;
  }, outbox: NewOutboxMessage[], audit: AuditEntry[], revoked: Map<string, RevokedToken>): Transaction {
    const books: BookRepository = {
      get: (recordId) => ok(t.books.get(recordId)),
      getMany: (recordIds) => ok(present(recordIds.map((id) => t.books.get(id)))),
      pageAfter: (after, limit) => ok(t.books.pageAfter(after, limit)),
      findByIdentifier: (identifier) => ok(t.books.query('identifier', identifier, bookIndexes.identifier)),
      save: (book) => t.books.save(book),
      delete: (book) => t.books.delete(book),
      findByTitle: (title) => ok(t.books.query('title', lower(title), bookIndexes.title)),
      findByAuthor: (author) => ok(t.books.query('author', lower(author), bookIndexes.author)),
    };
    const items: BookItemRepository = {
      get: (barcode) => ok(t.items.get(barcode)),
      getMany: (barcodes) => ok(present(barcodes.map((b) => t.items.get(b)))),
      save: (item) => t.items.save(item),
      delete: (item) => t.items.delete(item),
      listByIsbn: (isbn) => ok(sortBy(t.items.query('isbn', isbn, itemIndexes.isbn), (i) => i.barcode)),
      firstOnShelf: (isbn) => ok(t.items.first('onShelf', isbn, itemIndexes.onShelf)),
      anyToMeetHold: (isbn) => ok(t.items.count('mayMeetHold', isbn, itemIndexes.mayMeetHold, 1) > 0),
      countInCirculation: (isbn, exceptBarcode, atMost) => ok(t.items.count('inCirculation', isbn, itemIndexes.inCirculation, atMost, exceptBarcode)),
      listExpiredHolds: (now) =>
        ok(sortBy(t.items.query('status', 'RESERVED', itemIndexes.status).filter((i) => i.isHoldExpired(now)), (i) => i.barcode)),
      onHoldShelf: (branch) => ok(sortBy(t.items.query('holdShelf', branch, itemIndexes.holdShelf), (i) => i.barcode)),
      inTransitTo: (branch) => ok(sortBy(t.items.query('transitTo', branch, itemIndexes.transitTo), (i) => i.barcode)),
    };
    const branches: BranchRepository = {
      get: (id) => ok(t.branches.get(id)),
      save: (branch) => t.branches.save(branch),
      list: () => ok(sortBy(t.branches.query('all', 'ALL', branchIndexes.all), (b) => b.id)),
    };
    const openLoanOf = (barcode: string): Loan | null => t.loans.query('openBarcode', barcode, loanIndexes.openBarcode)[0] ?? null;
    const borrowerIdOf = (barcode: string): string | null => openLoanOf(barcode)?.memberId ?? null;
    const members: MemberRepository = {
      get: (id) => ok(t.members.get(id)),
      borrowerOf: (barcode) => {
        const memberId = borrowerIdOf(barcode);
        return ok(memberId === null ? null : t.members.get(memberId));
      },
      withEmail: (email) => ok(sortBy(t.members.query('email', emailKey(email), memberIndexes.email), (m) => m.id)[0] ?? null),
      cardsExpiringBetween: (from, to) =>
        ok(
          sortBy(
            t.members.query('card', 'CARD', memberIndexes.card).filter((m) => {
              const at = m.cardExpiresAt?.getTime() ?? 0;
              return at > from.getTime() && at <= to.getTime();
            }),
            (m) => `${m.cardExpiresAt?.toISOString() ?? ''}|${m.id}`,
          ),
        ),
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
    const reservations: ReservationQueueRepository = memoryQueues(t.queues, t.reservationHistory, (barcode) => t.items.get(barcode)?.isbn ?? null);
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
      // Lapsed revocations decide nothing (a lapsed token is refused anyway), so they go at once rather than at commit.
      pruneLapsed: (before) => ok([...this.revokedTokens.values()].filter((t) => t.until < before && this.revokedTokens.delete(t.tokenId)).length),
    };
    return {
      digitalCopies,
      digitalLoans,
      revokedTokens,
      books,
      items,
      branches,
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
const present = <T>(values: readonly (T | null)[]): T[] => values.filter((v): v is T => v !== null);

function* rowsOf<P>(table: MemoryTable<P>, ids: Iterable<string>): Iterable<P> {
  for (const id of [...ids]) {
    const row = table.read(id);
    if (row) yield row.data;
  }
}
