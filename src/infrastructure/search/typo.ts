/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction, and `?? 0` would cost a branch per posting. */
/**
 * Typo tolerance over the words of the catalogue: a deletion neighbourhood (SymSpell style) on both sides.
 * A query word of at least 5 letters matches indexed words within 1 edit, of at least 9 letters within 2 edits
 * (optimal string alignment: insert, delete, substitute, transpose adjacent letters).
 *
 * Two words are within k edits only if deleting at most k letters from each gives the same string, so each indexed
 * word is stored under itself, its 1-deletions (words of ≥ 4 letters, the shortest within 1 edit of a 5-letter query)
 * and its 2-deletions (words of ≥ 7 letters, the shortest within 2 edits of a 9-letter query); a query word looks up
 * itself and its deletions up to its own edit budget. Every candidate is verified with the bounded distance, so no
 * edit pair is missed (two substitutions included) and nothing farther is returned.
 *
 * Keys are stored as 32-bit hashes in an open-addressing table of typed arrays (no string per key); a hash collision
 * only adds a candidate that the distance check then rejects.
 */
export const MIN_TYPO_LENGTH = 5;
export const TWO_TYPO_LENGTH = 9;
const ONE_DELETION_LENGTH = MIN_TYPO_LENGTH - 1;
const TWO_DELETION_LENGTH = TWO_TYPO_LENGTH - 2;

/** The edit budget of a query word by its length: 0 below 5 letters, 1 from 5, 2 from 9. */
export function maxEditsFor(word: string): number {
  if (word.length >= TWO_TYPO_LENGTH) return 2;
  if (word.length >= MIN_TYPO_LENGTH) return 1;
  return 0;
}

/** The word and every string obtained by deleting up to `depth` of its letters. */
function deletionKeys(word: string, depth: number): Set<string> {
  const keys = new Set<string>([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const k = w.slice(0, i) + w.slice(i + 1);
        if (!keys.has(k)) {
          keys.add(k);
          next.push(k);
        }
      }
    }
    frontier = next;
  }
  return keys;
}

/** FNV-1a, never 0 (0 marks an empty slot). */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/** Optimal string alignment distance with an early exit once every cell of a row exceeds `max`. */
export function damerauDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

/** A term reached by a typo: the nearest indexed word that stands for it, and its distance. */
export interface TypoCandidate {
  readonly termId: number;
  readonly distance: number;
}

export class DeletionIndex {
  private readonly words: string[] = [];
  private termOf = new Uint32Array(16);
  private hashes = new Uint32Array(1024);
  private entries = new Uint32Array(1024);
  private used = 0;

  /** Registers an indexed word (folded, as written) that stands for the term `termId`. */
  add(word: string, termId: number): void {
    if (word.length < ONE_DELETION_LENGTH) return;
    const id = this.words.length;
    this.words.push(word);
    if (id === this.termOf.length) {
      const grown = new Uint32Array(id * 2);
      grown.set(this.termOf);
      this.termOf = grown;
    }
    this.termOf[id] = termId;
    const keys = deletionKeys(word, word.length >= TWO_DELETION_LENGTH ? 2 : 1);
    if ((this.used + keys.size) * 2 > this.hashes.length) this.rehash((this.used + keys.size) * 2);
    for (const key of keys) this.insert(hashKey(key), id);
    this.used += keys.size;
  }

  /** Terms with an indexed word within the query word's edit budget (distance 0 excluded), nearest distance per term. */
  lookup(word: string): TypoCandidate[] {
    const max = maxEditsFor(word);
    if (max === 0) return [];
    const seen = new Set<number>();
    const nearest = new Map<number, number>();
    const mask = this.hashes.length - 1;
    for (const key of deletionKeys(word, max)) {
      const h = hashKey(key);
      for (let slot = h & mask; this.hashes[slot] !== 0; slot = (slot + 1) & mask) {
        if (this.hashes[slot] !== h) continue;
        const id = this.entries[slot]!;
        if (seen.has(id)) continue;
        seen.add(id);
        const d = damerauDistance(word, this.words[id]!, max);
        if (d === 0 || d > max) continue;
        const term = this.termOf[id]!;
        const known = nearest.get(term);
        if (known === undefined || d < known) nearest.set(term, d);
      }
    }
    return [...nearest].map(([termId, distance]) => ({ termId, distance }));
  }

  private insert(h: number, id: number): void {
    const mask = this.hashes.length - 1;
    let slot = h & mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = h;
    this.entries[slot] = id;
  }

  private rehash(min: number): void {
    let size = this.hashes.length;
    while (size < min) size *= 2;
    const oldHashes = this.hashes;
    const oldEntries = this.entries;
    this.hashes = new Uint32Array(size);
    this.entries = new Uint32Array(size);
    for (let i = 0; i < oldHashes.length; i++) if (oldHashes[i] !== 0) this.insert(oldHashes[i]!, oldEntries[i]!);
  }
}
