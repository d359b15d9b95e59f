import { MarcError } from './MarcError.js';

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

/** Escape sequences that only re-select the default sets (ASCII as G0, ANSEL as G1): harmless. */
const DEFAULT_SET_ESCAPES = ['\x1b(B', '\x1b)!E', '\x1b)E', '\x1bs'];

/**
 * Decodes MARC-8 (a record whose leader/09 is blank) to Unicode, NFC-normalised: ASCII, and ANSEL's letters and
 * combining diacritics (moved after the letter they mark). A record that switches to another character set (Greek,
 * Cyrillic, Arabic, Hebrew, East Asian) is refused as UNSUPPORTED_ENCODING rather than read wrong.
 */
export function decodeMarc8(bytes: Uint8Array): string {
  let out = '';
  let pending = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x1b) {
      const escape = DEFAULT_SET_ESCAPES.find((e) => Array.from({ length: e.length }, (_, k) => e.charCodeAt(k)).every((code, k) => bytes[i + k] === code));
      if (escape === undefined) throw new MarcError('UNSUPPORTED_ENCODING', 'MARC-8 escape to a character set other than Latin (only ASCII and ANSEL are read)');
      i += escape.length - 1;
      continue;
    }
    const combining = ANSEL_COMBINING[b];
    if (combining !== undefined) {
      pending += String.fromCharCode(combining);
      continue;
    }
    const ch = b < 0x80 ? String.fromCharCode(b) : ANSEL_SPACING[b];
    if (ch === undefined) throw new MarcError('UNSUPPORTED_ENCODING', `byte 0x${b.toString(16)} is not a MARC-8 (ANSEL) character`);
    out += (typeof ch === 'number' ? String.fromCharCode(ch) : ch) + pending;
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
