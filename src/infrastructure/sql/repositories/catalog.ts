import type { BookItemRepository, BookRepository, BranchRepository } from '../../../application/ports/Store.js';
import { Branch } from '../../../domain/catalog/Branch.js';
import { Book } from '../../../domain/catalog/Book.js';
import { BookItem } from '../../../domain/catalog/BookItem.js';
import { bookRow, branchRow, int, itemRow } from '../rows.js';
import type { SqlRow } from '../SqlDriver.js';
import type { StatementPipeline } from '../StatementPipeline.js';
import type { VersionedRows } from '../VersionedRows.js';
import { inCirculationPredicate, mayMeetHoldPredicate, onShelfPredicate } from '../onShelf.js';
import { C } from './bytewise.js';

/** Catalogue records (`books`), keyed by record id (a record with an ISBN: its ISBN-13). */
export function bookRepository(sql: StatementPipeline, rows: VersionedRows): BookRepository {
  const book = (r: SqlRow): Book => Book.fromPrimitives(bookRow.read(r), int(r.version));
  return {
    get: async (recordId) => sql.one('SELECT * FROM books WHERE record_id = $1', [recordId], book),
    getMany: (recordIds) => (recordIds.length === 0 ? Promise.resolve([]) : sql.many('SELECT * FROM books WHERE record_id = ANY($1::text[])', [recordIds], book)),
    pageAfter: (after, limit) =>
      sql.many(`SELECT * FROM books WHERE $1::text IS NULL OR record_id ${C} > $1 ${C} ORDER BY record_id ${C} LIMIT $2`, [after, limit], book),
    findByIdentifier: (identifier) => sql.many(`SELECT * FROM books WHERE identifiers @> ARRAY[$1::text] ORDER BY record_id ${C}`, [identifier], book),
    save: (b) => rows.saveRoot(b, 'books', 'record_id', b.recordId, bookRow.columns(b.toPrimitives()), bookRow.shared),
    delete: (b) => rows.deleteRoot(b, 'books', 'record_id', b.recordId),
    findByTitle: (title) => sql.many(`SELECT * FROM books WHERE lower(title) = lower($1) ORDER BY record_id ${C}`, [title], book),
    findByAuthor: (author) =>
      sql.many(`SELECT * FROM books WHERE EXISTS (SELECT 1 FROM unnest(authors) a WHERE lower(a) = lower($1)) ORDER BY record_id ${C}`, [author], book),
  };
}

/** Shelf copies (`book_items`), keyed by barcode. */
export function itemRepository(sql: StatementPipeline, rows: VersionedRows): BookItemRepository {
  const item = (r: SqlRow): BookItem => BookItem.fromPrimitives(itemRow.read(r), int(r.version));
  return {
    get: (barcode) => sql.one('SELECT * FROM book_items WHERE barcode = $1', [barcode], item),
    getMany: (barcodes) => (barcodes.length === 0 ? Promise.resolve([]) : sql.many('SELECT * FROM book_items WHERE barcode = ANY($1::text[])', [barcodes], item)),
    save: (i) => rows.saveRoot(i, 'book_items', 'barcode', i.barcode, itemRow.columns(i.toPrimitives()), itemRow.shared),
    delete: (i) => rows.deleteRoot(i, 'book_items', 'barcode', i.barcode),
    listByIsbn: (isbn) => sql.many(`SELECT * FROM book_items WHERE isbn = $1 ORDER BY barcode ${C}`, [isbn], item),
    firstOnShelf: (isbn) =>
      sql.one(`SELECT * FROM book_items WHERE isbn = $1 AND ${onShelfPredicate()} ORDER BY barcode ${C} LIMIT 1`, [isbn], item),
    anyToMeetHold: async (isbn) =>
      (await sql.read(`SELECT 1 FROM book_items WHERE isbn = $1 AND ${mayMeetHoldPredicate()} LIMIT 1`, [isbn])).rows.length > 0,
    countInCirculation: async (isbn, exceptBarcode, atMost) =>
      atMost <= 0
        ? 0
        : (await sql.read(`SELECT 1 FROM book_items WHERE isbn = $1 AND barcode <> $2 AND ${inCirculationPredicate()} LIMIT $3`, [isbn, exceptBarcode, atMost])).rows.length,
    listExpiredHolds: (now) =>
      sql.many(`SELECT * FROM book_items WHERE status = 'RESERVED' AND hold_expires_at <= $1 ORDER BY barcode ${C}`, [now.toISOString()], item),
    onHoldShelf: (branch) =>
      sql.many(`SELECT * FROM book_items WHERE status = 'RESERVED' AND coalesce(hold_pickup_branch, branch) = $1 ORDER BY barcode ${C}`, [branch], item),
    inTransitTo: (branch) => sql.many(`SELECT * FROM book_items WHERE status = 'IN_TRANSIT' AND transit_to = $1 ORDER BY barcode ${C}`, [branch], item),
  };
}

/** Branches (`branches`), keyed by id. */
export function branchRepository(sql: StatementPipeline, rows: VersionedRows): BranchRepository {
  const branch = (r: SqlRow): Branch => Branch.fromPrimitives(branchRow.read(r), int(r.version));
  return {
    get: (id) => sql.one('SELECT * FROM branches WHERE id = $1', [id], branch),
    save: (b) => rows.saveRoot(b, 'branches', 'id', b.id, branchRow.columns(b.toPrimitives())),
    list: () => sql.many(`SELECT * FROM branches ORDER BY id ${C}`, [], branch),
  };
}
