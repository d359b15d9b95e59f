/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction. */
import { tokenize } from './analysis.js';
import type { PostingLists } from './Postings.js';
import type { TermDictionary } from './TermDictionary.js';
import { growU16, growU32 } from './typedArrays.js';

/**
 * Counts one document's term frequencies field by field into a packed per-term scratch, then appends one posting
 * per distinct term. The scratch is epoch-stamped, so it is never cleared.
 */
export class FieldIndexer {
  private tf = new Uint16Array(0);
  private stamp = new Uint32Array(0);
  private epoch = 0;
  private readonly terms: number[] = [];

  constructor(
    private readonly dictionary: TermDictionary,
    private readonly postings: PostingLists,
  ) {}

  begin(): void {
    this.epoch++;
    this.terms.length = 0;
  }

  /** Adds one field's tokens (stop words dropped unless kept) at bit `shift`, capped at `cap`; returns its length. */
  addField(text: string, keepStopWords: boolean, shift: number, cap: number): number {
    let length = 0;
    for (const token of tokenize(text)) {
      const code = this.dictionary.surfaceCode(token);
      if (!keepStopWords && (code & 1) === 1) continue;
      length++;
      const t = code >>> 1;
      if (t >= this.tf.length) {
        this.tf = growU16(this.tf, this.dictionary.size);
        this.stamp = growU32(this.stamp, this.dictionary.size);
      }
      if (this.stamp[t] !== this.epoch) {
        this.stamp[t] = this.epoch;
        this.tf[t] = 0;
        this.terms.push(t);
      }
      const packed = this.tf[t]!;
      const current = (packed >> shift) & cap;
      if (current < cap) this.tf[t] = packed + (1 << shift);
    }
    return Math.min(length, 0xffff);
  }

  /** Appends the counted document's postings. */
  finish(d: number): void {
    for (const t of this.terms) this.postings.append(t, d, this.tf[t]!);
  }
}
