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

/**
 * One database transaction seen through the repository ports: one repository per aggregate family (repositories/),
 * each reading through the transaction's StatementPipeline and saving through its VersionedRows. Aggregate roots are
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
  /** The events of every aggregate saved in this transaction, in the order saved. */
  readonly events: DomainEvent[];

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
  readonly outbox: OutboxWriter;
  readonly audit: AuditWriter;

  constructor(session: SqlSession) {
    const sql = (this.sql = new StatementPipeline(session));
    const rows = new VersionedRows(sql);
    this.events = rows.events;
    const queues = new SqlReservationQueues(sql, rows);
    this.books = bookRepository(sql, rows);
    this.items = itemRepository(sql, rows);
    this.branches = branchRepository(sql, rows);
    this.members = memberRepository(sql, rows);
    this.loans = loanRepository(sql, rows);
    this.reservations = queues;
    this.ledgers = new SqlFineLedgers(sql, rows);
    this.digitalCopies = digitalCopyRepository(sql, rows, queues);
    this.digitalLoans = digitalLoanRepository(sql, rows);
    this.revokedTokens = revokedTokenRepository(sql);
    this.outbox = outboxWriter(sql);
    this.audit = auditWriter(sql);
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
