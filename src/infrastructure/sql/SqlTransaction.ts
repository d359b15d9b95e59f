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
import { ACTIVE_RESERVATION_STATUSES, Reservation } from '../../domain/reservations/Reservation.js';
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
  text,
  ledgerRow,
  loanRow,
  memberRow,
  paymentRow,
  queueRow,
  reservationRow,
} from './rows.js';
import { onShelfPredicate } from './onShelf.js';
import type { SqlResult, SqlRow, SqlSession } from './SqlDriver.js';
import { type PendingRead, ReadBatch } from './ReadBatch.js';
import { type PendingWrite, type Statement, WriteBatch } from './WriteBatch.js';

/** What a save returns: its statements are on their way, and `settle` checks them (see SqlTransaction). */
const SENT: Promise<void> = Promise.resolve();

/** Barcodes, ids and ISBNs sort byte-wise, as the in-memory store sorts them. */
const C = 'COLLATE "C"';

const LEDGER_COLUMNS = `l.member_id, l.currency, l.version,
    coalesce((SELECT json_agg(f ORDER BY f.ordinal) FROM fines f WHERE f.member_id = l.member_id), '[]') AS fines,
    coalesce((SELECT json_agg(p ORDER BY p.ordinal) FROM payments p WHERE p.member_id = l.member_id), '[]') AS payments`;
const LEDGER_SELECT = `SELECT ${LEDGER_COLUMNS} FROM fine_ledgers l WHERE l.member_id = $1`;
/** The borrower of an open loan of the copy, and their ledger if they have one (`member_id` null: never fined). */
const BORROWER_LEDGER_SELECT = `SELECT o.member_id AS borrower, ${LEDGER_COLUMNS}
  FROM loans o LEFT JOIN fine_ledgers l ON l.member_id = o.member_id WHERE o.barcode = $1 AND o.status = 'OPEN'`;

/**
 * One database transaction seen through the repository ports. Aggregate roots are saved with
 * `UPDATE … WHERE key = $1 AND version = $2`, and zero rows means someone else won.
 *
 * Saves are collected in a WriteBatch and leave as one statement just before the next read, or with
 * COMMIT; nothing waits for them on the way. On a pipelining connection a use case so costs a round
 * trip per group of reads plus one for its writes and commit. Every statement's outcome is checked,
 * in order, before a read answers and before the commit is reported (`settle`): a read still sees the
 * transaction's own writes, and a lost race (raised by the database itself) still fails the
 * transaction before anything commits.
 */
export class SqlTransaction implements Transaction {
  readonly events: DomainEvent[] = [];
  /** Whether BEGIN has been sent (see `begin`). */
  private begun = false;
  /** Reads asked for in this turn of the event loop, not yet sent. */
  private asked: { readonly read: PendingRead; readonly answer: (result: SqlResult | Failure) => void }[] = [];
  /** Writes not yet sent: they leave together, as one statement, before the next read or COMMIT. */
  private readonly batch = new WriteBatch();
  /** Statements sent and not yet checked: BEGIN, then the writes since the last read. */
  private unsettled: Promise<unknown>[] = [];
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
        this.one(`SELECT * FROM book_items WHERE isbn = $1 AND ${onShelfPredicate()} ORDER BY barcode ${C} LIMIT 1`, [isbn], item),
      listExpiredHolds: (now) =>
        this.many(`SELECT * FROM book_items WHERE status = 'RESERVED' AND hold_expires_at <= $1 ORDER BY barcode ${C}`, [now.toISOString()], item),
    };
    this.members = {
      get: (id) => this.one('SELECT * FROM members WHERE id = $1', [id], (r) => Member.fromPrimitives(memberRow.read(r), int(r.version))),
      borrowerOf: (barcode) =>
        this.one(`SELECT m.* FROM members m JOIN loans l ON l.member_id = m.id WHERE l.barcode = $1 AND l.status = 'OPEN'`, [barcode], (r) =>
          Member.fromPrimitives(memberRow.read(r), int(r.version)),
        ),
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
      outstandingForMember: (memberId) =>
        this.many(`SELECT * FROM loans WHERE member_id = $1 AND status IN ('OPEN', 'LOST') ORDER BY checked_out_at, id ${C}`, [memberId], loan),
      historyForMember: (memberId) => this.many(`SELECT * FROM loans WHERE member_id = $1 ORDER BY checked_out_at, id ${C}`, [memberId], loan),
      listOverdue: (now) => this.many(`SELECT * FROM loans WHERE status = 'OPEN' AND due_at < $1 ORDER BY due_at, id ${C}`, [now.toISOString()], loan),
    };
    this.reservations = {
      forTitle: (isbn) => this.queueFor(isbn),
      forTitleOfCopy: (barcode) => this.queueOfCopy(barcode),
      isbnOf: async (reservationId) => (await this.read<{ isbn: string }>('SELECT isbn FROM reservations WHERE id = $1', [reservationId])).rows[0]?.isbn ?? null,
      activeForMember: (memberId) =>
        this.many(`SELECT * FROM reservations WHERE member_id = $1 AND status = ANY($2) ORDER BY isbn ${C}`, [memberId, ACTIVE_RESERVATION_STATUSES], (r) =>
          Reservation.fromPrimitives(reservationRow.read(r)),
        ),
      save: (queue) => this.saveQueue(queue),
    };
    this.ledgers = {
      forMember: async (memberId, currency) => (await this.one(LEDGER_SELECT, [memberId], (r) => this.loadLedger(r))) ?? FineLedger.open(memberId, currency),
      forBorrowerOf: (barcode, currency) =>
        this.one(BORROWER_LEDGER_SELECT, [barcode], (r) => (r.member_id === null ? FineLedger.open(text(r.borrower), currency) : this.loadLedger(r))),
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
      revoke: (t) => {
        this.write({
          row: `revoked_tokens:${t.tokenId}`,
          text: 'INSERT INTO revoked_tokens (token_id, loan_id, until) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING',
          params: [t.tokenId, t.loanId, t.until.toISOString()],
        });
        return SENT;
      },
      isRevoked: async (tokenId) => (await this.read('SELECT 1 FROM revoked_tokens WHERE token_id = $1', [tokenId])).rows.length > 0,
    };
    this.outbox = {
      enqueue: (m) => {
        this.write({
          row: `outbox:${m.idempotencyKey}`,
          append: {
            table: 'outbox',
            columns: ['id', 'idempotency_key', 'kind', 'member_id', 'payload', 'created_at', 'next_attempt_at'],
            values: [m.id, m.idempotencyKey, m.kind, m.memberId, JSON.stringify(m.payload), m.createdAt, m.createdAt],
            onConflict: 'ON CONFLICT (idempotency_key) DO NOTHING',
          },
        });
        return SENT;
      },
    };
    this.audit = {
      append: (e) => {
        this.write({
          row: `audit:${e.id}`,
          append: {
            table: 'audit',
            columns: ['id', 'at', 'actor', 'action', 'member_id', 'barcode', 'isbn', 'data'],
            values: [e.id, e.at, e.actor, e.action, e.memberId, e.barcode, e.isbn, JSON.stringify(e.data)],
          },
        });
        return SENT;
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
    const root = (await this.read('SELECT isbn, next_sequence, version FROM reservation_queues WHERE isbn = $1 FOR UPDATE', [isbn])).rows[0];
    return root === undefined ? ReservationQueue.empty(isbn) : this.lockedQueue(root);
  }

  /** The queue of the copy's title, locked as `queueFor` locks it, found from the barcode in the same statement. */
  private async queueOfCopy(barcode: string): Promise<ReservationQueue | null> {
    const { rows } = await this.read(
      `SELECT i.isbn, q.next_sequence, q.version FROM book_items i
       LEFT JOIN LATERAL (SELECT next_sequence, version FROM reservation_queues WHERE isbn = i.isbn FOR UPDATE) q ON true
       WHERE i.barcode = $1`,
      [barcode],
    );
    const root = rows[0];
    if (root === undefined) return null;
    return root.version === null ? ReservationQueue.empty(text(root.isbn)) : this.lockedQueue(root);
  }

  /** The rest of a queue whose root row this transaction has just locked: its reservations, read after the lock. */
  private async lockedQueue(root: SqlRow): Promise<ReservationQueue> {
    const isbn = text(root.isbn);
    this.lockedQueues.add(isbn);
    const { rows } = await this.read('SELECT * FROM reservations WHERE isbn = $1 ORDER BY sequence', [isbn]);
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
    const { rows } = await this.read('SELECT 1 FROM reservation_queues WHERE isbn = $1 FOR UPDATE', [isbn]);
    if (rows.length > 0) this.lockedQueues.add(isbn);
  }

  private loadLedger(r: SqlRow): FineLedger {
    const p = ledgerRow.read(r);
    p.fines.forEach((f, i) => this.children.set(`fines:${f.id}`, JSON.stringify(fineRow.columns(f, p.memberId, i))));
    p.payments.forEach((x, i) => this.children.set(`payments:${x.id}`, JSON.stringify(paymentRow.columns(x, p.memberId, i))));
    return FineLedger.fromPrimitives(p, int(r.version));
  }

  private saveQueue(queue: ReservationQueue): Promise<void> {
    const p = queue.toPrimitives();
    this.writeRoot(queue, 'reservation_queues', 'isbn', p.isbn, { next_sequence: p.nextSequence });
    for (const reservation of p.reservations) {
      this.upsertChild('reservations', 'isbn', reservation.id, JSON.stringify(reservation), reservationRow.columns(reservation));
    }
    this.events.push(...queue.pullEvents());
    return SENT;
  }

  private saveLedger(ledger: FineLedger): Promise<void> {
    const p = ledger.toPrimitives();
    this.writeRoot(ledger, 'fine_ledgers', 'member_id', p.memberId, { currency: p.currency });
    for (const [i, fine] of p.fines.entries()) {
      const columns = fineRow.columns(fine, p.memberId, i);
      this.upsertChild('fines', 'member_id', fine.id, JSON.stringify(columns), columns);
    }
    for (const [i, payment] of p.payments.entries()) {
      const columns = paymentRow.columns(payment, p.memberId, i);
      this.upsertChild('payments', 'member_id', payment.id, JSON.stringify(columns), columns);
    }
    this.events.push(...ledger.pullEvents());
    return SENT;
  }

  /**
   * Inserts or updates one child row unless it is exactly as read. Children live and die with their root: the update
   * applies only to a row of the same root (`parentColumn`), and writing no row raises like a stale version, so an id
   * already taken by another root's child makes the use case re-run with fresh ids instead of moving that child.
   */
  private upsertChild(table: string, parentColumn: string, id: string, snapshot: string, columns: Columns): void {
    const key = `${table}:${id}`;
    if (this.children.get(key) === snapshot) return;
    const names = Object.keys(columns);
    const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
    this.write({
      row: key,
      text:
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) ` +
        `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE ${table}.${parentColumn} = EXCLUDED.${parentColumn}`,
      params: Object.values(columns),
      expectsRowOf: table,
    });
    this.children.set(key, snapshot);
  }

  private saveRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns): Promise<void> {
    this.writeRoot(aggregate, table, keyColumn, key, columns);
    this.events.push(...aggregate.pullEvents());
    return SENT;
  }

  /**
   * The optimistic write. Version 0 means "new": an INSERT, whose unique violation is a lost race.
   * Otherwise `UPDATE … WHERE key AND version`: zero rows means the row moved on since it was read,
   * and the database raises a serialization failure (see WriteBatch).
   */
  private writeRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string, columns: Columns): void {
    const expected = this.expectedVersion(table, key, aggregate.version);
    const names = Object.keys(columns);
    const values = Object.values(columns);
    if (expected === 0) {
      const placeholders = names.map((_, i) => `$${i + 2}`);
      this.write({ row: `${table}:${key}`, text: `INSERT INTO ${table} (${keyColumn}, version, ${names.join(', ')}) VALUES ($1, 1, ${placeholders.join(', ')})`, params: [key, ...values] });
    } else {
      const sets = names.map((n, i) => `${n} = $${i + 3}`);
      this.write({
        row: `${table}:${key}`,
        text: `UPDATE ${table} SET version = version + 1, ${sets.join(', ')} WHERE ${keyColumn} = $1 AND version = $2`,
        params: [key, expected, ...values],
        expectsRowOf: table,
      });
    }
    this.remember(table, key, aggregate.version, expected + 1);
  }

  private deleteRoot(aggregate: AggregateRoot, table: string, keyColumn: string, key: string): Promise<void> {
    const expected = this.expectedVersion(table, key, aggregate.version);
    this.write({ row: `${table}:${key}`, text: `DELETE FROM ${table} WHERE ${keyColumn} = $1 AND version = $2`, params: [key, expected], expectsRowOf: table });
    this.remember(table, key, aggregate.version, 0);
    this.events.push(...aggregate.pullEvents());
    return SENT;
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

  /**
   * Sends COMMIT behind the writes without waiting for them. Every failure is the database's own (a lost
   * race raises there, see WriteBatch), and a failed statement has already aborted the transaction, where
   * COMMIT only rolls back; so the first failure in order is the outcome, and none means committed.
   */
  async commit(): Promise<void> {
    this.sendReads();
    if (this.begun) {
      this.send();
      this.submit({ text: 'COMMIT', params: [] });
    } else {
      // Every read came before every write and took no lock, and the writes are one statement: it commits
      // by itself, all or nothing, and the use case costs neither BEGIN nor COMMIT.
      this.submit(this.batch.take());
    }
    await this.settle();
  }

  /** Drops the writes not yet sent, waits out those on their way, then rolls back (a no-op where the database already did). */
  async rollback(): Promise<void> {
    this.sendReads();
    this.batch.take();
    await this.settle().catch(() => undefined);
    if (this.begun) await this.sql.query('ROLLBACK');
  }

  /**
   * Opens the database transaction, once, when the use case first needs one: before a lock (held to the end)
   * or before writes that more statements follow (later reads must see them; later writes must commit with
   * them). Reads before that run on their own, as each statement of a READ COMMITTED transaction would:
   * on the latest committed data.
   */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    this.submit({ text: 'BEGIN', params: [] });
  }

  /** Sends a statement without waiting for it; `settle` checks its outcome, in order. */
  private submit(statement: Statement | null): void {
    if (statement) this.unsettled.push(quiet(this.sql.query(statement.text, statement.params)));
  }

  /** Waits for every statement sent so far and throws the first failure, in the order they were sent. */
  private async settle(): Promise<void> {
    while (this.unsettled.length > 0) {
      const sent = this.unsettled;
      this.unsettled = [];
      const outcomes = await Promise.all(sent);
      const failure = outcomes.find((o) => o instanceof Failure);
      if (failure) throw failure.error;
    }
  }

  /** Adds a write to the batch; a second write of a row already in it sends the batch first. */
  private write(write: PendingWrite): void {
    if (this.batch.holds(write.row)) this.send();
    this.batch.add(write);
  }

  /** Sends the batched writes as one statement, without waiting for it (after the reads asked for before them). */
  private send(): void {
    if (this.batch.isEmpty) return;
    this.sendReads();
    this.begin();
    this.submit(this.batch.take());
  }

  /** Sends a read behind the writes before it, and answers once they are known to have succeeded. */
  private async read<R extends SqlRow = SqlRow>(text: string, params: readonly unknown[]): Promise<SqlResult<R>> {
    this.send();
    const answer = this.ask<R>({ text, params });
    await this.settle();
    const result = await answer;
    if (result instanceof Failure) throw result.error;
    return result;
  }

  /** Queues a read until the end of this turn, so the reads asked for side by side leave together (ReadBatch). */
  private ask<R extends SqlRow>(read: PendingRead): Promise<SqlResult<R> | Failure> {
    return new Promise((resolve) => {
      if (this.asked.length === 0) {
        process.nextTick(() => {
          this.sendReads();
        });
      }
      this.asked.push({ read, answer: resolve as (result: SqlResult | Failure) => void });
    });
  }

  /** Sends the queued reads, in order, each group of them as one statement. */
  private sendReads(): void {
    const asked = this.asked;
    if (asked.length === 0) return;
    this.asked = [];
    let at = 0;
    for (const group of ReadBatch.groups(asked.map((a) => a.read))) {
      const waiting = asked.slice(at, at + group.length);
      at += group.length;
      if (group.some((read) => ReadBatch.locks(read))) this.begin();
      const [only] = group;
      if (group.length === 1 && only) {
        void quiet(this.sql.query(only.text, only.params)).then((result) => {
          waiting[0]?.answer(result);
        });
        continue;
      }
      const { text, params } = ReadBatch.combine(group);
      void quiet(this.sql.query(text, params)).then((result) => {
        waiting.forEach((w, i) => {
          if (result instanceof Failure) w.answer(result);
          else {
            try {
              w.answer(ReadBatch.answer(result.rows[0], i));
            } catch (error) {
              w.answer(new Failure(error));
            }
          }
        });
      });
    }
  }

  private async one<A>(text: string, params: readonly unknown[], map: (r: SqlRow) => A): Promise<A | null> {
    const { rows } = await this.read(text, params);
    const row = rows[0];
    return row === undefined ? null : map(row);
  }

  private async many<A>(text: string, params: readonly unknown[], map: (r: SqlRow) => A): Promise<A[]> {
    return (await this.read(text, params)).rows.map(map);
  }
}

/** A statement's failure, held as a value so that a statement nobody waits for yet never rejects unobserved. */
class Failure {
  constructor(readonly error: unknown) {}
}

function quiet<T>(sent: Promise<T>): Promise<T | Failure> {
  return sent.then(
    (value) => value,
    (error: unknown) => new Failure(error),
  );
}
