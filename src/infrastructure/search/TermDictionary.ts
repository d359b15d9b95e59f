/* eslint-disable @typescript-eslint/no-non-null-assertion -- every term id and sorted position is in bounds by construction. */
import { isStopWord, stem, type AsciiTokens } from './analysis.js';
import type { PostingLists } from './Postings.js';
import { SurfaceTable } from './SurfaceTable.js';
import { DeletionIndex, MIN_TYPO_LENGTH } from './typo.js';

export const MAX_PREFIX_EXPANSIONS = 64;
export const MAX_TYPO_EXPANSIONS = 8;
/** Weight of a typo candidate by its distance (index 1 and 2). */
export const TYPO_WEIGHTS: readonly number[] = [1, 0.8, 0.6];

/**
 * The term dictionary: stem → term id, every surface form seen while indexing (→ term id × 2 + stop-word bit),
 * the term list in sorted order for prefix expansion and the deletion index of surface forms for typos.
 * New terms wait in `unsorted` until a prefix query needs the order: a few (an edit, a new book) are inserted
 * where they belong, many (a bulk load) are sorted once and merged in; the whole list is never sorted again.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly surfaceCodes = new Map<string, number>();
  private readonly surfaceSpans = new SurfaceTable();
  private readonly terms: string[] = [];
  private sorted: number[] = [];
  private unsorted: number[] = [];
  private readonly typos = new DeletionIndex();

  constructor(private readonly postings: PostingLists) {}

  get size(): number {
    return this.terms.length;
  }

  /** The term id of a stem, or undefined when it was never indexed. */
  find(term: string): number | undefined {
    return this.ids.get(term);
  }

  /**
   * A token's term id × 2 + stop-word bit. Stemming runs once per distinct surface form, which is also registered
   * for typo matching.
   */
  surfaceCode(token: string): number {
    let code = this.surfaceCodes.get(token);
    if (code === undefined) {
      const term = this.termId(stem(token));
      code = term * 2 + (isStopWord(token) ? 1 : 0);
      this.surfaceCodes.set(token, code);
      this.typos.add(token, term);
    }
    return code;
  }

  /** `surfaceCode` of the current token of an ASCII text, found by its span: no string is made of a token seen before. */
  surfaceCodeOf(tokens: AsciiTokens): number {
    const found = this.surfaceSpans.find(tokens);
    if (found >= 0) return found;
    const word = tokens.value();
    const code = this.surfaceCode(word);
    this.surfaceSpans.add(word, tokens.hash, code);
    return code;
  }

  /** Dictionary terms starting with `prefix` (≥ 2 letters), at most 64, most frequent first; first weight wins. */
  prefixMatches(prefix: string, out: Map<number, number>, weight: number): void {
    if (prefix.length < 2) return;
    this.ensureSorted();
    const sorted = this.sorted;
    const terms = this.terms;
    const postLen = this.postings.length;
    const found: number[] = [];
    for (let i = this.lowerBound(prefix); i < sorted.length; i++) {
      const t = sorted[i]!;
      if (!terms[t]!.startsWith(prefix)) break;
      if (postLen[t]! > 0) found.push(t);
    }
    found.sort((a, b) => postLen[b]! - postLen[a]! || a - b);
    for (const t of found.slice(0, MAX_PREFIX_EXPANSIONS)) {
      if (!out.has(t)) out.set(t, weight);
    }
  }

  /** Typo candidates of a query word the dictionary does not have: at most 8, nearest and most frequent first. */
  typoMatches(word: string, out: Map<number, number>): void {
    if (word.length < MIN_TYPO_LENGTH) return;
    const postLen = this.postings.length;
    const candidates = this.typos
      .lookup(word)
      .filter((c) => postLen[c.termId]! > 0)
      .sort((a, b) => a.distance - b.distance || postLen[b.termId]! - postLen[a.termId]! || a.termId - b.termId)
      .slice(0, MAX_TYPO_EXPANSIONS);
    for (const c of candidates) if (!out.has(c.termId)) out.set(c.termId, TYPO_WEIGHTS[c.distance] ?? 0.5);
  }

  private termId(term: string): number {
    let t = this.ids.get(term);
    if (t !== undefined) return t;
    t = this.terms.length;
    this.terms.push(term);
    this.ids.set(term, t);
    this.postings.addTerm();
    this.unsorted.push(t);
    return t;
  }

  /** The first position in `sorted` whose term is not less than `term`. */
  private lowerBound(term: string): number {
    const { sorted, terms } = this;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[sorted[mid]!]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private ensureSorted(): void {
    const added = this.unsorted;
    if (added.length === 0) return;
    this.unsorted = [];
    const terms = this.terms;
    if (added.length <= INSERTS_IN_PLACE) {
      for (const t of added) this.sorted.splice(this.lowerBound(terms[t]!), 0, t);
      return;
    }
    added.sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    const old = this.sorted;
    const merged = new Array<number>(old.length + added.length);
    let i = 0;
    let j = 0;
    let w = 0;
    while (i < old.length && j < added.length) merged[w++] = terms[old[i]!]! < terms[added[j]!]! ? old[i++]! : added[j++]!;
    while (i < old.length) merged[w++] = old[i++]!;
    while (j < added.length) merged[w++] = added[j++]!;
    this.sorted = merged;
  }
}

/** Up to this many new terms are inserted one by one into the sorted list; more are sorted and merged in one pass. */
const INSERTS_IN_PLACE = 32;
