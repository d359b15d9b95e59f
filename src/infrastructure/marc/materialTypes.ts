import type { MaterialType } from '../../domain/catalog/MaterialType.js';

/** What leader/06 (type of record) says a record describes, before 008 and 007 refine it. */
const BY_TYPE_OF_RECORD: Readonly<Record<string, MaterialType>> = {
  a: 'BOOK', // language material
  t: 'MANUSCRIPT', // manuscript language material
  c: 'SCORE', // notated music
  d: 'SCORE', // manuscript notated music
  e: 'MAP', // cartographic material
  f: 'MAP', // manuscript cartographic material
  g: 'VIDEO', // projected medium
  i: 'AUDIOBOOK', // nonmusical sound recording
  j: 'MUSIC', // musical sound recording
  k: 'OTHER', // two-dimensional nonprojectable graphic
  m: 'COMPUTER_FILE', // computer file
  o: 'KIT', // kit
  p: 'KIT', // mixed materials
  r: 'OTHER', // three-dimensional artifact
};

/** Bibliographic levels (leader/07) of a continuing resource. */
const SERIAL_LEVELS = new Set(['b', 'i', 's']);
/** 008/23 (form of item, books) for a large-print and an electronic item. */
const LARGE_PRINT_FORMS = new Set(['d']);
const ELECTRONIC_FORMS = new Set(['o', 'q', 's']);

/**
 * The material type of a MARC bibliographic record, from leader/06-07, 008 and 007: language material is a BOOK, a
 * SERIAL at a continuing level, LARGE_PRINT or an EBOOK by its form of item (008/23); a projected medium is a DVD when
 * its 007 says videodisc (007/00 `v`, 007/04 `v`), else VIDEO. The one home of this mapping, both ways.
 */
export function materialTypeOf(leader: string, field008: string | undefined, field007: string | undefined): MaterialType {
  const type = BY_TYPE_OF_RECORD[leader.charAt(6)] ?? 'OTHER';
  if (type === 'BOOK' && SERIAL_LEVELS.has(leader.charAt(7))) return 'SERIAL';
  if (type === 'BOOK') {
    const form = field008?.charAt(23) ?? ' ';
    if (LARGE_PRINT_FORMS.has(form)) return 'LARGE_PRINT';
    if (ELECTRONIC_FORMS.has(form)) return 'EBOOK';
  }
  if (type === 'VIDEO' && field007?.charAt(0) === 'v' && field007.charAt(4) === 'v') return 'DVD';
  return type;
}

/** Leader/06-07, 008/23 and 007 that say `type` (for writing a record); each read back by `materialTypeOf` as `type`. */
export const MARC_CODES_OF: Readonly<Record<MaterialType, { readonly leader67: string; readonly form23: string; readonly field007?: string }>> = {
  BOOK: { leader67: 'am', form23: ' ' },
  LARGE_PRINT: { leader67: 'am', form23: 'd' },
  EBOOK: { leader67: 'am', form23: 'o' },
  SERIAL: { leader67: 'as', form23: ' ' },
  MANUSCRIPT: { leader67: 'tm', form23: ' ' },
  SCORE: { leader67: 'cm', form23: ' ' },
  MAP: { leader67: 'em', form23: ' ' },
  VIDEO: { leader67: 'gm', form23: ' ' },
  DVD: { leader67: 'gm', form23: ' ', field007: 'vd cvaizq' },
  AUDIOBOOK: { leader67: 'im', form23: ' ' },
  MUSIC: { leader67: 'jm', form23: ' ' },
  COMPUTER_FILE: { leader67: 'mm', form23: ' ' },
  KIT: { leader67: 'om', form23: ' ' },
  OTHER: { leader67: 'rm', form23: ' ' },
};
