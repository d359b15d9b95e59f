import { DIGITAL_FORMATS } from '../../domain/digital/DigitalCopy.js';

/** What a title can be lent as: a print copy, or one of the digital formats. The order facets and hits list them in. */
export const SEARCH_FORMATS = ['PRINT', ...DIGITAL_FORMATS] as const;
export type SearchFormat = (typeof SEARCH_FORMATS)[number];

/** Free licenses are counted up to this many per title; an unlimited-access pool counts as this many. */
export const LICENSE_COUNT_CAP = 65_535;

/**
 * The search port. The Catalog answers `search()` through whichever adapter is bound here:
 * the in-process inverted index (default) or a database full-text adapter.
 * Hits carry the copies on the shelf now. An index that keeps its own counts has `setAvailability`, and is told after
 * every committed change to a copy (added, removed, lent, held or returned); an index in the catalogue's own database
 * leaves it out and counts the copies at query time.
 */
export interface SearchDocument {
  /** The record's key in the index. A document that gives only an ISBN is keyed by it (the record id of a record with an ISBN). */
  readonly recordId?: string;
  /** The ISBN-13, absent for a record without one (a serial, a DVD, older or local material). */
  readonly isbn?: string;
  /** Standard numbers as `SCHEME:value` (ISSN, UPC, EAN, LCCN, …): a query that is exactly one of them finds the record. */
  readonly identifiers?: readonly string[];
  /** What the record describes (BOOK, DVD, SERIAL, …); BOOK when absent. */
  readonly materialType?: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly subjects: readonly string[];
  readonly description?: string;
  readonly language?: string;
  readonly year?: number;
  readonly publisher?: string;
}

/** A document of a record with an ISBN (goodbooks rows, generated corpora): keyed by its ISBN. */
export type IsbnDocument = SearchDocument & { readonly isbn: string };

/** The key a document is indexed under: its record id, else its ISBN (the record id of a record with an ISBN). */
export function documentKey(doc: SearchDocument): string {
  return (doc.recordId ?? doc.isbn ?? '').trim();
}

/** The material type of a document that names none. */
export const DEFAULT_MATERIAL_TYPE = 'BOOK';

/** The value part of each `SCHEME:value` identifier (what a reader types). */
export function identifierValues(doc: SearchDocument): string[] {
  return (doc.identifiers ?? []).map((id) => id.slice(id.indexOf(':') + 1)).filter((v) => v.length > 0);
}

export interface Availability {
  /** Copies that a member could borrow right now (status AVAILABLE, not reference-only). */
  readonly available: number;
  /** The same count per branch id. */
  readonly byBranch: Readonly<Record<string, number>>;
  /** Digital licenses that could be lent right now, over every format (at most LICENSE_COUNT_CAP). Default 0. */
  readonly licenses?: number;
  /** The formats the title can be lent in: PRINT with a lendable copy not lost, each digital format whose pool has not ended. Default none. */
  readonly formats?: readonly SearchFormat[];
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
  /** Only titles that can be lent in this format (PRINT, EPUB, PDF, MOBI, AUDIOBOOK). */
  readonly format?: SearchFormat;
  /** Only records of this material type (BOOK, DVD, SERIAL, …; see `Book.materialType`). */
  readonly materialType?: string;
  readonly facets?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export interface SearchHit {
  readonly recordId: string;
  /** Present when the record has an ISBN. */
  readonly isbn?: string;
  readonly materialType: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year?: number;
  readonly score: number;
  readonly availableCopies: number;
  /** Digital licenses free now (at most LICENSE_COUNT_CAP). "Available" means a copy on the shelf or a free license. */
  readonly availableLicenses: number;
  readonly formats: readonly SearchFormat[];
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export interface SearchFacets {
  readonly subjects: readonly FacetCount[];
  readonly languages: readonly FacetCount[];
  readonly decades: readonly FacetCount[];
  readonly formats: readonly FacetCount[];
  readonly materialTypes: readonly FacetCount[];
}

export interface SearchResult {
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly facets?: SearchFacets;
}

export interface SearchIndex {
  upsert(doc: SearchDocument): Promise<void>;
  /** Many documents in one write, where the index can (a batch of an import); otherwise `upsert` is called for each. */
  upsertMany?(docs: readonly SearchDocument[]): Promise<void>;
  remove(isbn: string): Promise<void>;
  /** Only on an index that keeps its own availability counts (see above). */
  setAvailability?(isbn: string, availability: Availability): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}
