/** ISBN-10 / ISBN-13 normalisation and check-digit validation. */

const SEPARATORS = /[\s-]/g;

/** Strips hyphens and spaces and upper-cases the X check digit. */
export function compactIsbn(raw: string): string {
  return raw.replace(SEPARATORS, '').toUpperCase();
}

export function isValidIsbn10(isbn: string): boolean {
  if (!/^\d{9}[\dX]$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = isbn.charCodeAt(i);
    const v = c === 88 /* X */ ? 10 : c - 48;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

export function isValidIsbn13(isbn: string): boolean {
  if (!/^\d{13}$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (isbn.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/** A syntactically valid ISBN-10 or ISBN-13 (after removing separators), or undefined. */
export function parseIsbn(raw: string): string | undefined {
  const isbn = compactIsbn(raw);
  if (isbn.length === 10 && isValidIsbn10(isbn)) return isbn;
  if (isbn.length === 13 && isValidIsbn13(isbn)) return isbn;
  return undefined;
}

export function isbn10To13(isbn10: string): string {
  const body = `978${isbn10.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function isbn13To10(isbn13: string): string | undefined {
  if (!isbn13.startsWith('978')) return undefined;
  const body = isbn13.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (body.charCodeAt(i) - 48) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${body}${check === 10 ? 'X' : String(check)}`;
}

/** The forms under which a valid ISBN may have been catalogued (itself and its 10/13 twin). */
export function isbnVariants(isbn: string): string[] {
  if (isbn.length === 10) return [isbn, isbn10To13(isbn)];
  const ten = isbn13To10(isbn);
  return ten === undefined ? [isbn] : [isbn, ten];
}
