import type { SearchQuery, SearchResult } from '../../application/ports/SearchIndex.js';

/**
 * Which documents a cached answer may depend on: every document (a query without words), the exact matches of an
 * ISBN or id, or the documents holding one of the terms the query was expanded to (its prefix and typo expansions
 * included). A document outside the footprint cannot be among the answer's matches, whatever its availability.
 */
export interface Footprint {
  readonly everyDocument: boolean;
  readonly exact: readonly number[] | null;
  readonly termIds: readonly number[];
}

interface Entry {
  readonly result: SearchResult;
  readonly footprint: Footprint;
}

/**
 * An LRU cache of query results keyed by the query's JSON. A document written or removed clears it (document counts
 * and lengths weigh in every score); a change of a document's availability drops only the answers whose footprint
 * holds that document. Size 0 disables it.
 */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  answer(query: SearchQuery, compute: () => Entry): SearchResult {
    if (this.capacity <= 0) return compute().result;
    const key = JSON.stringify(query);
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.result;
    }
    const entry = compute();
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
    return entry.result;
  }

  clear(): void {
    if (this.entries.size > 0) this.entries.clear();
  }

  /** Drops every answer whose footprint may hold document `d`, asking `holds(termId, d)` for term footprints. */
  forgetAnswersInvolving(d: number, holds: (termId: number, d: number) => boolean): void {
    for (const [key, { footprint }] of this.entries) {
      const involved = footprint.everyDocument || (footprint.exact?.includes(d) ?? false) || footprint.termIds.some((t) => holds(t, d));
      if (involved) this.entries.delete(key);
    }
  }
}
