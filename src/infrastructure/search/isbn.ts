/**
 * ISBN handling for search and import: the forms an ISBN may have been catalogued under. Validation is the
 * domain's `Isbn` rule; nothing here checks digits.
 */
import { Isbn } from '../../domain/catalog/Isbn.js';

/** The ISBN as typed without separators (10 or 13 characters), when it is a valid ISBN; otherwise undefined. */
export function parseIsbn(raw: string): string | undefined {
  return Isbn.tryParse(raw) === null ? undefined : Isbn.compact(raw);
}

/** A valid ISBN written in its 10-character form (no separators). */
export function isValidIsbn10(isbn: string): boolean {
  return isbn.length === 10 && Isbn.isValid(isbn);
}

/** A valid ISBN written in its 13-digit form (no separators). */
export function isValidIsbn13(isbn: string): boolean {
  return isbn.length === 13 && Isbn.isValid(isbn);
}

/** The forms under which a valid ISBN may have been catalogued (itself and its 10/13 twin). */
export function isbnVariants(isbn: string): string[] {
  const parsed = Isbn.parse(isbn);
  if (isbn.length === 10) return [isbn, parsed.value];
  const ten = parsed.toIsbn10();
  return ten === null ? [isbn] : [isbn, ten];
}
