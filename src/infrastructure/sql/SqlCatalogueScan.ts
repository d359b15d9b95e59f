import type { CatalogueChanges, CopyState } from '../../application/ports/CatalogueFeed.js';
import type { BookItemStatus } from '../../domain/catalog/BookItem.js';
import { DigitalCopy } from '../../domain/digital/DigitalCopy.js';
import { bookRow, digitalCopyRow, int, text, textOrNull } from './rows.js';
import type { SqlRow, SqlSession } from './SqlDriver.js';

/** One row of the change log: what changed (a record, a copy, a title's pools), not how. `key`: the record id, the barcode, or the title's key. */
export interface ChangeRow {
  readonly seq: number;
  readonly kind: 'book' | 'copy' | 'pools';
  readonly key: string;
}

const COPY_COLUMNS = 'barcode, isbn, branch, status, reference_only';
/** What the index and `bookRow.read` take of a record: every column but its version. */
const BOOK_COLUMNS = 'record_id, isbn, identifiers, material_type, title, authors, subjects, publisher, year, language, description';

const copyState = (r: SqlRow): CopyState => ({
  isbn: text(r.isbn),
  branch: text(r.branch),
  status: r.status as BookItemStatus,
  referenceOnly: r.reference_only === true,
});

const pool = (r: SqlRow): DigitalCopy => DigitalCopy.fromPrimitives(digitalCopyRow.read(r), int(r.version));

function byIsbn(pools: readonly DigitalCopy[]): Map<string, DigitalCopy[]> {
  const grouped = new Map<string, DigitalCopy[]>();
  for (const p of pools) grouped.set(p.isbn, [...(grouped.get(p.isbn) ?? []), p]);
  return grouped;
}

const NOTHING: CatalogueChanges = { books: [], copies: [], pools: [] };

/** One batch of the start-up scan, as parsed from its JSON: the rows carry the same names and values as the tables'. */
interface TitleBatch {
  /** The batch's last record id; null when no title is left. */
  readonly last: string | null;
  readonly books: SqlRow[];
  readonly copies: SqlRow[];
}

/**
 * The titles after $1 in the primary key's order (the database collation), at most $2, with the copies naming one of
 * them (a foreign key, compared in the same collation), built by the server as JSON texts.
 */
const TITLE_BATCH = `WITH b AS (SELECT ${BOOK_COLUMNS} FROM books WHERE record_id > $1 ORDER BY record_id LIMIT $2),
  l AS (SELECT max(record_id) AS last FROM b)
SELECT l.last,
  (SELECT coalesce(json_agg(b ORDER BY record_id), '[]') FROM b)::text AS books,
  (SELECT coalesce(json_agg(c), '[]') FROM (SELECT ${COPY_COLUMNS} FROM book_items WHERE isbn > $1 AND isbn <= l.last) AS c)::text AS copies
FROM l`;

/**
 * The catalogue read for a search index in another process's memory: all of it in keyset batches (memory stays
 * flat whatever its size), or the current rows of what a stretch of the change log names.
 */
export const SqlCatalogueScan = {
  /**
   * Streams every title with its copies, then every title's pools, `batch` titles at a time, to `apply`. A batch is a
   * range of record ids, (after, last]; its copies are the ones naming a title in that range, so each title's
   * availability is told once, with all its copies counted. Each batch is one round trip answering one JSON text
   * (`JSON.parse` once, not the driver's per-row, per-field parsing), and the next batch is asked for before the
   * current one is applied, so the server builds it while this process indexes.
   */
  async all(sql: SqlSession, batch: number, apply: (changes: CatalogueChanges) => Promise<void>): Promise<void> {
    const read = async (after: string): Promise<TitleBatch> => {
      const { rows } = await sql.query(TITLE_BATCH, [after, batch]);
      const r = rows[0];
      return { last: textOrNull(r?.last), books: JSON.parse(text(r?.books)) as SqlRow[], copies: JSON.parse(text(r?.copies)) as SqlRow[] };
    };
    let next = read('');
    for (;;) {
      const current = await next;
      if (current.last === null) break;
      next = read(current.last); // one round trip ahead; the session runs one query at a time all the same
      void next.catch(() => undefined); // a failure is thrown where it is awaited, not reported as unhandled meanwhile
      try {
        await apply({
          ...NOTHING,
          books: current.books.map((r) => ({ recordId: text(r.record_id), book: bookRow.read(r) })),
          copies: current.copies.map((r) => ({ barcode: text(r.barcode), copy: copyState(r) })),
        });
      } catch (error: unknown) {
        await next.then(() => undefined, () => undefined); // the session is handed back only once its query has answered
        throw error;
      }
    }
    for (let after = ''; ; ) {
      const { rows } = await sql.query(
        'SELECT * FROM digital_copies WHERE isbn IN (SELECT DISTINCT isbn FROM digital_copies WHERE isbn > $1 ORDER BY isbn LIMIT $2) ORDER BY isbn, copy_id',
        [after, Math.max(1, Math.floor(batch / 10))],
      );
      if (rows.length === 0) break;
      const pools = byIsbn(rows.map(pool));
      await apply({ ...NOTHING, pools: [...pools].map(([isbn, list]) => ({ isbn, pools: list })) });
      after = text(rows.at(-1)?.isbn);
    }
  },

  /** Up to `limit` rows of the log after `after`, and the awaited `gaps` that have appeared, in order. */
  async changes(sql: SqlSession, after: number, gaps: readonly number[], limit: number): Promise<ChangeRow[]> {
    const { rows } = await sql.query(
      `SELECT seq, kind, key FROM search_changes WHERE seq = ANY($2::bigint[])
       UNION ALL (SELECT seq, kind, key FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $3)
       ORDER BY seq`,
      [after, gaps, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind as ChangeRow['kind'], key: text(r.key) }));
  },

  /** The highest number in the log (0 when empty). */
  async last(sql: SqlSession): Promise<number> {
    const { rows } = await sql.query('SELECT coalesce(max(seq), 0) AS seq FROM search_changes');
    return Number(rows[0]?.seq ?? 0);
  },

  /** The titles, copies and pools the rows name, as they are now (null: gone). */
  async current(sql: SqlSession, changes: readonly ChangeRow[]): Promise<CatalogueChanges> {
    const named = (kind: ChangeRow['kind']): string[] => [...new Set(changes.filter((c) => c.kind === kind).map((c) => c.key))];
    const [recordIds, barcodes, poolIsbns] = [named('book'), named('copy'), named('pools')];
    const books = recordIds.length === 0 ? [] : (await sql.query(`SELECT ${BOOK_COLUMNS} FROM books WHERE record_id = ANY($1::text[])`, [recordIds])).rows;
    const copies = barcodes.length === 0 ? [] : (await sql.query(`SELECT ${COPY_COLUMNS} FROM book_items WHERE barcode = ANY($1::text[])`, [barcodes])).rows;
    const pools = poolIsbns.length === 0 ? [] : (await sql.query('SELECT * FROM digital_copies WHERE isbn = ANY($1::text[]) ORDER BY isbn, copy_id', [poolIsbns])).rows;
    const bookOf = new Map(books.map((r) => [text(r.record_id), bookRow.read(r)]));
    const copyOf = new Map(copies.map((r) => [text(r.barcode), copyState(r)]));
    const poolsOf = byIsbn(pools.map(pool));
    return {
      books: recordIds.map((recordId) => ({ recordId, book: bookOf.get(recordId) ?? null })),
      copies: barcodes.map((barcode) => ({ barcode, copy: copyOf.get(barcode) ?? null })),
      pools: poolIsbns.map((isbn) => ({ isbn, pools: poolsOf.get(isbn) ?? [] })),
    };
  },

  /** Deletes the rows older than `seconds`; returns how many. */
  async prune(sql: SqlSession, seconds: number): Promise<number> {
    return (await sql.query("DELETE FROM search_changes WHERE changed_at < now() - make_interval(secs => $1)", [seconds])).rowCount;
  },
};
