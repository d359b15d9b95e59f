import type { MarcDataField, MarcField, MarcRecord } from '@natlibfi/marc-record';
import { recordOf } from './iso2709.js';
import type { BookPrimitives } from '../../domain/catalog/Book.js';
import { MARC_CODES_OF } from './materialTypes.js';
import type { BookItemStatus } from '../../domain/catalog/BookItemStates.js';
import { KOHA_STATUS_SUBFIELDS } from './holdings.js';

/** A copy as the export writes it: where it stands, what it lends as, and its state (lost, missing, damaged go along). */
export interface ExportedCopy {
  readonly barcode: string;
  readonly branch: string;
  readonly rack: string;
  readonly loanCategory: string;
  readonly status: BookItemStatus;
}

const TAG_OF_SCHEME: Readonly<Record<string, { tag: string; ind1: string }>> = {
  ISBN: { tag: '020', ind1: ' ' },
  ISSN: { tag: '022', ind1: ' ' },
  UPC: { tag: '024', ind1: '1' },
  EAN: { tag: '024', ind1: '3' },
  LCCN: { tag: '010', ind1: ' ' },
};

const data = (tag: string, ind1: string, ind2: string, subfields: readonly [string, string | null | undefined][]): MarcDataField => ({
  tag,
  ind1,
  ind2,
  subfields: subfields.filter((s): s is [string, string] => typeof s[1] === 'string' && s[1].length > 0).map(([code, value]) => ({ code, value })),
});

/**
 * A catalogue record and its copies as a MARC 21 bibliographic record with Koha-style 952 holdings (a lost, missing or
 * damaged copy with Koha's $1 or $4): what `entryOf` reads back as the same record (001 is the record id, so a record
 * without an ISBN keeps its id).
 */
export function marcRecordOf(book: BookPrimitives, copies: readonly ExportedCopy[]): MarcRecord {
  const codes = MARC_CODES_OF[book.materialType];
  const year = book.year !== null && book.year >= 0 && book.year <= 9999 ? String(book.year).padStart(4, '0') : '    ';
  const language = book.language !== null && /^[a-z]{3}$/.test(book.language) ? book.language : '   ';
  const f008 = `000000${year === '    ' ? 'n' : 's'}${year}    xx ${' '.repeat(5)}${codes.form23}${' '.repeat(11)}${language} d`;
  const fields: MarcField[] = [{ tag: '001', value: book.recordId }];
  if (codes.field007) fields.push({ tag: '007', value: codes.field007 });
  fields.push({ tag: '008', value: f008 });
  for (const identifier of book.identifiers) {
    const colon = identifier.indexOf(':');
    const place = TAG_OF_SCHEME[identifier.slice(0, colon)];
    if (place) fields.push(data(place.tag, place.ind1, ' ', [['a', identifier.slice(colon + 1)]]));
  }
  const [first, ...others] = book.authors;
  if (first !== undefined) fields.push(data('100', '1', ' ', [['a', first]]));
  const colon = book.title.indexOf(': ');
  fields.push(data('245', '0', '0', colon < 0 ? [['a', book.title]] : [['a', book.title.slice(0, colon)], ['b', book.title.slice(colon + 2)]]));
  if (book.publisher !== null || book.year !== null) fields.push(data('264', ' ', '1', [['b', book.publisher], ['c', book.year === null ? null : String(book.year)]]));
  if (book.language !== null && language === '   ') fields.push(data('041', ' ', ' ', [['a', book.language]]));
  if (book.description !== null) fields.push(data('520', ' ', ' ', [['a', book.description]]));
  for (const subject of book.subjects) fields.push(data('650', ' ', '4', [['a', subject]]));
  for (const other of others) fields.push(data('700', '1', ' ', [['a', other]]));
  for (const copy of copies) {
    const state = KOHA_STATUS_SUBFIELDS[copy.status];
    fields.push(data('952', ' ', ' ', [['a', copy.branch], ['b', copy.branch], ['o', copy.rack], ['p', copy.barcode], ['y', copy.loanCategory], ...(state ? [state] : [])]));
  }
  fields.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return recordOf(`00000n${codes.leader67} a2200000 i 4500`, fields);
}
