import type {
  AuditWriter,
  BookItemRepository,
  BookRepository,
  BranchRepository,
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
import type { DomainEvent } from '../../domain/shared/DomainEvent.js';
import { bookRepository, branchRepository, itemRepository } from './repositories/catalog.js';
import { digitalCopyRepository, digitalLoanRepository, revokedTokenRepository } from './repositories/digital.js';
import { SqlFineLedgers } from './repositories/fines.js';
import { loanRepository } from './repositories/loans.js';
import { auditWriter, outboxWriter } from './repositories/logs.js';
import { memberRepository } from './repositories/members.js';
import { SqlReservationQueues } from './repositories/reservations.js';
import type { SqlSession } from './SqlDriver.js';
import { StatementPipeline } from './StatementPipeline.js';
import { VersionedRows } from './VersionedRows.js';

interface Repositories {
  readonly books: BookRepository;
  readonly items: BookItemRepository;
  readonly branches: BranchRepository;
  readonly members: MemberRepository;
  readonly loans: LoanRepository;
  readonly reservations: SqlReservationQueues;
  readonly ledgers: FineLedgerRepository;
  readonly digitalCopies: DigitalCopyRepository;
  readonly digitalLoans: DigitalLoanRepository;
  readonly revokedTokens: RevokedTokenRepository;
  readonly outbox: OutboxWriter;
  readonly audit: AuditWriter;
}

/** How each repository is made from the transaction's pipeline and rows (the digital pool shares the title queues). */
const REPOSITORIES: { readonly [K in keyof Repositories]: (sql: StatementPipeline, rows: VersionedRows, tx: SqlTransaction) => Repositories[K] } = {
  books: bookRepository,
  items: itemRepository,
  branches: branchRepository,
  members: memberRepository,
  loans: loanRepository,
  reservations: (sql, rows) => new SqlReservationQueues(sql, rows),
  ledgers: (sql, rows) => new SqlFineLedgers(sql, rows),
  digitalCopies: (sql, rows, tx) => digitalCopyRepository(sql, rows, tx.queues),
  digitalLoans: digitalLoanRepository,
  revokedTokens: (sql) => revokedTokenRepository(sql),
  outbox: (sql) => outboxWriter(sql),
  audit: (sql) => auditWriter(sql),
};

/**
 * One database transaction seen through the repository ports: one repository per aggregate family (repositories/),
 * each reading through the transaction's StatementPipeline and saving through its VersionedRows, made when first used. Aggregate roots are
 * saved with `UPDATE … WHERE key = $1 AND version = $2`, and zero rows means someone else won.
 *
 * Saves are collected and leave as one statement just before the next read, or with COMMIT; nothing waits for them
 * on the way. On a pipelining connection a use case so costs a round trip per group of reads plus one for its writes
 * and commit. Every statement's outcome is checked, in order, before a read answers and before the commit is
 * reported: a read still sees the transaction's own writes, and a lost race (raised by the database itself) still
 * fails the transaction before anything commits.
 */
export class SqlTransaction implements Transaction {
  private readonly sql: StatementPipeline;
  private readonly rows: VersionedRows;
  /** The events of every aggregate saved in this transaction, in the order saved. */
  readonly events: DomainEvent[];
  /** Repositories made on first use: a checkout touches four of the eleven. */
  private made: Partial<Record<keyof Repositories, unknown>> = {};

  constructor(session: SqlSession) {
    const sql = (this.sql = new StatementPipeline(session));
    this.rows = new VersionedRows(sql);
    this.events = this.rows.events;
  }

  get books(): BookRepository {
    return this.repository('books');
  }
  get items(): BookItemRepository {
    return this.repository('items');
  }
  get branches(): BranchRepository {
    return this.repository('branches');
  }
  get members(): MemberRepository {
    return this.repository('members');
  }
  get loans(): LoanRepository {
    return this.repository('loans');
  }
  get reservations(): ReservationQueueRepository {
    return this.queues;
  }
  /** The title queues, which the digital pool shares to take its locks in one order. */
  get queues(): SqlReservationQueues {
    return this.repository('reservations');
  }
  get ledgers(): FineLedgerRepository {
    return this.repository('ledgers');
  }
  get digitalCopies(): DigitalCopyRepository {
    return this.repository('digitalCopies');
  }
  get digitalLoans(): DigitalLoanRepository {
    return this.repository('digitalLoans');
  }
  get revokedTokens(): RevokedTokenRepository {
    return this.repository('revokedTokens');
  }
  get outbox(): OutboxWriter {
    return this.repository('outbox');
  }
  get audit(): AuditWriter {
    return this.repository('audit');
  }

  private repository<K extends keyof Repositories>(name: K): Repositories[K] {
    return (this.made[name] ??= REPOSITORIES[name](this.sql, this.rows, this)) as Repositories[K];
  }

  /** Sends COMMIT behind the writes; the first failure of any statement, in order, is the outcome. */
  commit(): Promise<void> {
    return this.sql.commit();
  }

  /** Drops the writes not yet sent, waits out those on their way, then rolls back. */
  rollback(): Promise<void> {
    return this.sql.rollback();
  }
}
