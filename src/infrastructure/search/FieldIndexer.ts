/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array hot loops: every index is in bounds by construction. */
import { AsciiTokens, indexTokens } from './analysis.js';
import type { PostingLists } from './Postings.js';
import type { TermDictionary } from './TermDictionary.js';
import { growU16, growU32 } from './typedArrays.js';

/** Postings gathered between `gather()` and `flush()` before they are appended (a bound on the scratch, not on the batch). */
const GATHERED_MAX = 1 << 20;

/**
 * Counts one document's term frequencies field by field into a packed per-term scratch, then appends one posting
 * per distinct term. The scratch is epoch-stamped, so it is never cleared. While gathering (a batch of documents),
 * the postings are kept and appended together by `flush()`, each list grown once (`PostingLists.appendMany`).
 */
export class FieldIndexer {
  private tf = new Uint16Array(0);
  private stamp = new Uint32Array(0);
  private epoch = 0;
  private readonly terms: number[] = [];
  private gathering = false;
  private gatheredTerms = new Uint32Array(0);
  private gatheredDocs = new Uint32Array(0);
  private gatheredTfs = new Uint16Array(0);
  private gathered = 0;
  private readonly tokens = new AsciiTokens();

  constructor(
    private readonly dictionary: TermDictionary,
    private readonly postings: PostingLists,
  ) {}

  begin(): void {
    this.epoch++;
    this.terms.length = 0;
  }

  /**
   * Adds one field's tokens (stop words dropped unless kept) at bit `shift`, capped at `cap`; returns its length. A
   * field of several values (authors, subjects) is read as if they were joined by spaces.
   */
  addField(text: string | readonly string[], keepStopWords: boolean, shift: number, cap: number): number {
    let length = 0;
    if (typeof text === 'string') length = this.addText(text, keepStopWords, shift, cap);
    else for (const value of text) length += this.addText(value, keepStopWords, shift, cap);
    return Math.min(length, 0xffff);
  }

  private addText(text: string, keepStopWords: boolean, shift: number, cap: number): number {
    let length = 0;
    const tokens = this.tokens;
    if (tokens.reset(text)) {
      while (tokens.next()) {
        const code = this.dictionary.surfaceCodeOf(tokens);
        if (!keepStopWords && (code & 1) === 1) continue;
        length++;
        this.count(code >>> 1, shift, cap);
      }
      return length;
    }
    for (const token of indexTokens(text)) {
      const code = this.dictionary.surfaceCode(token);
      if (!keepStopWords && (code & 1) === 1) continue;
      length++;
      this.count(code >>> 1, shift, cap);
    }
    return length;
  }

  private count(t: number, shift: number, cap: number): void {
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

  /** Appends the counted document's postings (keeps them, while gathering). */
  finish(d: number): void {
    if (!this.gathering) {
      for (const t of this.terms) this.postings.append(t, d, this.tf[t]!);
      return;
    }
    const n = this.terms.length;
    if (this.gathered + n > GATHERED_MAX) this.appendGathered();
    const need = this.gathered + n;
    if (need > this.gatheredTerms.length) {
      this.gatheredTerms = growU32(this.gatheredTerms, need);
      this.gatheredDocs = growU32(this.gatheredDocs, need);
      this.gatheredTfs = growU16(this.gatheredTfs, need);
    }
    for (const t of this.terms) {
      this.gatheredTerms[this.gathered] = t;
      this.gatheredDocs[this.gathered] = d;
      this.gatheredTfs[this.gathered] = this.tf[t]!;
      this.gathered++;
    }
  }

  /** Documents finished from now on keep their postings until `flush()`. */
  gather(): void {
    this.gathering = true;
  }

  /** Appends the postings kept since `gather()`, and appends each document's at once again. */
  flush(): void {
    this.appendGathered();
    this.gathering = false;
  }

  private appendGathered(): void {
    if (this.gathered > 0) this.postings.appendMany(this.gatheredTerms, this.gatheredDocs, this.gatheredTfs, this.gathered);
    this.gathered = 0;
  }
}
