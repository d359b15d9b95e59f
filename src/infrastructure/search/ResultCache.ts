import type { SearchQuery, SearchResult } from '../../application/ports/SearchIndex.js';

/** An LRU cache of query results keyed by the query's JSON; every write clears it. Size 0 disables it. */
export class ResultCache {
  private readonly entries = new Map<string, SearchResult>();

  constructor(private readonly capacity: number) {}

  answer(query: SearchQuery, compute: () => SearchResult): SearchResult {
    if (this.capacity <= 0) return compute();
    const key = JSON.stringify(query);
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const result = compute();
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, result);
    return result;
  }

  clear(): void {
    if (this.entries.size > 0) this.entries.clear();
  }
}
