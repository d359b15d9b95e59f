/**
 * The search port. The Catalog answers `search()` through whichever adapter is bound here:
 * the in-process inverted index (default) or a database full-text adapter.
 * Adapters must keep availability current: the catalog calls `setAvailability` whenever a
 * copy of a title is added, removed, lent, held or returned.
 */
export interface SearchDocument {
  readonly isbn: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly subjects: readonly string[];
  readonly description?: string;
  readonly language?: string;
  readonly year?: number;
  readonly publisher?: string;
}

export interface Availability {
  /** Copies that a member could borrow right now (status AVAILABLE, not reference-only). */
  readonly available: number;
  /** The same count per branch id. */
  readonly byBranch: Readonly<Record<string, number>>;
}

export interface SearchQuery {
  readonly text?: string;
  readonly author?: string;
  readonly subject?: string;
  readonly language?: string;
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly availableOnly?: boolean;
  readonly branch?: string;
  readonly facets?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export interface SearchHit {
  readonly isbn: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year?: number;
  readonly score: number;
  readonly availableCopies: number;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export interface SearchFacets {
  readonly subjects: readonly FacetCount[];
  readonly languages: readonly FacetCount[];
  readonly decades: readonly FacetCount[];
}

export interface SearchResult {
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly facets?: SearchFacets;
}

export interface SearchIndex {
  upsert(doc: SearchDocument): Promise<void>;
  remove(isbn: string): Promise<void>;
  setAvailability(isbn: string, availability: Availability): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}
