/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction, and `?? 0` would cost a branch per posting. */
import type { DocumentFilter, Filters } from './DocumentFilter.js';
import type { DocumentTable } from './DocumentTable.js';
import { AUTHORS_MASK, DESCRIPTION_MASK, type PostingLists, SUBJECTS_MASK, TITLE_MASK } from './Postings.js';
import type { Group } from './QueryPlanner.js';
import { growF64, growU32 } from './typedArrays.js';

/** BM25F field weights. */
export const FIELD_BOOSTS = { title: 3, authors: 2, subjects: 1.5, description: 1 } as const;
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/**
 * Term-at-a-time BM25F accumulation: groups sorted by cost, the first (or, for OR, every text group) creates
 * accumulator entries, the others only add to documents already present; then one pass over the touched documents
 * keeps those whose group mask is complete and that pass the filters. Scratch arrays are epoch-stamped, never cleared.
 */
export class Bm25Accumulator {
  private seen = new Uint32Array(0);
  private acc = new Float64Array(0);
  private hitMask = new Uint32Array(0);
  private touched = new Uint32Array(1024);
  private queryEpoch = 0;

  constructor(
    private readonly docs: DocumentTable,
    private readonly postings: PostingLists,
    private readonly filter: DocumentFilter,
  ) {}

  run(groups: readonly Group[], filters: Filters, orMode: boolean, consider: (d: number, score: number) => void): void {
    this.ensureCapacity();
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

    const docsTable = this.docs;
    const n = docsTable.aliveCount;
    const c0 = BM25_B / docsTable.averageLength(0);
    const c1 = BM25_B / docsTable.averageLength(1);
    const c2 = BM25_B / docsTable.averageLength(2);
    const c3 = BM25_B / docsTable.averageLength(3);
    const a = 1 - BM25_B;
    const w0 = FIELD_BOOSTS.title;
    const w1 = FIELD_BOOSTS.authors;
    const w2 = FIELD_BOOSTS.subjects;
    const w3 = FIELD_BOOSTS.description;
    const k1 = BM25_K1;
    const { alive, lenTitle, lenAuthors, lenSubjects, lenDescription } = docsTable;
    const { seen, acc, hitMask } = this;
    const postings = this.postings;
    let touched = this.touched;
    let touchedLen = 0;

    ordered.forEach(({ g, bit }, position) => {
      const create = orMode ? (hasRequired ? position === 0 : true) : position === 0;
      for (const alt of g.alternatives) {
        const df = postings.documentFrequency(alt.termId, alive);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const scale = alt.weight * idf * (k1 + 1);
        const docs = postings.docs[alt.termId]!;
        const tfs = postings.tfs[alt.termId]!;
        const len = postings.length[alt.termId]!;
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
      if (!this.filter.passes(d, filters)) continue;
      consider(d, acc[d]! * this.filter.boost(d, filters));
    }
  }

  private ensureCapacity(): void {
    const cap = this.docs.alive.length;
    if (this.seen.length >= cap) return;
    this.seen = growU32(this.seen, cap);
    this.acc = growF64(this.acc, cap);
    this.hitMask = growU32(this.hitMask, cap);
  }
}
