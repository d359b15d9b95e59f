/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction, and `?? 0` would cost a branch per posting. */
import type {
  Availability,
  FacetCount,
  SearchDocument,
  SearchFacets,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from '../../application/ports/SearchIndex.js';
import { analyze, analyzeQuery, fold, isStopWord, stem, tokenize } from './analysis.js';
import { isbnVariants, parseIsbn } from './isbn.js';
import { SearchError } from './SearchError.js';
import { TopK } from './TopK.js';
import { DeletionIndex, MIN_TYPO_LENGTH } from './typo.js';

/** BM25F field weights. */
export const FIELD_BOOSTS = { title: 3, authors: 2, subjects: 1.5, description: 1 } as const;
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Multiplier for titles with a borrowable copy (or at the requested branch). */
export const AVAILABILITY_BOOST = 1.1;
/** Weight of prefix expansions of the last term; lower when the term is itself a complete indexed word. */
export const PREFIX_WEIGHT = 0.9;
export const PREFIX_WEIGHT_AFTER_EXACT = 0.3;
export const TYPO_WEIGHTS: readonly number[] = [1, 0.8, 0.6];

/** A posting's term frequencies packed in one Uint16: title 4 bits, authors 3, subjects 3, description 6. */
const TITLE_MASK = 0x000f;
const AUTHORS_MASK = 0x0070;
const SUBJECTS_MASK = 0x0380;
const DESCRIPTION_MASK = 0xfc00;
const ALL_FIELDS = 0xffff;
/** Largest term frequency representable per field; BM25 saturates long before. */
export const TF_CAPS = { title: 15, authors: 7, subjects: 7, description: 63 } as const;

const NO_YEAR = -32768;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
const MAX_OFFSET = 100_000;
/** Text and author terms together stay below 32 so that a group fits one bit of a Uint32 mask. */
const MAX_QUERY_TERMS = 16;
const MAX_AUTHOR_TERMS = 8;
const MAX_PREFIX_EXPANSIONS = 64;
const MAX_TYPO_EXPANSIONS = 8;

export interface InvertedIndexOptions {
  /** Expand the last query term as a prefix ("hunger ga" → games). Default true. */
  readonly prefixLastTerm?: boolean;
  /** Match absent terms within 1 edit (≥ 5 letters) or 2 edits (≥ 9 letters). Default true. */
  readonly typoTolerance?: boolean;
  /** Entries of the LRU cache of query results, cleared by every write. 0 disables it. Default 256. */
  readonly cacheSize?: number;
}

/** An alternative term of a query group with its weight and the fields it may match. */
interface Alternative {
  readonly termId: number;
  readonly weight: number;
}

interface Group {
  readonly alternatives: readonly Alternative[];
  readonly fieldMask: number;
  readonly required: boolean;
  readonly cost: number;
}

interface Filters {
  readonly yearFrom: number;
  readonly yearTo: number;
  readonly hasYearFilter: boolean;
  readonly languageId: number;
  readonly subjectId: number;
  readonly availableOnly: boolean;
  readonly branch: Uint16Array | null;
  /** Folded author tokens joined and padded with spaces (" stephen king "), or null. */
  readonly authorPhrase: string | null;
}

function growU32(a: Uint32Array<ArrayBuffer>, min: number): Uint32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}
function growU16(a: Uint16Array<ArrayBuffer>, min: number): Uint16Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint16Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}
function growI16(a: Int16Array<ArrayBuffer>, min: number, fill: number): Int16Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int16Array(Math.max(min, a.length * 2, 16));
  b.fill(fill, a.length);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array<ArrayBuffer>, min: number): Uint8Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Uint8Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}
function growF64(a: Float64Array<ArrayBuffer>, min: number): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

/** Runs synchronous work behind the async port: a throw becomes a rejected promise. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error: unknown) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Interns strings to dense ids (0 is reserved for "none"). */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [''];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }
  get size(): number {
    return this.values.length;
  }
}

function facetList(counts: Uint32Array, label: (i: number) => string): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) out.push({ value: label(i), count: c });
  }
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out;
}

function validateQuery(q: SearchQuery): void {
  const fail = (message: string): never => {
    throw new SearchError('INVALID_QUERY', message);
  };
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 0 || q.limit > MAX_LIMIT)) {
    fail(`limit must be an integer between 0 and ${MAX_LIMIT}`);
  }
  if (q.offset !== undefined && (!Number.isInteger(q.offset) || q.offset < 0 || q.offset > MAX_OFFSET)) {
    fail(`offset must be an integer between 0 and ${MAX_OFFSET}`);
  }
  for (const [name, year] of [['yearFrom', q.yearFrom], ['yearTo', q.yearTo]] as const) {
    if (year !== undefined && (!Number.isInteger(year) || year < -9999 || year > 9999)) fail(`${name} must be an integer year`);
  }
  if (q.yearFrom !== undefined && q.yearTo !== undefined && q.yearFrom > q.yearTo) fail('yearFrom must not be after yearTo');
  if (q.text !== undefined && q.text.length > 1000) fail('text must be at most 1000 characters');
}

/**
 * An in-memory inverted index with BM25F ranking, exact top-k, facets and incremental updates.
 * Postings are growable typed arrays per term (doc ids + packed per-field term frequencies);
 * per-document values live in typed arrays indexed by an internal doc id.
 */
export class InvertedIndexSearch implements SearchIndex {
  private readonly prefixLastTerm: boolean;
  private readonly typoTolerance: boolean;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, SearchResult>();

  // Term dictionary and postings.
  private readonly termIds = new Map<string, number>();
  private readonly surfaceCodes = new Map<string, number>();
  private readonly terms: string[] = [];
  private postDocs: Uint32Array[] = [];
  private postTfs: Uint16Array[] = [];
  private postLen = new Uint32Array(0);
  private dfCache = new Uint32Array(0);
  private dfCacheEpoch = new Uint32Array(0);
  private sortedTerms: number[] = [];
  private sortedDirty = false;
  private readonly deletions = new DeletionIndex();

  // Per-document values.
  private nextDoc = 0;
  private aliveCount = 0;
  private tombstones = 0;
  private writeEpoch = 1;
  private alive = new Uint8Array(0);
  private years = new Int16Array(0);
  private langs = new Uint16Array(0);
  private lenTitle = new Uint16Array(0);
  private lenAuthors = new Uint16Array(0);
  private lenSubjects = new Uint16Array(0);
  private lenDescription = new Uint16Array(0);
  private readonly lenSums = new Float64Array(4);
  private available = new Uint32Array(0);
  private subjStart = new Uint32Array(0);
  private subjCount = new Uint8Array(0);
  private subjPool = new Uint16Array(0);
  private subjPoolLen = 0;
  private readonly isbns: string[] = [];
  private readonly titles: string[] = [];
  /** Authors per document as (start, count) into a pool of interned author-name ids. */
  private authStart = new Uint32Array(0);
  private authCount = new Uint8Array(0);
  private authPool = new Uint32Array(0);
  private authPoolLen = 0;
  private readonly authorNames = new Interner();
  /** Per author id: folded tokens as " a b c " (lazily), and a per-query memo of the author phrase check. */
  private readonly authorFolded: string[] = [];
  private authorMemoEpoch = new Uint32Array(0);
  private authorMemoValue = new Uint8Array(0);
  private authorEpoch = 0;
  private readonly docByIsbn = new Map<string, number>();

  private readonly languages = new Interner();
  private readonly subjects = new Interner();
  private readonly branches = new Interner();
  private branchAvail: Uint16Array<ArrayBuffer>[] = [new Uint16Array(0)];
  private readonly pendingAvailability = new Map<string, Availability>();

  // Per-document tf scratch used while indexing one document.
  private scratchTf = new Uint16Array(0);
  private scratchStamp = new Uint32Array(0);
  private scratchEpoch = 0;
  private readonly scratchTerms: number[] = [];

  // Query scratch.
  private seen = new Uint32Array(0);
  private acc = new Float64Array(0);
  private hitMask = new Uint32Array(0);
  private touched = new Uint32Array(1024);
  private queryEpoch = 0;

  constructor(options: InvertedIndexOptions = {}) {
    this.prefixLastTerm = options.prefixLastTerm ?? true;
    this.typoTolerance = options.typoTolerance ?? true;
    this.cacheSize = options.cacheSize ?? 256;
  }

  /** Number of live documents. */
  get size(): number {
    return this.aliveCount;
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

  /** Bulk load: the same as upserting each document, then trimming postings to their exact size. */
  addMany(docs: Iterable<SearchDocument>): void {
    for (const doc of docs) this.upsertSync(doc);
    this.trim();
  }

  // ---------------------------------------------------------------- writes

  upsertSync(doc: SearchDocument): void {
    const isbn = doc.isbn.trim();
    if (isbn.length === 0) throw new SearchError('INVALID_DOCUMENT', 'a document needs an isbn');
    if (doc.year !== undefined && (!Number.isInteger(doc.year) || doc.year < -32767 || doc.year > 32767)) {
      throw new SearchError('INVALID_DOCUMENT', `year of ${isbn} must be an integer`);
    }
    this.invalidate();
    const previous = this.docByIsbn.get(isbn);
    if (previous !== undefined) this.tombstone(previous);

    const d = this.nextDoc++;
    this.ensureDocCapacity(d + 1);
    this.docByIsbn.set(isbn, d);
    this.isbns[d] = isbn;
    this.titles[d] = doc.title;
    const nAuth = Math.min(doc.authors.length, 255);
    this.authPool = growU32(this.authPool, this.authPoolLen + nAuth);
    this.authStart[d] = this.authPoolLen;
    this.authCount[d] = nAuth;
    for (let i = 0; i < nAuth; i++) this.authPool[this.authPoolLen++] = this.authorNames.id(doc.authors[i]!);
    this.alive[d] = 1;
    this.aliveCount++;
    this.years[d] = doc.year ?? NO_YEAR;
    this.langs[d] = doc.language === undefined || doc.language.trim() === '' ? 0 : this.languages.id(fold(doc.language.trim()));

    const subjectIds = new Set<number>();
    for (const s of doc.subjects) {
      const f = fold(s.trim());
      if (f !== '') subjectIds.add(this.subjects.id(f));
    }
    const nSubj = Math.min(subjectIds.size, 255);
    this.subjPool = growU16(this.subjPool, this.subjPoolLen + nSubj);
    this.subjStart[d] = this.subjPoolLen;
    this.subjCount[d] = nSubj;
    let k = 0;
    for (const id of subjectIds) {
      if (k++ >= nSubj) break;
      this.subjPool[this.subjPoolLen++] = id;
    }

    this.scratchEpoch++;
    this.scratchTerms.length = 0;
    const lt = this.addField(doc.title, true, 0, TF_CAPS.title);
    const la = this.addField(doc.authors.join(' '), true, 4, TF_CAPS.authors);
    const ls = this.addField(doc.subjects.join(' '), false, 7, TF_CAPS.subjects);
    const ld = this.addField(doc.description ?? '', false, 10, TF_CAPS.description);
    this.lenTitle[d] = lt;
    this.lenAuthors[d] = la;
    this.lenSubjects[d] = ls;
    this.lenDescription[d] = ld;
    this.lenSums[0]! += lt;
    this.lenSums[1]! += la;
    this.lenSums[2]! += ls;
    this.lenSums[3]! += ld;
    for (const t of this.scratchTerms) this.appendPosting(t, d, this.scratchTf[t]!);

    const pending = this.pendingAvailability.get(isbn);
    this.available[d] = 0;
    if (pending !== undefined) {
      this.pendingAvailability.delete(isbn);
      this.applyAvailability(d, pending);
    }
  }

  removeSync(isbn: string): void {
    const d = this.docByIsbn.get(isbn.trim());
    if (d === undefined) return;
    this.invalidate();
    const availability = this.availabilityOf(d);
    if (availability.available > 0 || Object.keys(availability.byBranch).length > 0) this.pendingAvailability.set(isbn.trim(), availability);
    this.docByIsbn.delete(isbn.trim());
    this.tombstone(d);
  }

  setAvailabilitySync(isbn: string, availability: Availability): void {
    const ok = (n: number): boolean => Number.isInteger(n) && n >= 0;
    if (!ok(availability.available) || !Object.values(availability.byBranch).every(ok)) {
      throw new SearchError('INVALID_AVAILABILITY', `availability of ${isbn} must be non-negative integers`);
    }
    this.invalidate();
    const d = this.docByIsbn.get(isbn.trim());
    if (d === undefined) this.pendingAvailability.set(isbn.trim(), availability);
    else this.applyAvailability(d, availability);
  }

  /** Shrinks every posting list to its exact length (after a bulk load). */
  trim(): void {
    for (let t = 0; t < this.terms.length; t++) {
      const n = this.postLen[t]!;
      this.postDocs[t] = this.postDocs[t]!.slice(0, n);
      this.postTfs[t] = this.postTfs[t]!.slice(0, n);
    }
  }

  /** Drops postings of removed documents. Run automatically once a quarter of the doc slots are tombstones. */
  compact(): void {
    const alive = this.alive;
    for (let t = 0; t < this.terms.length; t++) {
      const docs = this.postDocs[t]!;
      const tfs = this.postTfs[t]!;
      const n = this.postLen[t]!;
      let w = 0;
      for (let i = 0; i < n; i++) {
        const d = docs[i]!;
        if (alive[d] === 1) {
          docs[w] = d;
          tfs[w] = tfs[i]!;
          w++;
        }
      }
      this.postLen[t] = w;
      if (w < docs.length >> 1) {
        this.postDocs[t] = docs.slice(0, w);
        this.postTfs[t] = tfs.slice(0, w);
      }
    }
    this.tombstones = 0;
  }

  private invalidate(): void {
    this.writeEpoch++;
    if (this.cache.size > 0) this.cache.clear();
  }

  private tombstone(d: number): void {
    if (this.alive[d] !== 1) return;
    this.alive[d] = 0;
    this.aliveCount--;
    this.tombstones++;
    this.lenSums[0]! -= this.lenTitle[d]!;
    this.lenSums[1]! -= this.lenAuthors[d]!;
    this.lenSums[2]! -= this.lenSubjects[d]!;
    this.lenSums[3]! -= this.lenDescription[d]!;
    this.titles[d] = '';
    this.isbns[d] = '';
    this.authCount[d] = 0;
    if (this.tombstones > 1000 && this.tombstones * 4 > this.nextDoc) this.compact();
  }

  private availabilityOf(d: number): Availability {
    const byBranch: Record<string, number> = {};
    for (let b = 1; b < this.branches.size; b++) {
      const n = this.branchAvail[b]?.[d] ?? 0;
      if (n > 0) byBranch[this.branches.values[b]!] = n;
    }
    return { available: this.available[d]!, byBranch };
  }

  private applyAvailability(d: number, availability: Availability): void {
    this.available[d] = availability.available;
    for (let b = 1; b < this.branchAvail.length; b++) {
      const arr = this.branchAvail[b]!;
      if (d < arr.length) arr[d] = 0;
    }
    for (const [branch, count] of Object.entries(availability.byBranch)) {
      if (count === 0) continue;
      const b = this.branches.id(branch);
      let arr = this.branchAvail[b] ?? new Uint16Array(0);
      arr = growU16(arr, this.alive.length);
      this.branchAvail[b] = arr;
      arr[d] = Math.min(count, 0xffff);
    }
  }

  /**
   * Adds one field's tokens to the per-document tf scratch. A token resolves to its term with a single map lookup
   * (surface form → term id × 2 + stop-word bit), so stemming runs once per distinct surface form.
   */
  private addField(text: string, keepStopWords: boolean, shift: number, cap: number): number {
    let length = 0;
    for (const token of tokenize(text)) {
      let code = this.surfaceCodes.get(token);
      if (code === undefined) {
        const term = this.termId(stem(token));
        code = term * 2 + (isStopWord(token) ? 1 : 0);
        this.surfaceCodes.set(token, code);
        this.deletions.add(token, term);
      }
      if (!keepStopWords && (code & 1) === 1) continue;
      length++;
      const t = code >>> 1;
      if (this.scratchStamp[t] !== this.scratchEpoch) {
        this.scratchStamp[t] = this.scratchEpoch;
        this.scratchTf[t] = 0;
        this.scratchTerms.push(t);
      }
      const packed = this.scratchTf[t]!;
      const current = (packed >> shift) & cap;
      if (current < cap) this.scratchTf[t] = packed + (1 << shift);
    }
    return Math.min(length, 0xffff);
  }

  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t !== undefined) return t;
    t = this.terms.length;
    this.terms.push(term);
    this.termIds.set(term, t);
    this.postDocs.push(new Uint32Array(2));
    this.postTfs.push(new Uint16Array(2));
    const cap = t + 1;
    this.postLen = growU32(this.postLen, cap);
    this.dfCache = growU32(this.dfCache, cap);
    this.dfCacheEpoch = growU32(this.dfCacheEpoch, cap);
    this.scratchTf = growU16(this.scratchTf, cap);
    this.scratchStamp = growU32(this.scratchStamp, cap);
    this.sortedDirty = true;
    return t;
  }

  private appendPosting(t: number, d: number, tf: number): void {
    const n = this.postLen[t]!;
    let docs = this.postDocs[t]!;
    if (n === docs.length) {
      const size = n < 1024 ? n * 2 : n + (n >> 1);
      const nd = new Uint32Array(size);
      nd.set(docs);
      docs = nd;
      this.postDocs[t] = nd;
      const nt = new Uint16Array(size);
      nt.set(this.postTfs[t]!);
      this.postTfs[t] = nt;
    }
    docs[n] = d;
    this.postTfs[t]![n] = tf;
    this.postLen[t] = n + 1;
  }

  private ensureDocCapacity(min: number): void {
    if (this.alive.length >= min) return;
    const cap = Math.max(min, this.alive.length * 2, 1024);
    this.alive = growU8(this.alive, cap);
    this.years = growI16(this.years, cap, NO_YEAR);
    this.langs = growU16(this.langs, cap);
    this.lenTitle = growU16(this.lenTitle, cap);
    this.lenAuthors = growU16(this.lenAuthors, cap);
    this.lenSubjects = growU16(this.lenSubjects, cap);
    this.lenDescription = growU16(this.lenDescription, cap);
    this.available = growU32(this.available, cap);
    this.subjStart = growU32(this.subjStart, cap);
    this.subjCount = growU8(this.subjCount, cap);
    this.authStart = growU32(this.authStart, cap);
    this.authCount = growU8(this.authCount, cap);
    for (let b = 1; b < this.branchAvail.length; b++) this.branchAvail[b] = growU16(this.branchAvail[b]!, cap);
    this.seen = growU32(this.seen, cap);
    this.acc = growF64(this.acc, cap);
    this.hitMask = growU32(this.hitMask, cap);
  }

  // ---------------------------------------------------------------- reads

  searchSync(query: SearchQuery): SearchResult {
    validateQuery(query);
    let key = '';
    if (this.cacheSize > 0) {
      key = JSON.stringify(query);
      const cached = this.cache.get(key);
      if (cached !== undefined) {
        this.cache.delete(key);
        this.cache.set(key, cached);
        return cached;
      }
    }
    const result = this.execute(query);
    if (this.cacheSize > 0) {
      if (this.cache.size >= this.cacheSize) {
        const oldest = this.cache.keys().next();
        if (oldest.done !== true) this.cache.delete(oldest.value);
      }
      this.cache.set(key, result);
    }
    return result;
  }

  private documentFrequency(t: number): number {
    if (this.tombstones === 0) return this.postLen[t]!;
    if (this.dfCacheEpoch[t] === this.writeEpoch) return this.dfCache[t]!;
    const docs = this.postDocs[t]!;
    const n = this.postLen[t]!;
    const alive = this.alive;
    let df = 0;
    for (let i = 0; i < n; i++) df += alive[docs[i]!]!;
    this.dfCache[t] = df;
    this.dfCacheEpoch[t] = this.writeEpoch;
    return df;
  }

  private ensureSorted(): void {
    if (!this.sortedDirty) return;
    const terms = this.terms;
    this.sortedTerms = terms.map((_, i) => i).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    this.sortedDirty = false;
  }

  private prefixMatches(prefix: string, out: Map<number, number>, weight: number): void {
    if (prefix.length < 2) return;
    this.ensureSorted();
    const sorted = this.sortedTerms;
    const terms = this.terms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < sorted.length; i++) {
      const t = sorted[i]!;
      if (!terms[t]!.startsWith(prefix)) break;
      if (this.postLen[t]! > 0) found.push(t);
    }
    found.sort((a, b) => this.postLen[b]! - this.postLen[a]! || a - b);
    for (const t of found.slice(0, MAX_PREFIX_EXPANSIONS)) {
      if (!out.has(t)) out.set(t, weight);
    }
  }

  /** Typo candidates of a query word the dictionary does not have: indexed words within its edit budget. */
  private typoMatches(word: string, out: Map<number, number>): void {
    if (!this.typoTolerance || word.length < MIN_TYPO_LENGTH) return;
    const candidates = this.deletions
      .lookup(word)
      .filter((c) => this.postLen[c.termId]! > 0)
      .sort((a, b) => a.distance - b.distance || this.postLen[b.termId]! - this.postLen[a.termId]! || a.termId - b.termId)
      .slice(0, MAX_TYPO_EXPANSIONS);
    for (const c of candidates) if (!out.has(c.termId)) out.set(c.termId, TYPO_WEIGHTS[c.distance] ?? 0.5);
  }

  private group(alts: Map<number, number>, fieldMask: number, required: boolean): Group {
    const alternatives: Alternative[] = [];
    let cost = 0;
    for (const [termId, weight] of alts) {
      alternatives.push({ termId, weight });
      cost += this.postLen[termId]!;
    }
    return { alternatives, fieldMask, required, cost };
  }

  private textGroups(text: string): Group[] {
    const tokens = analyzeQuery(text).slice(0, MAX_QUERY_TERMS);
    const groups: Group[] = [];
    tokens.forEach((token, i) => {
      const alts = new Map<number, number>();
      const exact = this.termIds.get(token.stem);
      const known = exact !== undefined && this.postLen[exact]! > 0;
      if (known) alts.set(exact, 1);
      const isLast = i === tokens.length - 1;
      if (isLast && this.prefixLastTerm) {
        const weight = alts.size > 0 ? PREFIX_WEIGHT_AFTER_EXACT : PREFIX_WEIGHT;
        this.prefixMatches(token.surface, alts, weight);
        if (token.stem !== token.surface) this.prefixMatches(token.stem, alts, weight);
      }
      if (!known) this.typoMatches(token.surface, alts);
      groups.push(this.group(alts, ALL_FIELDS, false));
    });
    return groups;
  }

  private authorGroups(author: string): Group[] {
    return analyze(author, true)
      .slice(0, MAX_AUTHOR_TERMS)
      .map((term) => {
        const alts = new Map<number, number>();
        const t = this.termIds.get(term);
        if (t !== undefined) alts.set(t, 1);
        return this.group(alts, AUTHORS_MASK, true);
      });
  }

  private filters(query: SearchQuery): Filters | null {
    let languageId = 0;
    if (query.language !== undefined && query.language.trim() !== '') {
      languageId = this.languages.find(fold(query.language.trim()));
      if (languageId < 0) return null;
    }
    let subjectId = 0;
    if (query.subject !== undefined && query.subject.trim() !== '') {
      subjectId = this.subjects.find(fold(query.subject.trim()));
      if (subjectId < 0) return null;
    }
    let branch: Uint16Array | null = null;
    if (query.branch !== undefined) {
      const b = this.branches.find(query.branch);
      if (b < 0) return null;
      branch = this.branchAvail[b] ?? null;
      if (branch === null) return null;
    }
    const author = query.author === undefined ? [] : tokenize(query.author);
    return {
      yearFrom: query.yearFrom ?? -32767,
      yearTo: query.yearTo ?? 32767,
      hasYearFilter: query.yearFrom !== undefined || query.yearTo !== undefined,
      languageId,
      subjectId,
      availableOnly: query.availableOnly === true,
      branch,
      authorPhrase: author.length > 0 ? ` ${author.join(' ')} ` : null,
    };
  }

  private passes(d: number, f: Filters): boolean {
    if (f.hasYearFilter) {
      const y = this.years[d]!;
      if (y === NO_YEAR || y < f.yearFrom || y > f.yearTo) return false;
    }
    if (f.languageId !== 0 && this.langs[d] !== f.languageId) return false;
    if (f.availableOnly && this.available[d] === 0) return false;
    if (f.branch !== null && (f.branch[d] ?? 0) === 0) return false;
    if (f.subjectId !== 0) {
      const s = this.subjStart[d]!;
      const e = s + this.subjCount[d]!;
      let found = false;
      for (let i = s; i < e; i++) {
        if (this.subjPool[i] === f.subjectId) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    if (f.authorPhrase !== null && !this.authorPhraseMatches(d, f.authorPhrase)) return false;
    return true;
  }

  /**
   * The author filter names one person: its tokens must appear contiguously in a single author's name.
   * The check runs once per distinct author per query (memoised by author id), not once per book.
   */
  private authorPhraseMatches(d: number, phrase: string): boolean {
    const s = this.authStart[d]!;
    const e = s + this.authCount[d]!;
    const epoch = this.authorEpoch;
    for (let i = s; i < e; i++) {
      const a = this.authPool[i]!;
      if (this.authorMemoEpoch[a] !== epoch) {
        let folded = this.authorFolded[a];
        if (folded === undefined) {
          folded = ` ${tokenize(this.authorNames.values[a]!).join(' ')} `;
          this.authorFolded[a] = folded;
        }
        this.authorMemoEpoch[a] = epoch;
        this.authorMemoValue[a] = folded.includes(phrase) ? 1 : 0;
      }
      if (this.authorMemoValue[a] === 1) return true;
    }
    return false;
  }

  private authorsOf(d: number): string[] {
    const s = this.authStart[d]!;
    const out: string[] = [];
    for (let i = s; i < s + this.authCount[d]!; i++) out.push(this.authorNames.values[this.authPool[i]!]!);
    return out;
  }

  private boost(d: number, f: Filters): number {
    const avail = f.branch !== null ? (f.branch[d] ?? 0) : this.available[d]!;
    return avail > 0 ? AVAILABILITY_BOOST : 1;
  }

  private execute(query: SearchQuery): SearchResult {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const top = new TopK(limit + offset);
    const facets = query.facets === true ? new FacetCounter(this.languages.size, this.subjects.size) : null;
    const filters = this.filters(query);
    this.authorEpoch++;
    this.authorMemoEpoch = growU32(this.authorMemoEpoch, this.authorNames.size);
    this.authorMemoValue = growU8(this.authorMemoValue, this.authorNames.size);
    let total = 0;
    const consider = (d: number, score: number): void => {
      total++;
      top.offer(score, d);
      if (facets !== null) facets.count(d, this);
    };

    if (filters !== null) {
      const text = query.text?.trim() ?? '';
      const isbn = text === '' ? undefined : parseIsbn(text);
      const exact = isbn === undefined ? this.docByIsbn.get(text) : undefined;
      if (isbn !== undefined || exact !== undefined) {
        const ids = isbn === undefined ? [exact!] : isbnVariants(isbn).flatMap((v) => { const d = this.docByIsbn.get(v); return d === undefined ? [] : [d]; });
        for (const d of ids) if (this.passes(d, filters)) consider(d, this.boost(d, filters));
      } else {
        const groups = [...this.textGroups(text), ...(query.author === undefined ? [] : this.authorGroups(query.author))];
        if (groups.length === 0) {
          for (let d = 0; d < this.nextDoc; d++) {
            if (this.alive[d] === 1 && this.passes(d, filters)) consider(d, this.boost(d, filters));
          }
        } else {
          this.run(groups, filters, false, consider);
          const textCount = groups.filter((g) => !g.required).length;
          if (total === 0 && textCount > 1) this.run(groups, filters, true, consider);
        }
      }
    }

    const hits: SearchHit[] = top.sorted().slice(offset).map(({ id, score }) => this.hit(id, score));
    return facets === null ? { total, hits } : { total, hits, facets: facets.result(this) };
  }

  /** Term-at-a-time accumulation over the groups, then one pass over the touched documents. */
  private run(groups: readonly Group[], filters: Filters, orMode: boolean, consider: (d: number, score: number) => void): void {
    const epoch = ++this.queryEpoch;
    if (epoch === 0xffffffff) {
      this.seen.fill(0);
      this.queryEpoch = 1;
    }
    const ep = this.queryEpoch;
    const ordered = [...groups].map((g, i) => ({ g, bit: 1 << i })).sort((a, b) => {
      if (orMode && a.g.required !== b.g.required) return a.g.required ? -1 : 1;
      return a.g.cost - b.g.cost;
    });
    let requiredBits = 0;
    let textBits = 0;
    for (const { g, bit } of ordered) {
      if (g.required) requiredBits |= bit;
      else textBits |= bit;
    }
    const allBits = requiredBits | textBits;
    const hasRequired = requiredBits !== 0;
    if (!orMode && ordered.some(({ g }) => g.alternatives.length === 0)) return;

    const n = this.aliveCount;
    const avg = (i: number): number => (n === 0 ? 1 : Math.max(this.lenSums[i]! / n, 1e-9));
    const c0 = BM25_B / avg(0);
    const c1 = BM25_B / avg(1);
    const c2 = BM25_B / avg(2);
    const c3 = BM25_B / avg(3);
    const a = 1 - BM25_B;
    const w0 = FIELD_BOOSTS.title;
    const w1 = FIELD_BOOSTS.authors;
    const w2 = FIELD_BOOSTS.subjects;
    const w3 = FIELD_BOOSTS.description;
    const k1 = BM25_K1;
    const { alive, seen, acc, hitMask, lenTitle, lenAuthors, lenSubjects, lenDescription } = this;
    let touched = this.touched;
    let touchedLen = 0;

    ordered.forEach(({ g, bit }, position) => {
      const create = orMode ? (hasRequired ? position === 0 : true) : position === 0;
      for (const alt of g.alternatives) {
        const df = this.documentFrequency(alt.termId);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const scale = alt.weight * idf * (k1 + 1);
        const docs = this.postDocs[alt.termId]!;
        const tfs = this.postTfs[alt.termId]!;
        const len = this.postLen[alt.termId]!;
        const mask = g.fieldMask;
        for (let i = 0; i < len; i++) {
          const d = docs[i]!;
          if (alive[d] === 0) continue;
          const packed = tfs[i]! & mask;
          if (packed === 0) continue;
          if (seen[d] !== ep) {
            if (!create) continue;
            seen[d] = ep;
            acc[d] = 0;
            hitMask[d] = 0;
            if (touchedLen === touched.length) {
              touched = growU32(touched, touchedLen + 1);
              this.touched = touched;
            }
            touched[touchedLen++] = d;
          }
          let tf = 0;
          const t0 = packed & TITLE_MASK;
          if (t0 !== 0) tf += (w0 * t0) / (a + c0 * lenTitle[d]!);
          const t1 = (packed & AUTHORS_MASK) >> 4;
          if (t1 !== 0) tf += (w1 * t1) / (a + c1 * lenAuthors[d]!);
          const t2 = (packed & SUBJECTS_MASK) >> 7;
          if (t2 !== 0) tf += (w2 * t2) / (a + c2 * lenSubjects[d]!);
          const t3 = (packed & DESCRIPTION_MASK) >> 10;
          if (t3 !== 0) tf += (w3 * t3) / (a + c3 * lenDescription[d]!);
          acc[d] = acc[d]! + (scale * tf) / (k1 + tf);
          hitMask[d] = hitMask[d]! | bit;
        }
      }
    });

    for (let i = 0; i < touchedLen; i++) {
      const d = touched[i]!;
      const m = hitMask[d]!;
      if (orMode) {
        if ((m & requiredBits) !== requiredBits || (m & textBits) === 0) continue;
      } else if (m !== allBits) continue;
      if (!this.passes(d, filters)) continue;
      consider(d, acc[d]! * this.boost(d, filters));
    }
  }

  private hit(d: number, score: number): SearchHit {
    const year = this.years[d]!;
    const base = {
      isbn: this.isbns[d]!,
      title: this.titles[d]!,
      authors: this.authorsOf(d),
      score,
      availableCopies: this.available[d]!,
    };
    return year === NO_YEAR ? base : { ...base, year };
  }

  /** Internal accessors for facet counting. */
  languageOf(d: number): number {
    return this.langs[d]!;
  }
  yearOf(d: number): number {
    return this.years[d]!;
  }
  subjectsOf(d: number, visit: (subjectId: number) => void): void {
    const s = this.subjStart[d]!;
    const e = s + this.subjCount[d]!;
    for (let i = s; i < e; i++) visit(this.subjPool[i]!);
  }
  languageName(id: number): string {
    return this.languages.values[id] ?? '';
  }
  subjectName(id: number): string {
    return this.subjects.values[id] ?? '';
  }
}

const DECADE_OFFSET = 3277;

class FacetCounter {
  private readonly languages: Uint32Array;
  private readonly subjects: Uint32Array;
  private readonly decades = new Uint32Array(DECADE_OFFSET * 2 + 1);

  constructor(languageCount: number, subjectCount: number) {
    this.languages = new Uint32Array(languageCount);
    this.subjects = new Uint32Array(subjectCount);
  }

  count(d: number, index: InvertedIndexSearch): void {
    const lang = index.languageOf(d);
    if (lang !== 0) this.languages[lang]!++;
    const year = index.yearOf(d);
    if (year !== NO_YEAR) this.decades[Math.floor(year / 10) + DECADE_OFFSET]!++;
    index.subjectsOf(d, (s) => {
      this.subjects[s]!++;
    });
  }

  result(index: InvertedIndexSearch): SearchFacets {
    return {
      subjects: facetList(this.subjects, (i) => index.subjectName(i)),
      languages: facetList(this.languages, (i) => index.languageName(i)),
      decades: facetList(this.decades, (i) => `${(i - DECADE_OFFSET) * 10}s`),
    };
  }
}
