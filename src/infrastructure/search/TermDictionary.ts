/* eslint-disable @typescript-eslint/no-non-null-assertion -- every term id and sorted position is in bounds by construction. */
import { isStopWord, stem } from './analysis.js';
import type { PostingLists } from './Postings.js';
import { DeletionIndex, MIN_TYPO_LENGTH } from './typo.js';

export const MAX_PREFIX_EXPANSIONS = 64;
export const MAX_TYPO_EXPANSIONS = 8;
/** Weight of a typo candidate by its distance (index 1 and 2). */
export const TYPO_WEIGHTS: readonly number[] = [1, 0.8, 0.6];

/**
 * The term dictionary: stem → term id, every surface form seen while indexing (→ term id × 2 + stop-word bit),
 * a lazily sorted term list for prefix expansion and the deletion index of surface forms for typos.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly surfaceCodes = new Map<string, number>();
  private readonly terms: string[] = [];
  private sorted: number[] = [];
  private sortedDirty = false;
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

  /** Dictionary terms starting with `prefix` (≥ 2 letters), at most 64, most frequent first; first weight wins. */
  prefixMatches(prefix: string, out: Map<number, number>, weight: number): void {
    if (prefix.length < 2) return;
    this.ensureSorted();
    const sorted = this.sorted;
    const terms = this.terms;
    const postLen = this.postings.length;
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
    this.sortedDirty = true;
    return t;
  }

  private ensureSorted(): void {
    if (!this.sortedDirty) return;
    const terms = this.terms;
    this.sorted = terms.map((_, i) => i).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    this.sortedDirty = false;
  }
}
