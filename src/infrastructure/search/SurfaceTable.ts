/* eslint-disable @typescript-eslint/no-non-null-assertion -- open addressing: every slot and entry index is in bounds by construction. */
import type { AsciiTokens } from './analysis.js';
import { growU32 } from './typedArrays.js';

const EMPTY = 0xffffffff;

/**
 * Surface form → code (term id × 2 + stop-word bit), looked up by a token's span of the text (`AsciiTokens`) rather
 * than by a string made of it: open addressing on the token's hash, each candidate compared character by character.
 * A cache in front of the dictionary's map of surface forms, filled from it; it decides nothing itself.
 */
export class SurfaceTable {
  private slots = new Uint32Array(1024).fill(EMPTY);
  private hashes = new Uint32Array(0);
  private codes = new Uint32Array(0);
  private readonly words: string[] = [];

  /** The code of the current token, or -1 when it has not been added. */
  find(tokens: AsciiTokens): number {
    const { slots, hashes, words } = this;
    const mask = slots.length - 1;
    const hash = tokens.hash;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[s]!;
      if (e === EMPTY) return -1;
      if (hashes[e] === hash && tokens.is(words[e]!)) return this.codes[e]!;
    }
  }

  /** Adds a folded surface form (not there yet) with its hash, as `AsciiTokens` computes it, and its code. */
  add(word: string, hash: number, code: number): void {
    const e = this.words.length;
    this.words.push(word);
    this.hashes = growU32(this.hashes, e + 1);
    this.codes = growU32(this.codes, e + 1);
    this.hashes[e] = hash;
    this.codes[e] = code;
    if ((e + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(e);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[e]! & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = e;
  }

  private rehash(size: number): void {
    this.slots = new Uint32Array(size).fill(EMPTY);
    for (let e = 0; e < this.words.length; e++) this.place(e);
  }
}
