import {
  DEFAULT_MATERIAL_TYPE,
  documentKey,
  LICENSE_COUNT_CAP,
  SEARCH_FORMATS,
  type FacetCount,
  type SearchDocument,
  type SearchFormat,
  type SearchHit,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
} from '../../application/ports/SearchIndex.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { lendableLicenses, poolEnded } from './lendableLicenses.js';
import { autocommit } from './SqlAutocommit.js';
import { mayMeetHoldPredicate, onShelfPredicate } from './onShelf.js';
import { int, text } from './rows.js';
import type { SqlRow, SqlSession } from './SqlDriver.js';
import type { SqlStore } from './SqlStore.js';

const DEFAULT_LIMIT = 20;

/** Documents written per statement when levelling with the records. */
const LEVEL_BATCH = 5000;

/** A document written again replaces every field. */
const REWRITE_ON_CONFLICT = `ON CONFLICT (record_id) DO UPDATE SET isbn = EXCLUDED.isbn, identifiers = EXCLUDED.identifiers,
  material_type = EXCLUDED.material_type, title = EXCLUDED.title, authors = EXCLUDED.authors, subjects = EXCLUDED.subjects,
  description = EXCLUDED.description, language = EXCLUDED.language, year = EXCLUDED.year,
  publisher = EXCLUDED.publisher, document = EXCLUDED.document`;

/** A record's weighted text: A the title, B the authors, C the description and subjects (SQL over the given expressions). */
function documentVector(title: string, authors: string, subjects: string, description: string): string {
  return `setweight(to_tsvector('english', ${title}), 'A')
    || setweight(to_tsvector('english', array_to_string(${authors}, ' ')), 'B')
    || setweight(to_tsvector('english', coalesce(${description}, '') || ' ' || array_to_string(${subjects}, ' ')), 'C')`;
}

/** The columns a document is written with, in this order (after which comes its vector). */
const COLUMNS = 'record_id, isbn, identifiers, material_type, title, authors, subjects, description, language, year, publisher';

/** Text that is exactly a record's id or the value of one of its identifiers (an ISSN, a UPC, an LCCN, …). */
const NAMES_THE_RECORD = `($1::text IS NOT NULL AND (d.record_id = $1::text
  OR EXISTS (SELECT 1 FROM unnest(d.identifiers) x WHERE upper(substr(x, strpos(x, ':') + 1)) = upper($1::text))))`;

/**
 * Every query filters the same way; the parameters are `$1…$11` in this order ($9: the clock's now, $10: a format,
 * $11: a material type).
 * A title's formats: PRINT with a lendable copy not lost, and each digital format whose pool has not ended.
 */
const MATCHES = `
  WITH q AS (SELECT CASE WHEN $1::text IS NULL THEN NULL ELSE websearch_to_tsquery('english', $1::text) END AS query),
  matches AS (
    SELECT d.*, shelf.copies, pool.licenses,
      (CASE WHEN print.lendable THEN ARRAY['PRINT'] ELSE '{}'::text[] END) || coalesce(pool.formats, '{}'::text[]) AS formats,
      CASE WHEN q.query IS NULL THEN 0 ELSE ts_rank(d.document, q.query) END AS score
    FROM search_documents d CROSS JOIN q
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS copies FROM book_items i
      WHERE i.isbn = d.record_id AND ${onShelfPredicate('i')} AND ($7::text IS NULL OR i.branch = $7::text)
    ) shelf
    CROSS JOIN LATERAL (
      SELECT EXISTS (SELECT 1 FROM book_items i WHERE i.isbn = d.record_id AND ${mayMeetHoldPredicate('i')}) AS lendable
    ) print
    CROSS JOIN LATERAL (
      SELECT LEAST(${LICENSE_COUNT_CAP}, coalesce(sum(${lendableLicenses('c', '$9')}), 0))::int AS licenses,
        array_agg(DISTINCT c.format) FILTER (WHERE NOT ${poolEnded('c', '$9')}) AS formats
      FROM digital_copies c WHERE c.isbn = d.record_id
    ) pool
    WHERE (q.query IS NULL OR d.document @@ q.query OR ${NAMES_THE_RECORD})
      AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(d.authors) x WHERE lower(x) LIKE '%' || lower($2::text) || '%'))
      AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(d.subjects) x WHERE lower(x) = lower($3::text)))
      AND ($4::text IS NULL OR lower(d.language) = lower($4::text))
      AND ($5::int IS NULL OR d.year >= $5::int)
      AND ($6::int IS NULL OR d.year <= $6::int)
      AND ($11::text IS NULL OR d.material_type = upper($11::text))
  ),
  hits AS (SELECT * FROM matches WHERE (NOT $8::boolean OR copies > 0 OR licenses > 0) AND ($10::text IS NULL OR $10::text = ANY (formats)))`;

/** Formats in the port's order, whatever order the database aggregated them in. */
const inOrder = (formats: readonly string[]): SearchFormat[] => SEARCH_FORMATS.filter((f) => formats.includes(f));

/**
 * Catalog search on PostgreSQL full text, for deployments that keep the catalog in the database:
 * title (weight A), authors (B), description and subjects (C) in one tsvector with a GIN index;
 * `websearch_to_tsquery` reads the user's text; `ts_rank` orders the hits.
 *
 * Availability is read from `book_items` and `digital_copies` themselves, per matching title (copies through the on-shelf
 * partial index, free licenses by the license rules in lendableLicenses.ts at the library clock's now): the
 * database already holds the copies, so a checkout or return costs the search nothing and a hit's count is never
 * behind the shelf. (It has no `setAvailability`: there is no second copy of the counts to keep in step.)
 */
export class PostgresSearchIndex implements SearchIndex {
  constructor(
    private readonly store: SqlStore,
    private readonly clock: Clock,
  ) {}

  async upsert(doc: SearchDocument): Promise<void> {
    await this.upsertMany([doc]);
  }

  /** Every document of a batch in one statement (rows read from one JSON array). */
  async upsertMany(docs: readonly SearchDocument[]): Promise<void> {
    const rows = docs.map((d) => ({ record_id: documentKey(d), isbn: d.isbn ?? null, identifiers: d.identifiers ?? [], material_type: d.materialType ?? DEFAULT_MATERIAL_TYPE, title: d.title, authors: d.authors, subjects: d.subjects, description: d.description ?? null, language: d.language ?? null, year: d.year ?? null, publisher: d.publisher ?? null }));
    await this.run((sql) =>
      sql.query(
        `INSERT INTO search_documents (${COLUMNS}, document)
         SELECT d.record_id, d.isbn, d.identifiers, d.material_type, d.title, d.authors, d.subjects, d.description, d.language, d.year, d.publisher,
           ${documentVector('d.title', 'd.authors', 'd.subjects', 'd.description')}
         FROM jsonb_to_recordset($1::jsonb) AS d(record_id text, isbn text, identifiers text[], material_type text, title text, authors text[], subjects text[], description text, language text, year integer, publisher text)
         ${REWRITE_ON_CONFLICT}`,
        [JSON.stringify(rows)],
      ),
    );
  }

  /**
   * Brings `search_documents` level with `books`: writes the documents of records catalogued or revised while another
   * engine answered searches, and drops those of records removed since. Returns
   * how many documents it wrote or dropped.
   */
  static async levelWithBooks(sql: SqlSession): Promise<number> {
    const dropped = await sql.query('DELETE FROM search_documents d WHERE NOT EXISTS (SELECT 1 FROM books b WHERE b.record_id = d.record_id)');
    const same = ['isbn', 'identifiers', 'material_type', 'title', 'authors', 'subjects', 'description', 'language', 'year', 'publisher'].map((c) => `d.${c} IS NOT DISTINCT FROM b.${c}`).join(' AND ');
    // Which, first, then written in batches: a statement that wrote what its own anti-join reads would scan its writes again for every row.
    const stale = await sql.query(`SELECT b.record_id FROM books b WHERE NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.record_id = b.record_id AND ${same})`);
    const recordIds = stale.rows.map((r) => text(r.record_id));
    for (let from = 0; from < recordIds.length; from += LEVEL_BATCH) {
      await sql.query(
        `INSERT INTO search_documents (${COLUMNS}, document)
         SELECT b.record_id, b.isbn, b.identifiers, b.material_type, b.title, b.authors, b.subjects, b.description, b.language, b.year, b.publisher,
           ${documentVector('b.title', 'b.authors', 'b.subjects', 'b.description')}
         FROM books b WHERE b.record_id = ANY($1::text[])
         ${REWRITE_ON_CONFLICT}`,
        [recordIds.slice(from, from + LEVEL_BATCH)],
      );
    }
    return dropped.rowCount + recordIds.length;
  }

  async remove(recordId: string): Promise<void> {
    await this.run((sql) => sql.query('DELETE FROM search_documents WHERE record_id = $1', [recordId]));
  }

  search(query: SearchQuery): Promise<SearchResult> {
    const blank = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s.trim());
    const filter = [
      blank(query.text),
      blank(query.author),
      blank(query.subject),
      blank(query.language),
      query.yearFrom ?? null,
      query.yearTo ?? null,
      blank(query.branch),
      query.availableOnly ?? false,
      this.clock.now().toISOString(),
      query.format ?? null,
      blank(query.materialType),
    ];
    return this.run(async (sql) => {
      const total = int((await sql.query(`${MATCHES} SELECT count(*)::int AS n FROM hits`, filter)).rows[0]?.n ?? 0);
      const { rows } = await sql.query(`${MATCHES} SELECT * FROM hits ORDER BY score DESC, title, record_id LIMIT $12 OFFSET $13`, [
        ...filter,
        query.limit ?? DEFAULT_LIMIT,
        query.offset ?? 0,
      ]);
      const hits = rows.map(
        (r): SearchHit => ({
          recordId: text(r.record_id),
          ...(r.isbn === null ? {} : { isbn: text(r.isbn) }),
          materialType: text(r.material_type),
          title: text(r.title),
          authors: [...(r.authors as string[])],
          ...(r.year === null ? {} : { year: int(r.year) }),
          score: Number(r.score),
          availableCopies: int(r.copies),
          availableLicenses: int(r.licenses),
          formats: inOrder(r.formats as string[]),
        }),
      );
      if (query.facets !== true) return { total, hits };
      const facet = async (select: string): Promise<FacetCount[]> =>
        (await sql.query(`${MATCHES} SELECT value, count(*)::int AS count FROM (${select}) f WHERE value IS NOT NULL GROUP BY value ORDER BY count DESC, value`, filter)).rows.map(
          (r: SqlRow) => ({ value: text(r.value), count: int(r.count) }),
        );
      return {
        total,
        hits,
        facets: {
          subjects: await facet('SELECT unnest(subjects) AS value FROM hits'),
          languages: await facet('SELECT language AS value FROM hits'),
          decades: await facet(`SELECT ((year / 10) * 10)::text || 's' AS value FROM hits`),
          formats: await facet('SELECT unnest(formats) AS value FROM hits'),
          materialTypes: await facet('SELECT material_type AS value FROM hits'),
        },
      };
    });
  }

  /** One connection outside a transaction; a driver error becomes the store's (a refused value: INVALID_INPUT, never a 500). */
  private run<T>(work: (sql: SqlSession) => Promise<T>): Promise<T> {
    return autocommit(this.store, work);
  }
}
