import type {
  AuditWriter,
  BookItemRepository,
  BookRepository,
  DigitalCopyRepository,
  DigitalLoanRepository,
  FineLedgerRepository,
  LoanRepository,
  MemberRepository,
  OutboxWriter,
  ReservationQueueRepository,
  RevokedTokenRepository,
  Transaction,
} from '../../application/ports/Store.js';
import { Book } from '../../domain/catalog/Book.js';
import { BookItem } from '../../domain/catalog/BookItem.js';
import { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import { DigitalLoan } from '../../domain/digital/DigitalLoan.js';
import { FineLedger } from '../../domain/fines/FineLedger.js';
import { Loan } from '../../domain/lending/Loan.js';
import { Member } from '../../domain/members/Member.js';
import { ReservationQueue } from '../../domain/reservations/ReservationQueue.js';
import type { AggregateRoot } from '../../domain/shared/AggregateRoot.js';
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import {
  bookRow,
  type Columns,
  digitalCopyRow,
  digitalLoanRow,
  fineRow,
  int,
  itemRow,
  ledgerRow,
  loanRow,
  memberRow,
  paymentRow,
  queueRow,
  reservationRow,
} from './rows.js';
import type { SqlRow, SqlSession } from './SqlDriver.js';
import { conflict } from './sqlErrors.js';

/** Barcodes, ids and ISBNs sort byte-wise, as the in-memory store sorts them. */
const C = 'COLLATE "C"';

const LEDGER_SELECT = `
  SELECT l.member_id, l.currency, l.version,
    coalesce((SELECT json_agg(f ORDER BY f.ordinal) FROM fines f WHERE f.member_id = l.member_id), '[]') AS fines,
    coalesce((SELECT json_agg(p ORDER BY p.ordinal) FROM payments p WHERE p.member_id = l.member_id), '[]') AS payments
  FROM fine_ledgers l WHERE l.member_id = $1`;

/**
 * One database transaction seen through the repository ports. Every write goes to the database at
 * once (so reads see the transaction's own writes and constraints fire early); aggregate roots are
 * saved with `UPDATE … WHERE key = $1 AND version = $2`, and zero rows means someone else won.
 */
export class SqlTransaction implements Transaction {
  readonly events: DomainEvent[] = [];
  /** Per root row written here: the version it was read at, and the version it has now. */
  private readonly written = new Map<string, { readonly base: number; current: number }>();
  /** Child rows as last read or written, to write only those that changed. */
  private readonly children = new Map<string, string>();
  /** Titles whose queue row this transaction holds locked. */
  private readonly lockedQueues = new Set<string>();

  readonly books: BookRepository;
  readonly items: BookItemRepository;
  readonly members: MemberRepository;
  readonly loans: LoanRepository;
  readonly reservations: ReservationQueueRepository;
  readonly ledgers: FineLedgerRepository;
  readonly digitalCopies: DigitalCopyRepository;
  readonly digitalLoans: DigitalLoanRepository;
  readonly revokedTokens: RevokedTokenRepository;
  readonly outbox: OutboxWriter;
  readonly audit: AuditWriter;

  constructor(private readonly sql: SqlSession) {
    this.books = {
      get: async (isbn) => this.one('SELECT * FROM books WHERE isbn = $1', [isbn], (r) => Book.fromPrimitives(bookRow.read(r), int(r.version))),
      save: (book) => this.saveRoot(book, 'books', 'isbn', book.isbn, bookRow.columns(book.toPrimitives())),
      delete: (book) => this.deleteRoot(book, 'books', 'isbn', book.isbn),
      findByTitle: (title) => this.many(`SELECT * FROM books WHERE lower(title) = lower($1) ORDER BY isbn ${C}`, [title], (r) => Book.fromPrimitives(bookRow.read(r), int(r.version))),
      findByAuthor: (author) =>
        this.many(`SELECT * FROM books WHERE EXISTS (SELECT 1 FROM unnest(authors) a WHERE lower(a) = lower($1)) ORDER BY isbn ${C}`, [author], (r) =>
          Book.fromPrimitives(bookRow.read(r), int(r.version)),
        ),
    };
    const item = (r: SqlRow): BookItem => BookItem.fromPrimitives(itemRow.read(r), int(r.version));
    this.items = {
      get: (barcode) => this.one('SELECT * FROM book_items WHERE barcode = $1', [barcode], item),
      save: (i) => this.saveRoot(i, 'book_items', 'barcode', i.barcode, itemRow.columns(i.toPrimitives())),
      delete: (i) => this.deleteRoot(i, 'book_items', 'barcode', i.barcode),
      listByIsbn: (isbn) => this.many(`SELECT * FROM book_items WHERE isbn = $1 ORDER BY barcode ${C}`, [isbn], item),
      firstOnShelf: (isbn) =>
        this.one(`SELECT * FROM book_items WHERE isbn = $1 AND status = 'AVAILABLE' AND NOT reference_only ORDER BY barcode ${C} LIMIT 1`, [isbn], item),
      listExpiredHolds: (now) =>
        this.many(`SELECT * FROM book_items WHERE status = 'RESERVED' AND hold_expires_at <= $1 ORDER BY barcode ${C}`, [now.toISOString()], item),
    };
    this.members = {
      get: (id) => this.one('SELECT * FROM members WHERE id = $1', [id], (r) => Member.fromPrimitives(memberRow.read(r), int(r.version))),
      save: (m) => this.saveRoot(m, 'members', 'id', m.id, memberRow.columns(m.toPrimitives())),
      delete: (m) => this.deleteRoot(m, 'members', 'id', m.id),
    };
    const loan = (r: SqlRow): Loan => Loan.fromPrimitives(loanRow.read(r), int(r.version));
    this.loans = {
      get: (id) => this.one('SELECT * FROM loans WHERE id = $1', [id], loan),
      save: (l) => this.saveRoot(l, 'loans', 'id', l.id, loanRow.columns(l.toPrimitives())),
      openForCopy: (barcode) => this.one(`SELECT * FROM loans WHERE barcode = $1 AND status = 'OPEN'`, [barcode], loan),
      openForMember: (memberId) => this.many(`SELECT * FROM loans WHERE member_id = $1 AND status = 'OPEN' ORDER BY checked_out_at, id ${C}`, [memberId], loan),
      openForTitle: (isbn) => this.many(`SELECT * FROM loans WHERE isbn = $1 AND status = 'OPEN' ORDER BY checked_out_at, id ${C}`, [isbn], loan),
      historyForMember: (memberId) => this.many(`SELECT * FROM loans WHERE member_id = $1 ORDER BY checked_out_at, id ${C}`, [memberId], loan),
      listOverdue: (now) => this.many(`SELECT * FROM loans WHERE status = 'OPEN' AND due_at < $1 ORDER BY due_at, id ${C}`, [now.toISOString()], loan),
    };
    this.reservations = {
      forTitle: (isbn) => this.queueFor(isbn),
      isbnOf: async (reservationId) => (await this.sql.query<{ isbn: string }>('SELECT isbn FROM reservations WHERE id = $1', [reservationId])).rows[0]?.isbn ?? null,
      save: (queue) => this.saveQueue(queue),
    };
    this.ledgers = {
      forMember: async (memberId, currency) => (await this.one(LEDGER_SELECT, [memberId], (r) => this.loadLedger(r))) ?? FineLedger.open(memberId, currency),
      save: (ledger) => this.saveLedger(ledger),
    };
    const digitalCopy = (r: SqlRow): DigitalCopy => DigitalCopy.fromPrimitives(digitalCopyRow.read(r), int(r.version));
    this.digitalCopies = {
      get: (copyId) => this.one('SELECT * FROM digital_copies WHERE copy_id = $1', [copyId], digitalCopy),
      // Always an UPDATE that bumps the version, even for an unchanged pool: that bump is what serialises borrows.
      save: async (c) => {
        await this.lockQueue(c.isbn);
        await this.saveRoot(c, 'digital_copies', 'copy_id', c.copyId, digitalCopyRow.columns(c.toPrimitives()));
      },
      listByIsbn: (isbn) => this.many(`SELECT * FROM digital_copies WHERE isbn = $1 ORDER BY copy_id ${C}`, [isbn], digitalCopy),
      listWithLapsedOffers: (now) => this.many(`SELECT * FROM digital_copies WHERE offers_expire_at <= $1 ORDER BY copy_id ${C}`, [now.toISOString()], digitalCopy),
    };
    const digitalLoan = (r: SqlRow): DigitalLoan => DigitalLoan.fromPrimitives(digitalLoanRow.read(r), int(r.version));
    this.digitalLoans = {
      get: (id) => this.one('SELECT * FROM digital_loans WHERE id = $1', [id], digitalLoan),
      save: (l) => this.saveRoot(l, 'digital_loans', 'id', l.id, digitalLoanRow.columns(l.toPrimitives())),
      activeForMember: (memberId) =>
        this.many(`SELECT * FROM digital_loans WHERE member_id = $1 AND status = 'ACTIVE' ORDER BY borrowed_at, id ${C}`, [memberId], digitalLoan),
      listDue: (now) => this.many(`SELECT * FROM digital_loans WHERE status = 'ACTIVE' AND due_at <= $1 ORDER BY due_at, id ${C}`, [now.toISOString()], digitalLoan),
    };
    this.revokedTokens = {
      revoke: async (t) => {
        await this.sql.query('INSERT INTO revoked_tokens (token_id, loan_id, until) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING', [
          t.tokenId,
          t.loanId,
          t.until.toISOString(),
        ]);
      },
      isRevoked: async (tokenId) => (await this.sql.query('SELECT 1 FROM revoked_tokens WHERE token_id = $1', [tokenId])).rows.length > 0,
    };
    this.outbox = {
      enqueue: async (m) => {
        await this.sql.query(
          `INSERT INTO outbox (id, idempotency_key, kind, member_id, payload, created_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
          [m.id, m.idempotencyKey, m.kind, m.memberId, JSON.stringify(m.payload), m.createdAt],
        );
      },
    };
    this.audit = {
      append: async (e) => {
        await this.sql.query('INSERT INTO audit (id, at, actor, action, member_id, barcode, isbn, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          e.id,
          e.at,
          e.actor,
          e.action,
          e.memberId,
          e.barcode,
          e.isbn,
          JSON.stringify(e.data),
        ]);
      },
    };
  }

  /**
   * The title's queue, its row locked with `FOR UPDATE` for the rest of the transaction: two returns of
   * the same title queue up here instead of both promoting the same member and one of them retrying.
   * The reservations are read by a second statement, after the lock is granted, so they are as fresh
   * as the row (at READ COMMITTED each statement sees what was committed before it started).
   */
  private async queueFor(isbn: string): Promise<ReservationQueue> {
    const root = (await this.sql.query('SELECT isbn, next_sequence, version FROM reservation_queues WHERE isbn = $1 FOR UPDATE', [isbn])).rows[0];
    if (root === undefined) return ReservationQueue.empty(isbn);
    this.lockedQueues.add(isbn);
    const { rows } = await this.sql.query('SELECT * FROM reservations WHERE isbn = $1 ORDER BY sequence', [isbn]);
    const p = queueRow.read({ ...root, reservations: rows });
    for (const reservation of p.reservations) this.children.set(`reservations:${reservation.id}`, JSON.stringify(reservation));
    return ReservationQueue.fromPrimitives(p, int(root.version));
  }

  /**
   * Locks the title's queue row (if it has one) before a digital copy of the title is written. Returns and
   * offers lock the queue and then write the pool; a borrow writes the pool and then may join the queue.
   * Taking the queue first on every path keeps one lock order (queue, then pool), so the two wait for each
   * other instead of deadlocking.
   */
  private async lockQueue(isbn: string): Promise<void> {
    if (this.lockedQueues.has(isbn)) return;
    const { rows } = await this.sql.query('SELECT 1 FROM reservation_queues WHERE isbn = $1 FOR UPDATE', [isbn]);
    if (rows.length > 0) this.lockedQueues.add(isbn);
  }

  private loadLedger(r: SqlRow): FineLedger {
    const p = ledgerRow.read(r);
    p.fines.forEach((f, i) => this.children.set(`fines:${f.id}`, JSON.stringify(fineRow.columns(f, p.memberId, i))));
    p.payments.forEach((x, i) => this.children.set(`payments:${x.id}`, JSON.stringify(paymentRow.columns(x, p.memberId, i))));
    return FineLedger.fromPrimitives(p, int(r.version));
  }

  private async saveQueue(queue: ReservationQueue): Promise<void> {
    const p = queue.toPrimitives();
    await this.writeRoot(queue, 'reservation_queues', 'isbn', p.isbn, { next_sequence: p.nextSequence });
    for (const reservation of p.reservations) {
      await this.upsertChild('reservations', reservation.id, JSON.stringify(reservation), reservationRow.columns(reservation));
    }
    this.events.push(...queue.pullEvents());
  }

  private async saveLedger(ledger: FineLedger): Promise<void> {
    const p = ledger.toPrimitives();
    await this.writeRoot(ledger, 'fine_ledgers', 'member_id', p.memberId, { currency: p.currency });
    for (const [i, fine] of p.fines.entries()) {
      const columns = fineRow.columns(fine, p.memberId, i);
      await this.upsertChild('fines', fine.id, JSON.stringify(columns), columns);
    }
    for (const [i, payment] of p.payments.entries()) {
      const columns = paymentRow.columns(payment, p.memberId, i);
      await this.upsertChild('payments', payment.id, JSON.stringify(columns), columns);
    }
    this.events.push(...ledger.pullEvents());
  }

  /** Inserts or updates one child row unless it is exactly as read. Children live and die with their root. */
  private async upsertChild(table: string, id: string, snapshot: string, columns: Columns): Promise<void> {
    const key = `${table}:${id}`;
    if (this.children.get(key) === snapshot) return;
    const names = Object.keys(columns);
    const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
    await this.sql.query(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
      Object.values(columns),
    );
    this.children.set(key, snapshot);
  }

  private async saveRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns): Promise<void> {
    await this.writeRoot(aggregate, table, keyColumn, key, columns);
    this.events.push(...aggregate.pullEvents());
  }

  /**
   * The optimistic write. Version 0 means "new": an INSERT, whose unique violation is a lost race.
   * Otherwise `UPDATE … WHERE key AND version`: zero rows means the row moved on since it was read.
   */
  private async writeRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns): Promise<void> {
    const expected = this.expectedVersion(table, key, aggregate.version);
    const names = Object.keys(columns);
    const values = Object.values(columns);
    if (expected === 0) {
      const placeholders = names.map((_, i) => `$${i + 2}`);
      await this.sql.query(`INSERT INTO ${table} (${keyColumn}, version, ${names.join(', ')}) VALUES ($1, 1, ${placeholders.join(', ')})`, [key, ...values]);
    } else {
      const sets = names.map((n, i) => `${n} = $${i + 3}`);
      const { rowCount } = await this.sql.query(`UPDATE ${table} SET version = version + 1, ${sets.join(', ')} WHERE ${keyColumn} = $1 AND version = $2`, [
        key,
        expected,
        ...values,
      ]);
      if (rowCount === 0) throw conflict(table, key, expected);
    }
    this.remember(table, key, aggregate.version, expected + 1);
  }

  private async deleteRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string): Promise<void> {
    const expected = this.expectedVersion(table, key, aggregate.version);
    const { rowCount } = await this.sql.query(`DELETE FROM ${table} WHERE ${keyColumn} = $1 AND version = $2`, [key, expected]);
    if (rowCount === 0) throw conflict(table, key, expected);
    this.remember(table, key, aggregate.version, 0);
    this.events.push(...aggregate.pullEvents());
  }

  /** An aggregate saved twice in one transaction may carry the version it was read at, or the one it was re-read at. */
  private expectedVersion(table: string, key: string, version: number): number {
    const mine = this.written.get(`${table}:${key}`);
    return mine && (version === mine.base || version === mine.current) ? mine.current : version;
  }

  private remember(table: string, key: string, base: number, current: number): void {
    const id = `${table}:${key}`;
    const mine = this.written.get(id);
    if (mine) mine.current = current;
    else this.written.set(id, { base, current });
  }

  private async one<A>(text: string, params: readonly unknown[], map: (r: SqlRow) => A): Promise<A | null> {
    const { rows } = await this.sql.query(text, params);
    const row = rows[0];
    return row === undefined ? null : map(row);
  }

  private async many<A>(text: string, params: readonly unknown[], map: (r: SqlRow) => A): Promise<A[]> {
    return (await this.sql.query(text, params)).rows.map(map);
  }
}
