/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction, and `?? 0` would cost a branch per posting. */
import { growU16, growU32 } from './typedArrays.js';

/** A posting's term frequencies packed in one Uint16: title 4 bits, authors 3, subjects 3, description 6. */
export const TITLE_MASK = 0x000f;
export const AUTHORS_MASK = 0x0070;
export const SUBJECTS_MASK = 0x0380;
export const DESCRIPTION_MASK = 0xfc00;
export const ALL_FIELDS = 0xffff;
/** Bit offset of each field in the packed frequency. */
export const FIELD_SHIFTS = { title: 0, authors: 4, subjects: 7, description: 10 } as const;
/** Largest term frequency representable per field; BM25 saturates long before. */
export const TF_CAPS = { title: 15, authors: 7, subjects: 7, description: 63 } as const;

/** A run of a batch's postings up to this long is copied into its list element by element, a longer one by `set`. */
const COPY_BY_HAND = 64;

/**
 * One posting list per term id: doc ids ascending (appended as documents arrive) and their packed frequencies.
 * Lists grow geometrically while indexing; `trim()` copies each to its exact length.
 */
export class PostingLists {
  docs: Uint32Array[] = [];
  tfs: Uint16Array[] = [];
  /** Postings per term, dead documents included until compaction. */
  length = new Uint32Array(0);
  /**
   * Term counts kept current incrementally. Each removed (tombstoned) document is noted once, in `dead`; a term's
   * count was last settled at `countedLength` postings and `countedDead` removals, and is brought up to date from
   * there: the postings appended since are live, and each removal since is looked up in its list. Compaction drops
   * the dead postings and starts the notes afresh.
   */
  private counted = new Uint32Array(0);
  private countedLength = new Uint32Array(0);
  private countedDead = new Uint32Array(0);
  private dead = new Uint32Array(0);
  private deadCount = 0;
  /** Scratch of `appendMany`: postings per term in the batch, back to 0 after each. */
  private adding = new Uint32Array(0);
  /** Scratch of `appendMany`: the batch's postings sorted by term. */
  private sortedDocs = new Uint32Array(0);
  private sortedTfs = new Uint16Array(0);

  /** Opens an empty list for the next term id. */
  addTerm(): void {
    this.docs.push(new Uint32Array(2));
    this.tfs.push(new Uint16Array(2));
    const cap = this.docs.length;
    this.length = growU32(this.length, cap);
    this.counted = growU32(this.counted, cap);
    this.countedLength = growU32(this.countedLength, cap);
    this.countedDead = growU32(this.countedDead, cap);
  }

  append(t: number, d: number, tf: number): void {
    const n = this.length[t]!;
    let docs = this.docs[t]!;
    if (n === docs.length) {
      const size = n < 1024 ? Math.max(2, n * 2) : n + (n >> 1); // a list compacted to nothing grows again
      const nd = new Uint32Array(size);
      nd.set(docs);
      docs = nd;
      this.docs[t] = nd;
      const nt = new Uint16Array(size);
      nt.set(this.tfs[t]!);
      this.tfs[t] = nt;
    }
    docs[n] = d;
    this.tfs[t]![n] = tf;
    this.length[t] = n + 1;
  }

  /**
   * Appends `count` postings gathered from a batch of documents (`terms[i]`, `docs[i]`, `tfs[i]`, in ascending doc
   * order). They are sorted by term once (a stable counting sort, so each term's stay in doc order), then each list
   * touched is grown once for the batch (one never grown before to exactly what it needs) and takes its run in one
   * copy. The same lists as appending each posting in turn.
   */
  appendMany(terms: Uint32Array, docs: Uint32Array, tfs: Uint16Array, count: number): void {
    const termCount = this.docs.length;
    if (this.adding.length < termCount) this.adding = growU32(this.adding, termCount);
    if (this.sortedDocs.length < count) {
      this.sortedDocs = growU32(this.sortedDocs, count);
      this.sortedTfs = growU16(this.sortedTfs, count);
    }
    const { adding, sortedDocs, sortedTfs } = this;
    const touched: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = terms[i]!;
      const before = adding[t]!;
      adding[t] = before + 1;
      if (before === 0) touched.push(t);
    }
    let at = 0;
    for (const t of touched) {
      const c = adding[t]!;
      adding[t] = at;
      at += c;
    }
    for (let i = 0; i < count; i++) {
      const p = adding[terms[i]!]!++;
      sortedDocs[p] = docs[i]!;
      sortedTfs[p] = tfs[i]!;
    }
    let start = 0;
    for (const t of touched) {
      const end = adding[t]!;
      adding[t] = 0;
      const n = this.length[t]!;
      const need = n + end - start;
      if (need > this.docs[t]!.length) {
        const size = n === 0 ? need : Math.max(need, n < 1024 ? n * 2 : n + (n >> 1));
        const nd = new Uint32Array(size);
        nd.set(this.docs[t]!.subarray(0, n));
        this.docs[t] = nd;
        const nt = new Uint16Array(size);
        nt.set(this.tfs[t]!.subarray(0, n));
        this.tfs[t] = nt;
      }
      const list = this.docs[t]!;
      const listTfs = this.tfs[t]!;
      if (end - start <= COPY_BY_HAND) {
        // Most runs are short: a loop costs less than the two views `set` needs, and leaves no garbage.
        for (let i = start, w = n; i < end; i++, w++) {
          list[w] = sortedDocs[i]!;
          listTfs[w] = sortedTfs[i]!;
        }
      } else {
        list.set(sortedDocs.subarray(start, end), n);
        listTfs.set(sortedTfs.subarray(start, end), n);
      }
      this.length[t] = need;
      start = end;
    }
  }

  /** Document `d` was removed (or replaced): its postings stay until compaction, and no longer count. */
  died(d: number): void {
    if (this.deadCount === this.dead.length) this.dead = growU32(this.dead, Math.max(64, this.dead.length * 2));
    this.dead[this.deadCount++] = d;
  }

  /**
   * Live documents containing the term, exact: the count settled last time, plus the postings appended since, minus
   * the removals since that the list holds (a binary search each). When the removals outnumber what a scan of the
   * list costs, the list is recounted against `alive` instead. Never more work than a recount.
   */
  documentFrequency(t: number, alive: Uint8Array): number {
    const n = this.length[t]!;
    if (this.deadCount === 0) return n;
    const from = this.countedDead[t]!;
    if (from === this.deadCount && this.countedLength[t] === n) return this.counted[t]!;
    let df: number;
    if ((this.deadCount - from) * Math.log2(n + 2) > n) {
      const docs = this.docs[t]!;
      df = 0;
      for (let i = 0; i < n; i++) df += alive[docs[i]!]!;
    } else {
      df = this.counted[t]! + (n - this.countedLength[t]!);
      for (let i = from; i < this.deadCount; i++) if (this.holds(t, this.dead[i]!)) df--;
    }
    this.counted[t] = df;
    this.countedLength[t] = n;
    this.countedDead[t] = this.deadCount;
    return df;
  }

  /** Whether term `t`'s list holds document `d` (lists are in ascending doc order: a binary search). */
  holds(t: number, d: number): boolean {
    const docs = this.docs[t];
    if (docs === undefined) return false;
    let lo = 0;
    let hi = this.length[t]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = docs[mid]!;
      if (at === d) return true;
      if (at < d) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** Shrinks every posting list to its exact length (after a bulk load). */
  trim(): void {
    for (let t = 0; t < this.docs.length; t++) {
      const n = this.length[t]!;
      this.docs[t] = this.docs[t]!.slice(0, n);
      this.tfs[t] = this.tfs[t]!.slice(0, n);
    }
  }

  /** Drops the postings of dead documents. */
  compact(alive: Uint8Array): void {
    for (let t = 0; t < this.docs.length; t++) {
      const docs = this.docs[t]!;
      const tfs = this.tfs[t]!;
      const n = this.length[t]!;
      let w = 0;
      for (let i = 0; i < n; i++) {
        const d = docs[i]!;
        if (alive[d] === 1) {
          docs[w] = d;
          tfs[w] = tfs[i]!;
          w++;
        }
      }
      this.length[t] = w;
      if (w < docs.length >> 1) {
        this.docs[t] = docs.slice(0, w);
        this.tfs[t] = tfs.slice(0, w);
      }
    }
    // Every posting left is live: each count starts again from nothing at no postings and no removals.
    this.deadCount = 0;
    this.counted.fill(0);
    this.countedLength.fill(0);
    this.countedDead.fill(0);
  }
}
