/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction, and `?? 0` would cost a branch per posting. */
/**
 * Typo tolerance over the term dictionary: a deletion neighbourhood (SymSpell style).
 * Each dictionary term of length ≥ 4 is stored under itself and its 1-deletions; a query term is looked up under
 * itself, its 1-deletions and (for long terms) its 2-deletions; candidates are verified with the optimal string
 * alignment (Damerau) distance.
 */
export const MIN_TYPO_LENGTH = 5;
export const TWO_TYPO_LENGTH = 9;
const MIN_INDEXED_LENGTH = 4;

export function maxEditsFor(term: string): number {
  if (term.length >= TWO_TYPO_LENGTH) return 2;
  if (term.length >= MIN_TYPO_LENGTH) return 1;
  return 0;
}

function deletions(term: string, out: Set<string>): void {
  for (let i = 0; i < term.length; i++) out.add(term.slice(0, i) + term.slice(i + 1));
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

export class DeletionIndex {
  private readonly buckets = new Map<string, number[]>();

  add(term: string, termId: number): void {
    if (term.length < MIN_INDEXED_LENGTH) return;
    const keys = new Set<string>([term]);
    deletions(term, keys);
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, [termId]);
      else bucket.push(termId);
    }
  }

  /** Term ids within the allowed edit distance of `term`, with their distance (0 excluded). */
  lookup(term: string, termText: (id: number) => string): { termId: number; distance: number }[] {
    const max = maxEditsFor(term);
    if (max === 0) return [];
    const keys = new Set<string>([term]);
    deletions(term, keys);
    if (max >= 2) for (const k of [...keys]) if (k.length < term.length) deletions(k, keys);
    const seen = new Set<number>();
    const out: { termId: number; distance: number }[] = [];
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) continue;
      for (const id of bucket) {
        if (seen.has(id)) continue;
        seen.add(id);
        const d = damerauDistance(term, termText(id), max);
        if (d > 0 && d <= max) out.push({ termId: id, distance: d });
      }
    }
    return out;
  }
}
