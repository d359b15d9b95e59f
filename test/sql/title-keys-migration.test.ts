import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Book } from '../../src/domain/catalog/Book.js';
import { BookItem } from '../../src/domain/catalog/BookItem.js';
import { DigitalCopy } from '../../src/domain/digital/DigitalCopy.js';
import { DigitalLoan } from '../../src/domain/digital/DigitalLoan.js';
import { Loan } from '../../src/domain/lending/Loan.js';
import { ReservationQueue } from '../../src/domain/reservations/ReservationQueue.js';
import type { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MemberFixtures } from '../fixtures/members.js';
import { exec, migratedOver, onEveryEngine, type OpenedStore, postgresServer } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const AT = '2026-09-07T09:00:00.000Z';
const NOW = new Date(AT);
const LATER = new Date('2026-09-21T09:00:00.000Z');
const CORMEN = BookFixtures.cormen.isbn;
/** A film without an ISBN, keyed by its OCLC control number: longer than the 13 characters an ISBN-13 takes. */
const DVD = 'OCoLC-ocm12345678';
const { priya, raj } = MemberFixtures;
/** The title-key columns 027 widens (the audit log's is text already; books and search_documents hold real ISBNs). */
const WIDENED = ['book_items', 'loans', 'reservation_queues', 'reservations', 'digital_copies', 'digital_loans'];

/** Cormen as a database before 027 holds it: a copy on loan to Priya, Raj waiting for it, an EPUB Priya borrowed. */
const ROWS_BEFORE = `INSERT INTO books (record_id, isbn, identifiers, version, title, authors) VALUES ('${CORMEN}', '${CORMEN}', '{ISBN:${CORMEN}}', 1, 'Introduction to Algorithms', '{Cormen}');
  INSERT INTO members (id, version, name, type, plan, status) VALUES ('${priya.id}', 1, 'Priya', 'STUDENT', 'BASIC', 'ACTIVE'), ('${raj.id}', 1, 'Raj', 'STUDENT', 'BASIC', 'ACTIVE');
  INSERT INTO branches (id, version, name, hold_shelf) VALUES ('main', 1, 'Main Library', 'Hold shelf');
  INSERT INTO book_items (barcode, version, isbn, branch, rack, reference_only, status, loan_id, loan_member_id) VALUES ('cormen-1', 1, '${CORMEN}', 'main', '4-B', false, 'LOANED', 'L1', '${priya.id}');
  INSERT INTO loans (id, version, barcode, isbn, member_id, status, checked_out_at, due_at, renewals) VALUES ('L1', 1, 'cormen-1', '${CORMEN}', '${priya.id}', 'OPEN', '${AT}', '2026-09-21T09:00:00Z', 0);
  INSERT INTO reservation_queues (isbn, version, next_sequence) VALUES ('${CORMEN}', 1, 2);
  INSERT INTO reservations (id, isbn, member_id, sequence, status, placed_at) VALUES ('R1', '${CORMEN}', '${raj.id}', 1, 'WAITING', '${AT}');
  INSERT INTO digital_copies (copy_id, version, isbn, format, file_key, drm, total_licenses, terms, leases) VALUES
    ('cormen-epub', 1, '${CORMEN}', 'EPUB', 'books/cormen.epub', 'NONE', 2, '{"unlimitedAccess": false, "checkoutsLeft": null, "expiresAt": null}', '[{"loanId": "E1", "memberId": "${priya.id}", "dueAt": "2026-09-21T09:00:00.000Z"}]');
  INSERT INTO digital_loans (id, version, copy_id, isbn, member_id, format, status, borrowed_at, due_at, renewals, token_id, counts_toward_limit) VALUES
    ('E1', 1, 'cormen-epub', '${CORMEN}', '${priya.id}', 'EPUB', 'ACTIVE', '${AT}', '2026-09-21T09:00:00Z', 0, NULL, true);`;

/** What 027 must do to a database that held rows before it: on every engine the store runs on. */
function titleKeysMigrationSpec(engine: string, open: () => Promise<OpenedStore>): void {
  describe(`migration 027_title_keys_for_records_without_isbn on ${engine}`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    let store: SqlStore;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
      await migratedOver(store, (m) => m.version < '027', ROWS_BEFORE);
    });
    afterAll(async () => {
      await opened.close();
    });

    describe('when copies, loans, holds and e-loans were keyed by ISBN before it', () => {
      it('should widen each title-key column to a record id and leave the real ISBN columns at 13', async () => {
        const columns = await exec(
          store,
          `SELECT table_name AS table, character_maximum_length AS length FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'isbn' ORDER BY table_name`,
        );
        expect(columns).toEqual(
          [...WIDENED.map((table) => ({ table, length: 64 })), { table: 'audit', length: null }, { table: 'books', length: 13 }, { table: 'search_documents', length: 13 }].sort((a, b) =>
            a.table.localeCompare(b.table),
          ),
        );
      });

      it('should read every old row back under its ISBN as before', async () => {
        const { value } = await store.transaction(async (tx) => ({
          copies: (await tx.items.listByIsbn(CORMEN)).map((c) => [c.barcode, c.status, c.borrowerId]),
          loans: (await tx.loans.openForTitle(CORMEN)).map((l) => [l.id, l.memberId]),
          queue: (await tx.reservations.forTitle(CORMEN)).active().map((r) => [r.id, r.memberId, r.status]),
          pools: (await tx.digitalCopies.listByIsbn(CORMEN)).map((c) => [c.copyId, c.isbn]),
          eLoan: (await tx.digitalLoans.get('E1'))?.isbn,
        }));
        expect(value).toEqual({
          copies: [['cormen-1', 'LOANED', priya.id]],
          loans: [['L1', priya.id]],
          queue: [['R1', raj.id, 'WAITING']],
          pools: [['cormen-epub', CORMEN]],
          eLoan: CORMEN,
        });
      });

      it('should take a copy, a loan, a hold and an e-loan of a record without an ISBN beside them', async () => {
        await store.transaction(async (tx) => {
          await tx.books.save(Book.catalogue({ recordId: DVD, materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] }, NOW));
          const copy = BookItem.shelve({ barcode: 'dvd-1', isbn: DVD, branch: 'main', rack: 'AV-1' }, NOW);
          const loan = Loan.open({ id: 'L2', barcode: 'dvd-1', isbn: DVD, memberId: raj.id, dueAt: LATER }, NOW);
          copy.checkOut(raj.id, loan.id);
          await tx.items.save(copy);
          await tx.loans.save(loan);
          const queue = ReservationQueue.empty(DVD);
          queue.place('R2', priya.id, NOW);
          await tx.reservations.save(queue);
          const pool = DigitalCopy.acquire({ copyId: 'dvd-stream', isbn: DVD, format: 'EPUB', fileKey: 'films/casablanca.epub', drm: 'NONE', licenses: 1 }, NOW);
          await tx.digitalCopies.save(pool);
          await tx.digitalLoans.save(
            DigitalLoan.begin({ id: 'E2', copyId: pool.copyId, isbn: DVD, memberId: priya.id, format: 'EPUB', dueAt: LATER, tokenId: null, countsTowardLimit: true }, NOW),
          );
        });
        const { value } = await store.transaction(async (tx) => ({
          copies: (await tx.items.listByIsbn(DVD)).map((c) => [c.barcode, c.status]),
          loans: (await tx.loans.openForTitle(DVD)).map((l) => [l.id, l.isbn]),
          queue: (await tx.reservations.forTitle(DVD)).active().map((r) => [r.id, r.isbn]),
          pools: (await tx.digitalCopies.listByIsbn(DVD)).map((c) => c.copyId),
          eLoan: (await tx.digitalLoans.get('E2'))?.isbn,
        }));
        expect(value).toEqual({ copies: [['dvd-1', 'LOANED']], loans: [['L2', DVD]], queue: [['R2', DVD]], pools: ['dvd-stream'], eLoan: DVD });
      });

      it('should still refuse a copy of a title that is not catalogued', async () => {
        await expect(
          store.transaction((tx) => tx.items.save(BookItem.shelve({ barcode: 'ghost-1', isbn: 'OCoLC-ocm99999999', branch: 'main', rack: 'AV-1' }, NOW))),
        ).rejects.toThrow();
      });
    });
  });
}

onEveryEngine(server, 'title_keys', titleKeysMigrationSpec);
