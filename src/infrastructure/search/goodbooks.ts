import type { SearchDocument } from '../../application/ports/SearchIndex.js';
import { parseCsv } from './csv.js';
import { isValidIsbn10 } from './isbn.js';

/** Why a row of books.csv was not imported. */
export type SkipReason = 'missing-isbn' | 'invalid-isbn' | 'duplicate-isbn' | 'missing-title' | 'malformed-row';

/** The record id of a row without a valid ISBN: goodbooks' own `book_id`, prefixed. */
export const recordIdOfRow = (bookId: string): string => `goodbooks-${bookId}`;

export interface SkippedRow {
  readonly line: number;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface ImportReport {
  readonly documents: SearchDocument[];
  readonly skipped: SkippedRow[];
  readonly rows: number;
  /** Skipped rows per reason. */
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
}

const REQUIRED_COLUMNS = ['isbn', 'authors', 'original_publication_year', 'title', 'language_code'] as const;

/** ISO 639-2/B and regional codes found in goodbooks-10k, mapped to ISO 639-1. */
const LANGUAGE_CODES: Readonly<Record<string, string>> = {
  eng: 'en', 'en-us': 'en', 'en-gb': 'en', 'en-ca': 'en', en: 'en', 'en-in': 'en',
  ara: 'ar', fre: 'fr', fra: 'fr', spa: 'es', ger: 'de', deu: 'de', ita: 'it', por: 'pt', jpn: 'ja', nl: 'nl',
  nld: 'nl', dut: 'nl', pol: 'pl', rus: 'ru', swe: 'sv', dan: 'da', fil: 'fil', ind: 'id', nor: 'no', per: 'fa',
  rum: 'ro', tur: 'tr', vie: 'vi', mul: 'mul', zho: 'zh', chi: 'zh', kor: 'ko', heb: 'he', gre: 'el', ell: 'el',
  fin: 'fi', cze: 'cs', ces: 'cs', hun: 'hu', isl: 'is', msa: 'ms', may: 'ms', tha: 'th', ukr: 'uk', srp: 'sr',
};

/** Normalises a language code to ISO 639-1 where known ("eng", "en-US" → "en"); unknown codes are kept lower-cased. */
export function normalizeLanguage(code: string): string | undefined {
  const c = code.trim().toLowerCase();
  if (c === '') return undefined;
  return LANGUAGE_CODES[c] ?? c;
}

/**
 * Repairs an ISBN-10 stored as a number: leading zeros were lost, so left-pad to 10 characters.
 * Returns the repaired ISBN when its check digit is valid.
 */
export function repairIsbn10(raw: string): { isbn?: string; problem?: string } {
  const compact = raw.trim().replace(/[\s-]/g, '').toUpperCase();
  if (compact === '') return { problem: 'empty' };
  if (!/^\d{1,9}[\dX]$/.test(compact)) return { problem: `not an ISBN-10: "${raw}"` };
  const isbn = compact.padStart(10, '0');
  return isValidIsbn10(isbn) ? { isbn } : { problem: `check digit fails for ${isbn}` };
}

/** Publication year from float text ("2008.0", "-1750.0"); undefined when empty or not a number. */
export function parseYear(raw: string): number | undefined {
  const t = raw.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? Math.trunc(v) : undefined;
}

/**
 * Reads goodbooks-10k books.csv into search documents: ISBN repaired and validated (isbn13 is in scientific notation
 * and ignored), comma-separated authors split, language codes normalised, float/BC years converted.
 * A row without a valid ISBN is keyed by its `book_id` (`goodbooks-<book_id>`, no ISBN); one without either, a
 * duplicate ISBN, a row without a title and a malformed row are skipped and reported.
 */
export function importGoodbooks(csv: string, onRow?: (rowsDone: number) => void): ImportReport {
  const documents: SearchDocument[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Set<string>();
  let header: Map<string, number> | null = null;
  let rows = 0;
  const skip = (line: number, reason: SkipReason, detail: string): void => {
    skipped.push({ line, reason, detail });
  };
  for (const record of parseCsv(csv, (line, message) => { skip(line, 'malformed-row', message); })) {
    if (header === null) {
      header = new Map(record.fields.map((name, i) => [name.trim(), i]));
      const missing = REQUIRED_COLUMNS.filter((c) => !header?.has(c));
      if (missing.length > 0) throw new Error(`books.csv lacks columns: ${missing.join(', ')}`);
      continue;
    }
    rows++;
    onRow?.(rows);
    const cols = header;
    const get = (name: string): string => record.fields[cols.get(name) ?? -1] ?? '';
    if (record.fields.length !== cols.size) {
      skip(record.line, 'malformed-row', `${record.fields.length} fields, expected ${cols.size}`);
      continue;
    }
    const { isbn, problem } = repairIsbn10(get('isbn'));
    const bookId = get('book_id').trim();
    if (isbn === undefined && !/^\d+$/.test(bookId)) {
      skip(record.line, problem === 'empty' ? 'missing-isbn' : 'invalid-isbn', problem ?? '');
      continue;
    }
    const key = isbn ?? recordIdOfRow(bookId);
    if (seen.has(key)) {
      skip(record.line, 'duplicate-isbn', key);
      continue;
    }
    const title = get('title').trim() || get('original_title').trim();
    if (title === '') {
      skip(record.line, 'missing-title', key);
      continue;
    }
    seen.add(key);
    const authors = get('authors').split(',').map((a) => a.trim()).filter((a) => a !== '');
    const year = parseYear(get('original_publication_year'));
    const language = normalizeLanguage(get('language_code'));
    const original = get('original_title').trim();
    documents.push({
      ...(isbn === undefined ? { recordId: key } : { isbn }),
      title,
      authors,
      subjects: [],
      ...(original !== '' && original !== title ? { description: original } : {}),
      ...(language === undefined ? {} : { language }),
      ...(year === undefined ? {} : { year }),
    });
  }
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  for (const s of skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  return { documents, skipped, rows, skippedByReason };
}
