import { MarcRecord, type MarcField } from '@natlibfi/marc-record';

/** Test records, built with the MARC library: each names what it stands for. */
export const data = (tag: string, ind1: string, ind2: string, ...subfields: [string, string][]): MarcField => ({ tag, ind1, ind2, subfields: subfields.map(([code, value]) => ({ code, value })) });

/** A 008 for a book: `year` at 07-10, form of item at 23, language at 35-37. */
export const f008 = (year: string, language: string, form = ' '): string => `850101s${year}    mau${' '.repeat(5)}${form}${' '.repeat(11)}${language} d`;

/** Introduction to Algorithms, as a Koha export gives it: ISBD punctuation, an ISBN-10 with a qualifier, two Koha items. */
export function cormenRecord(): MarcRecord {
  return new MarcRecord({
    leader: '00000cam a2200000 a 4500',
    fields: [
      { tag: '001', value: '42' },
      { tag: '003', value: 'KOHA' },
      { tag: '008', value: f008('2009', 'eng') },
      data('010', ' ', ' ', ['a', '  2009008593']),
      data('020', ' ', ' ', ['a', '0262033844 (hardcover : alk. paper)']),
      data('100', '1', ' ', ['a', 'Cormen, Thomas H.']),
      data('245', '1', '0', ['a', 'Introduction to algorithms /'], ['c', 'Thomas H. Cormen ... [et al.].']),
      data('264', ' ', '1', ['a', 'Cambridge, Mass. :'], ['b', 'MIT Press,'], ['c', '[2009]']),
      data('520', ' ', ' ', ['a', 'A comprehensive introduction to the modern study of computer algorithms.']),
      data('650', ' ', '0', ['a', 'Computer programming.']),
      data('650', ' ', '0', ['a', 'Computer algorithms.']),
      data('700', '1', ' ', ['a', 'Leiserson, Charles E.']),
      data('700', '1', ' ', ['a', 'Rivest, Ronald L.']),
      data('952', ' ', ' ', ['a', 'main'], ['b', 'main'], ['o', '005.1 COR'], ['p', '31000000001'], ['y', 'BK']),
      data('952', ' ', ' ', ['a', 'east'], ['b', 'east'], ['o', '005.1 COR'], ['p', '31000000002'], ['y', 'REF']),
    ],
  });
}

/** A serial without an ISBN: an ISSN, no author, a 260 imprint, subjects with subdivisions. */
export function annalsRecord(): MarcRecord {
  return new MarcRecord({
    leader: '00000cas a2200000 a 4500',
    fields: [
      { tag: '001', value: 'sn78004256' },
      { tag: '003', value: 'DLC' },
      { tag: '008', value: f008('1884', '   ') },
      data('022', ' ', ' ', ['a', '0003-486X']),
      data('041', '0', ' ', ['a', 'eng']),
      data('245', '0', '0', ['a', 'Annals of mathematics :'], ['b', 'second series.']),
      data('260', ' ', ' ', ['a', 'Princeton, N.J. :'], ['b', 'Princeton University Press,'], ['c', '1884-']),
      data('651', ' ', '0', ['a', 'United States'], ['x', 'Mathematics'], ['v', 'Periodicals.']),
      data('852', ' ', ' ', ['b', 'main'], ['h', 'QA1'], ['i', '.A6'], ['p', 'S-0001']),
    ],
  });
}

/** A DVD: leader/06 g, a 007 for a videodisc, a UPC (024 ind1 1), an entry under a corporate body (110). */
export function samuraiRecord(): MarcRecord {
  return new MarcRecord({
    leader: '00000cgm a2200000 i 4500',
    fields: [
      { tag: '001', value: 'ocm50542208' },
      { tag: '007', value: 'vd cvaizq' },
      { tag: '008', value: f008('2002', 'jpn') },
      data('024', '1', ' ', ['a', '715515012423']),
      data('110', '2', ' ', ['a', 'Toho Company.']),
      data('245', '0', '0', ['a', 'Seven samurai /']),
      data('264', ' ', '1', ['b', 'Criterion Collection,'], ['c', '2002.']),
      data('655', ' ', '7', ['a', 'Feature films.']),
    ],
  });
}

/** A DVD without an ISBN, keyed by its OCLC number (001 `ocm12345678`, 003 `OCoLC`), with one Koha item of type DVD. */
export function casablancaRecord(): MarcRecord {
  return new MarcRecord({
    leader: '00000cgm a2200000 i 4500',
    fields: [
      { tag: '001', value: 'ocm12345678' },
      { tag: '003', value: 'OCoLC' },
      { tag: '007', value: 'vd cvaizq' },
      { tag: '008', value: f008('1942', 'eng') },
      data('100', '1', ' ', ['a', 'Curtiz, Michael.']),
      data('245', '1', '0', ['a', 'Casablanca /']),
      data('264', ' ', '1', ['b', 'Warner Home Video,'], ['c', '2003.']),
      data('952', ' ', ' ', ['a', 'main'], ['b', 'main'], ['o', 'DVD CAS'], ['p', 'DVD-0001'], ['y', 'DVD']),
    ],
  });
}

/** Unicode through the file: a Danish title and a Czech author with a caron, as MARC-8 or UTF-8. */
export function diacriticsRecord(): MarcRecord {
  return new MarcRecord({
    leader: '00000nam a2200000 a 4500',
    fields: [
      { tag: '001', value: 'ctl-77' },
      { tag: '008', value: f008('1960', 'dan') },
      data('020', ' ', ' ', ['a', '9788702000009']),
      data('100', '1', ' ', ['a', 'Čapek, Karel']),
      data('245', '1', '0', ['a', 'Ærø og Møn :'], ['b', 'en rejse i året 1959']),
    ],
  });
}
