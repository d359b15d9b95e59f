import { CatalogError } from './CatalogError.js';

/**
 * An ISBN, validated by check digit and normalised to its 13-digit form (ISBN-10 input is converted).
 * Hyphens and spaces are accepted on input.
 */
export class Isbn {
  private constructor(readonly value: string) {}

  static parse(raw: unknown): Isbn {
    if (typeof raw !== 'string') throw new CatalogError('INVALID_ISBN', 'ISBN must be a string');
    const compact = raw.replace(/[\s-]/g, '').toUpperCase();
    if (/^\d{9}[\dX]$/.test(compact)) {
      if (!Isbn.isValid10(compact)) throw Isbn.invalid(raw, 'check digit does not match');
      return new Isbn(Isbn.tenToThirteen(compact));
    }
    if (/^\d{13}$/.test(compact)) {
      if (!compact.startsWith('978') && !compact.startsWith('979')) throw Isbn.invalid(raw, 'must start with 978 or 979');
      if (!Isbn.isValid13(compact)) throw Isbn.invalid(raw, 'check digit does not match');
      return new Isbn(compact);
    }
    throw Isbn.invalid(raw, 'must have 10 or 13 digits');
  }

  static isValid(raw: string): boolean {
    try {
      Isbn.parse(raw);
      return true;
    } catch {
      return false;
    }
  }

  /** The ISBN-10 form, when the number is in the 978 range. */
  toIsbn10(): string | null {
    if (!this.value.startsWith('978')) return null;
    const body = this.value.slice(3, 12);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const check = (11 - (sum % 11)) % 11;
    return body + (check === 10 ? 'X' : String(check));
  }

  equals(other: Isbn): boolean {
    return other.value === this.value;
  }

  toString(): string {
    return this.value;
  }

  private static isValid10(s: string): boolean {
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      const c = s[i] ?? '';
      const digit = c === 'X' ? 10 : Number(c);
      if (c === 'X' && i !== 9) return false;
      sum += digit * (10 - i);
    }
    return sum % 11 === 0;
  }

  private static isValid13(s: string): boolean {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(s[i]) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }

  private static tenToThirteen(s: string): string {
    const body = '978' + s.slice(0, 9);
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
    return body + String((10 - (sum % 10)) % 10);
  }

  private static invalid(raw: string, why: string): CatalogError {
    return new CatalogError('INVALID_ISBN', `"${raw}" is not a valid ISBN: ${why}`, { isbn: raw });
  }
}
