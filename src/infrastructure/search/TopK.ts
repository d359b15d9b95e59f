/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction, and `?? 0` would cost a branch per posting. */
/**
 * Exact top-k by (score desc, doc id asc): a binary min-heap whose root is the worst kept entry.
 * Every candidate is offered; nothing is cut short.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.ids = new Int32Array(Math.max(1, k));
  }

  /** True when (sa, ia) ranks below (sb, ib). */
  private static worse(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  offer(score: number, id: number): void {
    const k = this.k;
    if (k === 0) return;
    if (this.size < k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        const ps = this.scores[p]!;
        const pi = this.ids[p]!;
        if (!TopK.worse(score, id, ps, pi)) break;
        this.scores[i] = ps;
        this.ids[i] = pi;
        i = p;
      }
      this.scores[i] = score;
      this.ids[i] = id;
      return;
    }
    if (!TopK.worse(this.scores[0]!, this.ids[0]!, score, id)) return;
    this.siftDownFromRoot(score, id);
  }

  private siftDownFromRoot(score: number, id: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && TopK.worse(this.scores[r]!, this.ids[r]!, this.scores[l]!, this.ids[l]!)) c = r;
      if (!TopK.worse(this.scores[c]!, this.ids[c]!, score, id)) break;
      this.scores[i] = this.scores[c]!;
      this.ids[i] = this.ids[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }

  /** Entries best first. */
  sorted(): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ id: this.ids[i]!, score: this.scores[i]! });
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    return out;
  }
}
