import { CatalogError } from './CatalogError.js';

const SEPARATORS = /[\s-]/g;
const TEN = /^\d{9}[\dX]$/;
const THIRTEEN = /^\d{13}$/;

/** The ISBN-10 check character of 9 digits: weights 10…2, modulo 11, 10 written X. */
function checkCharacter10(body9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (body9.charCodeAt(i) - 48) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The ISBN-13 (EAN-13) check digit of 12 digits: weights 1, 3 alternating, modulo 10. */
function checkDigit13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/**
 * An ISBN, validated by check digit and normalised to its 13-digit form (ISBN-10 input is converted).
 * Hyphens and spaces are accepted on input. This is the one home of the ISBN rules: adapters (search, importers,
 * desk) call it rather than checking digits themselves.
 */
export class Isbn {
  private constructor(readonly value: string) {}

  static parse(raw: unknown): Isbn {
    if (typeof raw !== 'string') throw new CatalogError('INVALID_ISBN', 'ISBN must be a string');
    const result = Isbn.read(raw);
    if (typeof result === 'string') throw new CatalogError('INVALID_ISBN', `"${raw}" is not a valid ISBN: ${result}`, { isbn: raw });
    return result;
  }

  /** The ISBN, or null when `raw` is not one (no error is built: for hot paths such as query text). */
  static tryParse(raw: string): Isbn | null {
    const result = Isbn.read(raw);
    return typeof result === 'string' ? null : result;
  }

  static isValid(raw: string): boolean {
    return Isbn.tryParse(raw) !== null;
  }

  /** The ISBN-13 made of 12 digits and their check digit (for numbering a range of new titles). */
  static fromTwelveDigits(body: string): Isbn {
    if (!/^97[89]\d{9}$/.test(body)) throw new CatalogError('INVALID_ISBN', `"${body}" is not 12 digits starting with 978 or 979`, { isbn: body });
    return new Isbn(body + checkDigit13(body));
  }

  /** Strips hyphens and spaces and upper-cases the X check character, without validating. */
  static compact(raw: string): string {
    return raw.replace(SEPARATORS, '').toUpperCase();
  }

  /** The ISBN-10 form, when the number is in the 978 range. */
  toIsbn10(): string | null {
    if (!this.value.startsWith('978')) return null;
    const body = this.value.slice(3, 12);
    return body + checkCharacter10(body);
  }

  equals(other: Isbn): boolean {
    return other.value === this.value;
  }

  toString(): string {
    return this.value;
  }

  /** The ISBN, or why `raw` is not one. */
  private static read(raw: string): Isbn | string {
    const compact = Isbn.compact(raw);
    if (TEN.test(compact)) {
      if (checkCharacter10(compact) !== compact.charAt(9)) return 'check digit does not match';
      const body = `978${compact.slice(0, 9)}`;
      return new Isbn(body + checkDigit13(body));
    }
    if (THIRTEEN.test(compact)) {
      if (!compact.startsWith('978') && !compact.startsWith('979')) return 'must start with 978 or 979';
      if (checkDigit13(compact) !== compact.charAt(12)) return 'check digit does not match';
      return new Isbn(compact);
    }
    return 'must have 10 or 13 digits';
  }
}
