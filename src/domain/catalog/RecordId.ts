import { CatalogError } from './CatalogError.js';
import { Isbn } from './Isbn.js';

/** A record id: letters, digits and `.`, `_`, `-`, starting with a letter or digit, at most 64 characters. */
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** What an ISBN looks like once compacted: such text is always read as an ISBN, never as a record id. */
const ISBN_SHAPE = /^(\d{9}[\dX]|\d{13})$/;
/** Whether `key` reads `raw` as an ISBN: of ISBN shape, or digits (with hyphens, blanks) enough to be one mistyped. */
const readsAsIsbn = (raw: string): boolean => ISBN_SHAPE.test(Isbn.compact(raw)) || (/^[\d\s-]+[Xx]?$/.test(raw) && raw.replace(/\D/g, '').length >= 9);

/**
 * The stable key of a catalogue record. A record with an ISBN is keyed by its ISBN-13, so titles catalogued before
 * records without an ISBN existed keep their key, and everything keyed by a title's ISBN (copies, queues, URLs) stays
 * as it was. A record without an ISBN is keyed by its control number (MARC 001, qualified by 003) when it has one,
 * else by a generated id. The one home of these rules.
 */
export const RecordId = {
  /** The key of a record with this ISBN. */
  ofIsbn(isbn: Isbn): string {
    return isbn.value;
  },

  /**
   * The key of a record without an ISBN, from its control number (MARC 001) and the agency that assigned it (003):
   * `AGENCY-number`, or the number alone (prefixed `ctl-` when `key` would read it as an ISBN: of ISBN shape, or nine
   * or more digits, as Library of Congress and Aleph numbers are), characters other than letters, digits, `.`, `_` and
   * `-` made `-`.
   */
  fromControlNumber(controlNumber: string, agency?: string): string {
    const clean = (s: string): string => s.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    const number = clean(controlNumber);
    if (number.length === 0) throw new CatalogError('INVALID_RECORD_ID', `control number "${controlNumber}" has no letter or digit`, { controlNumber });
    const qualified = agency !== undefined && clean(agency).length > 0 ? `${clean(agency)}-${number}` : number;
    return RecordId.parse((readsAsIsbn(qualified) ? `ctl-${qualified}` : qualified).slice(0, 64));
  },

  /** Checks a record id given from outside (not one of ISBN shape: that is an ISBN key). */
  parse(raw: unknown): string {
    if (typeof raw !== 'string' || !RECORD_ID.test(raw)) {
      throw new CatalogError('INVALID_RECORD_ID', 'a record id is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit', { recordId: String(raw) });
    }
    if (ISBN_SHAPE.test(Isbn.compact(raw))) throw new CatalogError('INVALID_RECORD_ID', `"${raw}" has the shape of an ISBN; a record with an ISBN is keyed by it`, { recordId: raw });
    return raw;
  },

  /**
   * The key a caller means by `raw`: an ISBN in any form (10 or 13 digits, hyphens) is read as the ISBN-13, its check
   * digit verified (INVALID_ISBN otherwise); anything else must be a record id.
   */
  key(raw: unknown): string {
    if (typeof raw === 'string' && readsAsIsbn(raw)) return Isbn.parse(raw).value;
    return RecordId.parse(raw);
  },
};
