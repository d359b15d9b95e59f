import { MarcError } from './MarcError.js';
import { EACC_ENTRIES } from './eaccTable.js';
import { MARC8_SETS } from './marc8Sets.js';

/** MARC-8's default G1 set, ANSEL (Extended Latin): the spacing characters. */
const ANSEL_SPACING: Readonly<Record<number, number>> = {
  0xa1: 0x0141, 0xa2: 0x00d8, 0xa3: 0x0110, 0xa4: 0x00de, 0xa5: 0x00c6, 0xa6: 0x0152, 0xa7: 0x02b9, 0xa8: 0x00b7,
  0xa9: 0x266d, 0xaa: 0x00ae, 0xab: 0x00b1, 0xac: 0x01a0, 0xad: 0x01af, 0xae: 0x02bc, 0xb0: 0x02bb, 0xb1: 0x0142,
  0xb2: 0x00f8, 0xb3: 0x0111, 0xb4: 0x00fe, 0xb5: 0x00e6, 0xb6: 0x0153, 0xb7: 0x02ba, 0xb8: 0x0131, 0xb9: 0x00a3,
  0xba: 0x00f0, 0xbc: 0x01a1, 0xbd: 0x01b0, 0xc0: 0x00b0, 0xc1: 0x2113, 0xc2: 0x2117, 0xc3: 0x00a9, 0xc4: 0x266f,
  0xc5: 0x00bf, 0xc6: 0x00a1, 0xc7: 0x00df, 0xc8: 0x20ac,
};

/** ANSEL's combining diacritics: written before the letter they mark (Unicode writes them after). */
const ANSEL_COMBINING: Readonly<Record<number, number>> = {
  0xe0: 0x0309, 0xe1: 0x0300, 0xe2: 0x0301, 0xe3: 0x0302, 0xe4: 0x0303, 0xe5: 0x0304, 0xe6: 0x0306, 0xe7: 0x0307,
  0xe8: 0x0308, 0xe9: 0x030c, 0xea: 0x030a, 0xeb: 0xfe20, 0xec: 0xfe21, 0xed: 0x0315, 0xee: 0x030b, 0xef: 0x0310,
  0xf0: 0x0327, 0xf1: 0x0328, 0xf2: 0x0323, 0xf3: 0x0324, 0xf4: 0x0325, 0xf5: 0x0333, 0xf6: 0x0332, 0xf7: 0x0326,
  0xf8: 0x031c, 0xf9: 0x032e, 0xfa: 0xfe22, 0xfb: 0xfe23, 0xfe: 0x0313,
};

/**
 * A graphic set as the decoder uses it: a 7-bit code to its character, and whether that one is a combining mark. A
 * multi-byte set (EACC) keys its characters by their three 7-bit bytes, `b1 << 16 | b2 << 8 | b3`.
 */
interface GraphicSet {
  readonly name: string;
  readonly chars: ReadonlyMap<number, { readonly text: string; readonly combining: boolean }>;
  readonly bytes: 1 | 3;
}

const setOf = (name: string, letters: Iterable<[number, number]>, combining: Iterable<[number, number]>): GraphicSet => {
  const chars = new Map<number, { text: string; combining: boolean }>();
  for (const [code, point] of letters) chars.set(code, { text: String.fromCodePoint(point), combining: false });
  for (const [code, point] of combining) chars.set(code, { text: String.fromCodePoint(point), combining: true });
  return { name, chars, bytes: 1 };
};

/** The East Asian set, its table read on first use (some 16,000 characters a record without one never needs). */
let eacc: GraphicSet | undefined;
function eastAsian(): GraphicSet {
  if (eacc === undefined) {
    const chars = new Map<number, { text: string; combining: boolean }>();
    for (const line of EACC_ENTRIES) {
      for (let i = 0; i < line.length; i += 11) chars.set(parseInt(line.slice(i, i + 6), 16), { text: String.fromCodePoint(parseInt(line.slice(i + 6, i + 11), 16)), combining: false });
    }
    eacc = { name: 'East Asian (EACC)', chars, bytes: 3 };
  }
  return eacc;
}
const pairs = (hex: string): [number, number][] => Array.from({ length: hex.length / 6 }, (_, i) => [parseInt(hex.slice(i * 6, i * 6 + 2), 16), parseInt(hex.slice(i * 6 + 2, i * 6 + 6), 16)]);
const sevenBit = (table: Readonly<Record<number, number>>): [number, number][] => Object.entries(table).map(([byte, point]) => [Number(byte) & 0x7f, point]);

const ASCII = setOf('ASCII', Array.from({ length: 0x5e }, (_, i): [number, number] => [0x21 + i, 0x21 + i]), []);
const ANSEL = setOf('ANSEL', sevenBit(ANSEL_SPACING), sevenBit(ANSEL_COMBINING));
/** The graphic sets MARC-8 selects by the final character of an escape sequence. */
const GRAPHIC_SETS: ReadonlyMap<string, GraphicSet> = new Map([
  ['B', ASCII],
  ['E', ANSEL],
  ...Object.entries(MARC8_SETS).map(([final, set]): [string, GraphicSet] => [final, setOf(set.name, pairs(set.letters), pairs(set.combining))]),
]);
/** The subfield delimiter (IS1), the code after which is always ASCII. */
const SUBFIELD_DELIMITER = 0x1f;
/** C1 controls MARC-8 text may hold: non-sort begin/end (dropped from the text) and the joiners. */
const C1: Readonly<Record<number, string>> = { 0x88: '', 0x89: '', 0x8d: '\u200d', 0x8e: '\u200c' };

/**
 * An escape sequence at `bytes[i]` (0x1B): which set it designates as G0 or G1, and its length. MARC-8 uses
 * `ESC ( F` / `ESC , F` (G0), `ESC ) F` / `ESC - F` (G1), an intermediate `!` before ANSEL's `E`, `ESC $ 1` /
 * `ESC $ , 1` (G0) and `ESC $ ) 1` / `ESC $ - 1` (G1) for the multi-byte East Asian set, and the short `ESC g` /
 * `ESC b` / `ESC p` / `ESC s` (Greek symbols, subscripts, superscripts, back to ASCII) as G0.
 */
function escapeAt(bytes: Uint8Array, i: number): { readonly g: 0 | 1; readonly set: GraphicSet; readonly length: number } {
  const at = (k: number): string => String.fromCharCode(bytes[i + k] ?? 0);
  const shown = Array.from(bytes.subarray(i + 1, i + 4), (b) => (b >= 0x21 && b <= 0x7e ? String.fromCharCode(b) : `0x${b.toString(16)}`)).join(' ');
  if (at(1) === '$') {
    const g = ')-'.includes(at(2)) ? 1 : 0;
    const intermediate = ',)-'.includes(at(2));
    if (at(intermediate ? 3 : 2) !== '1') throw new MarcError('UNSUPPORTED_ENCODING', `MARC-8 escape ESC ${shown} selects a multi-byte set other than East Asian (EACC), which MARC-8 does not define`);
    return { g, set: eastAsian(), length: intermediate ? 4 : 3 };
  }
  const short: Readonly<Record<string, string>> = { g: 'g', b: 'b', p: 'p', s: 'B' };
  const shortSet = short[at(1)];
  if (shortSet !== undefined) return { g: 0, set: GRAPHIC_SETS.get(shortSet) ?? ASCII, length: 2 };
  const g = '(,'.includes(at(1)) ? 0 : ')-'.includes(at(1)) ? 1 : undefined;
  const bang = at(2) === '!';
  const set = GRAPHIC_SETS.get(at(bang ? 3 : 2));
  if (g === undefined || set === undefined || at(1) === '\0') throw new MarcError('UNSUPPORTED_ENCODING', `ESC ${shown} is not a MARC-8 escape sequence`);
  return { g, set, length: bang ? 4 : 3 };
}

/**
 * Decodes MARC-8 (a record whose leader/09 is blank) to Unicode, NFC-normalised: ASCII and ANSEL by default, and the
 * Greek, Cyrillic, Hebrew, Arabic, subscript and superscript sets and the East Asian set (three bytes a character) an
 * escape sequence selects, as G0 (0x21-0x7E) or G1 (0xA1-0xFE); combining marks are moved after the letter they mark.
 * An escape MARC-8 does not define, or bytes that are no character of the current set, are refused as
 * UNSUPPORTED_ENCODING rather than read wrong.
 */
export function decodeMarc8(bytes: Uint8Array): string {
  let out = '';
  let pending = '';
  const sets: [GraphicSet, GraphicSet] = [ASCII, ANSEL];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x1b) {
      const escape = escapeAt(bytes, i);
      sets[escape.g] = escape.set;
      i += escape.length - 1;
      continue;
    }
    const c1 = C1[b];
    if (c1 !== undefined) {
      out += c1;
      continue;
    }
    if (b === SUBFIELD_DELIMITER && i + 1 < bytes.length) {
      // The subfield code after a delimiter is an ASCII letter or digit whatever set the text before it left in
      // effect (a field's sets carry across its subfields): never a Hebrew letter, nor the first byte of an EACC one.
      out += pending + String.fromCharCode(b, bytes[i + 1] ?? 0);
      pending = '';
      i += 1;
      continue;
    }
    const set = b >= 0xa1 && b <= 0xfe ? sets[1] : sets[0];
    if (set.bytes === 3 && b >= 0x21) {
      // A character of the East Asian set: three bytes of the same half (G0 or G1); controls and the space stay one byte.
      const code = ((b & 0x7f) << 16) | (((bytes[i + 1] ?? 0) & 0x7f) << 8) | ((bytes[i + 2] ?? 0) & 0x7f);
      const char = i + 2 < bytes.length ? set.chars.get(code) : undefined;
      if (char === undefined) {
        const shown = Array.from(bytes.subarray(i, i + 3), (x) => `0x${x.toString(16)}`).join(' ');
        throw new MarcError('UNSUPPORTED_ENCODING', `bytes ${shown} are not a character of MARC-8's ${set.name} set`);
      }
      out += char.text + pending;
      pending = '';
      i += 2;
      continue;
    }
    const char = b >= 0x21 && b <= 0x7e ? set.chars.get(b) : b >= 0xa1 && b <= 0xfe ? set.chars.get(b & 0x7f) : b < 0x21 ? { text: String.fromCharCode(b), combining: false } : undefined;
    if (char === undefined) throw new MarcError('UNSUPPORTED_ENCODING', `byte 0x${b.toString(16)} is not a character of MARC-8's ${set.name} set`);
    if (char.combining) {
      pending += char.text;
      continue;
    }
    out += char.text + pending;
    pending = '';
  }
  return (out + pending).normalize('NFC');
}

const SPACING_BYTE = new Map(Object.entries(ANSEL_SPACING).map(([byte, code]) => [code, Number(byte)]));
const COMBINING_BYTE = new Map(Object.entries(ANSEL_COMBINING).map(([byte, code]) => [code, Number(byte)]));

/**
 * Encodes Unicode as MARC-8 (ASCII and ANSEL): the inverse of `decodeMarc8`, combining marks written before their
 * letter. Text with a character outside those sets throws UNSUPPORTED_ENCODING.
 */
export function encodeMarc8(text: string): Buffer {
  const out: number[] = [];
  let marks: number[] = [];
  const base: number[] = [];
  const flush = (): void => {
    out.push(...marks, ...base);
    marks = [];
    base.length = 0;
  };
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0) ?? 0;
    const combining = COMBINING_BYTE.get(code);
    if (combining !== undefined) {
      marks.push(combining);
      continue;
    }
    flush();
    const byte = code < 0x80 ? code : SPACING_BYTE.get(code);
    if (byte === undefined) throw new MarcError('UNSUPPORTED_ENCODING', `U+${code.toString(16).toUpperCase().padStart(4, '0')} has no MARC-8 (ANSEL) form`);
    base.push(byte);
  }
  flush();
  return Buffer.from(out);
}
