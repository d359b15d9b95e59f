import { CatalogError } from './CatalogError.js';
import { Isbn } from './Isbn.js';

/** The kinds of standard number a catalogue record may carry, each with its own normal form and check. */
export const IDENTIFIER_SCHEMES = ['ISBN', 'ISSN', 'EAN', 'UPC', 'LCCN'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** The ISSN check character of 7 digits: weights 8…2, modulo 11, 10 written X. */
function issnCheck(body7: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (body7.charCodeAt(i) - 48) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The GTIN check digit (EAN-13, UPC-A) of the digits before it: weights 3, 1 alternating from the right. */
function gtinCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(body.length - 1 - i) - 48) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

/**
 * The LCCN normal form (Library of Congress): blanks removed, anything from a slash on dropped, and a hyphenated
 * year-serial written as the year and the serial padded to six digits ("85-2" → "85000002").
 */
function normaliseLccn(raw: string): string | null {
  let value = raw.replace(/\s/g, '').split('/')[0] ?? '';
  const hyphen = value.indexOf('-');
  if (hyphen >= 0) {
    const serial = value.slice(hyphen + 1);
    if (!/^\d{1,6}$/.test(serial)) return null;
    value = value.slice(0, hyphen) + serial.padStart(6, '0');
  }
  value = value.toLowerCase();
  return /^[a-z]{0,3}\d{8,10}$/.test(value) ? value : null;
}

const READERS: Readonly<Record<IdentifierScheme, (compact: string) => string | null>> = {
  ISBN: (raw) => Isbn.tryParse(raw)?.value ?? null,
  ISSN: (raw) => {
    const c = raw.replace(/[\s-]/g, '').toUpperCase();
    if (!/^\d{7}[\dX]$/.test(c) || issnCheck(c) !== c.charAt(7)) return null;
    return `${c.slice(0, 4)}-${c.slice(4)}`;
  },
  EAN: (raw) => {
    const c = raw.replace(/[\s-]/g, '');
    return /^\d{13}$/.test(c) && gtinCheck(c.slice(0, 12)) === c.charAt(12) ? c : null;
  },
  UPC: (raw) => {
    const c = raw.replace(/[\s-]/g, '');
    return /^\d{12}$/.test(c) && gtinCheck(c.slice(0, 11)) === c.charAt(11) ? c : null;
  },
  LCCN: normaliseLccn,
};

/**
 * A standard number of a catalogue record, validated and normalised: ISBN (to ISBN-13, check digit verified), ISSN
 * (NNNN-NNNC, check verified), EAN-13 and UPC-A (GTIN check digit verified), LCCN (LC normal form). Written
 * `SCHEME:value`, the form records are looked up by. The one home of these rules.
 */
export class CatalogIdentifier {
  private constructor(
    readonly scheme: IdentifierScheme,
    readonly value: string,
  ) {}

  static parse(scheme: IdentifierScheme, raw: string): CatalogIdentifier {
    const found = CatalogIdentifier.tryParse(scheme, raw);
    if (!found) throw new CatalogError('INVALID_IDENTIFIER', `"${raw}" is not a valid ${scheme}`, { scheme, identifier: raw });
    return found;
  }

  static tryParse(scheme: IdentifierScheme, raw: string): CatalogIdentifier | null {
    if (typeof raw !== 'string' || raw.length > 64) return null;
    // An EAN in the Bookland range is an ISBN: one record, one key, whichever way it was written.
    const value = READERS[scheme](raw);
    if (value === null) return null;
    if (scheme === 'EAN' && (value.startsWith('978') || value.startsWith('979'))) return new CatalogIdentifier('ISBN', value);
    return new CatalogIdentifier(scheme, value);
  }

  /** Reads `SCHEME:value` (the written form); a bare number is tried as an ISBN. */
  static fromText(text: string): CatalogIdentifier {
    const colon = text.indexOf(':');
    const scheme = colon < 0 ? 'ISBN' : text.slice(0, colon).toUpperCase();
    if (!(IDENTIFIER_SCHEMES as readonly string[]).includes(scheme)) {
      throw new CatalogError('INVALID_IDENTIFIER', `"${text}" names no identifier scheme (${IDENTIFIER_SCHEMES.join(', ')})`, { identifier: text });
    }
    return CatalogIdentifier.parse(scheme as IdentifierScheme, colon < 0 ? text : text.slice(colon + 1));
  }

  static isbn(isbn: Isbn): CatalogIdentifier {
    return new CatalogIdentifier('ISBN', isbn.value);
  }

  toString(): string {
    return `${this.scheme}:${this.value}`;
  }
}
