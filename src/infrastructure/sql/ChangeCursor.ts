/**
 * Where a reader of the search change log stands: every number up to `after` was read, except the gaps. A gap is a
 * number drawn by a transaction not yet visible (it will appear), or by one that rolled back (it never will); each is
 * asked for again until it appears or `gapMillis` have passed since it was first seen.
 */
export class ChangeCursor {
  private readonly gaps = new Map<number, number>();

  /** A jump this long is not waited on number by number (the log was pruned, or the sequence moved on its own). */
  static readonly MAX_GAP = 10_000;

  constructor(
    private last: number,
    private readonly gapMillis: number,
  ) {}

  /** The highest number read. */
  get after(): number {
    return this.last;
  }

  /** The numbers still awaited below `after`. */
  get waitingFor(): number[] {
    return [...this.gaps.keys()];
  }

  /** Notes the numbers one read returned, at `now` (milliseconds on a monotonic clock); gaps left unfilled too long are given up. */
  saw(numbers: readonly number[], now: number): void {
    for (const n of numbers) {
      if (this.gaps.delete(n) || n <= this.last) continue;
      if (n - this.last <= ChangeCursor.MAX_GAP) for (let g = this.last + 1; g < n; g++) this.gaps.set(g, now);
      this.last = n;
    }
    for (const [gap, since] of this.gaps) if (now - since >= this.gapMillis) this.gaps.delete(gap);
  }
}
