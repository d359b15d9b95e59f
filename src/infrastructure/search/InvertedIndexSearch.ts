import { documentKey, type Availability, type SearchDocument, type SearchHit, type SearchIndex, type SearchQuery, type SearchResult } from '../../application/ports/SearchIndex.js';
import { AvailabilityTable } from './AvailabilityTable.js';
import { Bm25Accumulator } from './Bm25Accumulator.js';
import { DocumentFilter } from './DocumentFilter.js';
import { DocumentTable } from './DocumentTable.js';
import { FacetCounter } from './FacetCounter.js';
import { FieldIndexer } from './FieldIndexer.js';
import { isbnVariants, parseIsbn } from './isbn.js';
import { FIELD_SHIFTS, PostingLists, TF_CAPS } from './Postings.js';
import { DEFAULT_LIMIT, validateQuery } from './QueryLimits.js';
import { QueryPlanner } from './QueryPlanner.js';
import { ResultCache, type Footprint } from './ResultCache.js';
import { SearchError } from './SearchError.js';
import { TermDictionary } from './TermDictionary.js';
import { TopK } from './TopK.js';

export interface InvertedIndexOptions {
  /** Expand the last query term as a prefix ("hunger ga" → games). Default true. */
  readonly prefixLastTerm?: boolean;
  /** Match unknown words within 1 edit (≥ 5 letters) or 2 edits (≥ 9 letters) of a catalogue word. Default true. */
  readonly typoTolerance?: boolean;
  /** Entries of the LRU cache of query results: cleared by a document written, thinned by an availability change. 0 disables it. Default 256. */
  readonly cacheSize?: number;
}

/** Runs synchronous work behind the async port: a throw becomes a rejected promise. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error: unknown) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Compaction runs once more than this many doc slots, and a quarter of them, are tombstones. */
const COMPACTION_MIN_TOMBSTONES = 1000;

/**
 * An in-memory inverted index with BM25F ranking, exact top-k, facets and incremental updates.
 * Postings are growable typed arrays per term (doc ids + packed per-field term frequencies);
 * per-document values live in typed arrays indexed by an internal doc id.
 */
export class InvertedIndexSearch implements SearchIndex {
  private readonly cache: ResultCache;
  private readonly postings = new PostingLists();
  private readonly dictionary = new TermDictionary(this.postings);
  private readonly indexer = new FieldIndexer(this.dictionary, this.postings);
  private readonly docs = new DocumentTable();
  private readonly availability = new AvailabilityTable(this.docs);
  private readonly filter = new DocumentFilter(this.docs, this.availability);
  private readonly planner: QueryPlanner;
  private readonly accumulator = new Bm25Accumulator(this.docs, this.postings, this.filter);
  /** Within `upsertManySync`: postings are gathered, so compaction waits for the batch's end. */
  private batching = false;

  constructor(options: InvertedIndexOptions = {}) {
    this.cache = new ResultCache(options.cacheSize ?? 256);
    this.planner = new QueryPlanner(this.dictionary, this.postings, {
      prefixLastTerm: options.prefixLastTerm ?? true,
      typoTolerance: options.typoTolerance ?? true,
    });
  }

  /** Number of live documents. */
  get size(): number {
    return this.docs.aliveCount;
  }

  upsert(doc: SearchDocument): Promise<void> {
    return settle(() => { this.upsertSync(doc); });
  }

  remove(isbn: string): Promise<void> {
    return settle(() => { this.removeSync(isbn); });
  }

  setAvailability(isbn: string, availability: Availability): Promise<void> {
    return settle(() => { this.setAvailabilitySync(isbn, availability); });
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return settle(() => this.searchSync(query));
  }

  upsertMany(docs: readonly SearchDocument[]): Promise<void> {
    return settle(() => { this.upsertManySync(docs); });
  }

  /** Bulk load: the same as upserting each document, then trimming postings to their exact size. */
  addMany(docs: Iterable<SearchDocument>): void {
    this.upsertManySync([...docs]);
    this.trim();
  }

  // ---------------------------------------------------------------- writes

  upsertSync(doc: SearchDocument): void {
    const isbn = InvertedIndexSearch.keyOf(doc);
    this.invalidate();
    this.write(isbn, doc);
  }

  /**
   * Many documents in one write, answered afterwards exactly as if each had been upserted in turn (a later one of the
   * same key replaces an earlier one). Every document is checked before any is written, so a bad one changes nothing;
   * the cache is cleared once, the postings are appended together (each list grown once) and compaction is considered
   * once, at the end.
   */
  upsertManySync(docs: readonly SearchDocument[]): void {
    const checked = docs.map((doc) => [InvertedIndexSearch.keyOf(doc), doc] as const);
    if (checked.length === 0) return;
    this.invalidate();
    this.indexer.gather();
    this.batching = true;
    try {
      for (const [isbn, doc] of checked) this.write(isbn, doc);
    } finally {
      this.indexer.flush();
      this.batching = false;
      this.compactIfDue();
    }
  }

  /** The key a document is indexed under; throws INVALID_DOCUMENT for a document the index cannot hold. */
  private static keyOf(doc: SearchDocument): string {
    const isbn = documentKey(doc);
    if (isbn.length === 0) throw new SearchError('INVALID_DOCUMENT', 'a document needs a record id or an isbn');
    if (doc.year !== undefined && (!Number.isInteger(doc.year) || doc.year < -32767 || doc.year > 32767)) {
      throw new SearchError('INVALID_DOCUMENT', `year of ${isbn} must be an integer`);
    }
    return isbn;
  }

  private write(isbn: string, doc: SearchDocument): void {
    const previous = this.docs.docByIsbn.get(isbn);
    if (previous !== undefined) {
      this.availability.leaving(isbn, previous); // a new version of the record: its copies are what they were
      this.tombstone(previous);
    }

    const d = this.docs.add(isbn, doc);
    const indexer = this.indexer;
    indexer.begin();
    const title = indexer.addField(doc.title, true, FIELD_SHIFTS.title, TF_CAPS.title);
    const authors = indexer.addField(doc.authors, true, FIELD_SHIFTS.authors, TF_CAPS.authors);
    const subjects = indexer.addField(doc.subjects, false, FIELD_SHIFTS.subjects, TF_CAPS.subjects);
    const description = indexer.addField(doc.description ?? '', false, FIELD_SHIFTS.description, TF_CAPS.description);
    this.docs.setLengths(d, title, authors, subjects, description);
    indexer.finish(d);
    this.availability.arrived(isbn, d);
  }

  removeSync(isbn: string): void {
    const key = isbn.trim();
    const d = this.docs.docByIsbn.get(key);
    if (d === undefined) return;
    this.invalidate();
    this.availability.leaving(key, d);
    this.docs.forget(key);
    this.tombstone(d);
  }

  /** Copies lent and returned: only cached answers that may hold this document are dropped, and term counts stand. */
  setAvailabilitySync(isbn: string, availability: Availability): void {
    AvailabilityTable.validate(isbn, availability);
    const key = isbn.trim();
    const d = this.docs.docByIsbn.get(key);
    if (d !== undefined) this.cache.forgetAnswersInvolving(d, (t, doc) => this.postings.holds(t, doc));
    this.availability.set(key, availability);
  }

  /** Shrinks every posting list to its exact length (after a bulk load). */
  trim(): void {
    this.postings.trim();
  }

  /** Drops postings of removed documents. Run automatically once a quarter of the doc slots are tombstones. */
  compact(): void {
    this.postings.compact(this.docs.alive);
    this.docs.compacted();
  }

  private invalidate(): void {
    this.cache.clear();
  }

  private tombstone(d: number): void {
    if (!this.docs.tombstone(d)) return;
    this.postings.died(d);
    if (!this.batching) this.compactIfDue(); // within a batch, postings gathered are not in the lists yet
  }

  private compactIfDue(): void {
    const { tombstones, nextDoc } = this.docs;
    if (tombstones > COMPACTION_MIN_TOMBSTONES && tombstones * 4 > nextDoc) this.compact();
  }

  // ---------------------------------------------------------------- reads

  searchSync(query: SearchQuery): SearchResult {
    validateQuery(query);
    return this.cache.answer(query, () => this.execute(query));
  }

  private execute(query: SearchQuery): { result: SearchResult; footprint: Footprint } {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const top = new TopK(limit + offset);
    const facets = query.facets === true ? new FacetCounter(this.docs) : null;
    const filters = this.filter.prepare(query);
    let total = 0;
    const consider = (d: number, score: number): void => {
      total++;
      top.offer(score, d);
      if (facets !== null) facets.count(d);
    };

    // No filters: a language, subject or branch the index has not seen. Only a branch can appear by an availability change.
    let footprint: Footprint = { everyDocument: query.branch !== undefined, exact: null, termIds: [] };
    if (filters !== null) {
      const text = query.text?.trim() ?? '';
      const exact = this.exactMatches(text);
      if (exact !== null) {
        footprint = { everyDocument: false, exact, termIds: [] };
        for (const d of exact) if (this.filter.passes(d, filters)) consider(d, this.filter.boost(d, filters));
      } else {
        const groups = [...this.planner.textGroups(text), ...(query.author === undefined ? [] : this.planner.authorGroups(query.author))];
        footprint = { everyDocument: groups.length === 0, exact: null, termIds: groups.flatMap((g) => g.alternatives.map((a) => a.termId)) };
        if (groups.length === 0) {
          const { alive, nextDoc } = this.docs;
          for (let d = 0; d < nextDoc; d++) {
            if (alive[d] === 1 && this.filter.passes(d, filters)) consider(d, this.filter.boost(d, filters));
          }
        } else {
          this.accumulator.run(groups, filters, false, consider);
          const textCount = groups.filter((g) => !g.required).length;
          if (total === 0 && textCount > 1) this.accumulator.run(groups, filters, true, consider);
        }
      }
    }

    const hits: SearchHit[] = top.sorted().slice(offset).map(({ id, score }) => this.docs.hit(id, score));
    return { result: facets === null ? { total, hits } : { total, hits, facets: facets.result() }, footprint };
  }

  /** Text that is a valid ISBN (either form), an indexed record id or an identifier's value (ISSN, UPC, LCCN, …) goes to the exact map; null for any other text. */
  private exactMatches(text: string): number[] | null {
    if (text === '') return null;
    const isbn = parseIsbn(text);
    if (isbn === undefined) {
      const d = this.docs.docByIsbn.get(text);
      if (d !== undefined) return [d];
      const carrying = this.docs.withIdentifier(text);
      return carrying.length === 0 ? null : carrying;
    }
    return isbnVariants(isbn).flatMap((v) => {
      const d = this.docs.docByIsbn.get(v);
      return d === undefined ? [] : [d];
    });
  }
}
