import { createHash } from 'node:crypto';
import type { MarcDataField, MarcField, MarcRecord } from '@natlibfi/marc-record';
import type { BookDescription } from '../../domain/catalog/Book.js';
import { CatalogIdentifier, type IdentifierScheme } from '../../domain/catalog/CatalogIdentifier.js';
import type { LoanCategory } from '../../domain/catalog/LoanCategory.js';
import type { MaterialType } from '../../domain/catalog/MaterialType.js';
import { RecordId } from '../../domain/catalog/RecordId.js';
import { MarcError } from './MarcError.js';
import { HOLDINGS_852, holdingsOf, KOHA_952, type Holding, type HoldingsLayout } from './holdings.js';
import { materialTypeOf } from './materialTypes.js';
import { sub, subs } from './subfields.js';

export type { Holding, HoldingsLayout } from './holdings.js';

/** How records become catalogue entries: the holdings fields read, and what each item type lends as. */
export interface MarcMapping {
  readonly holdings: readonly HoldingsLayout[];
  /** Item type codes (952 $y) to loan categories; a code not listed falls back to the material type's. */
  readonly itemTypes: Readonly<Record<string, LoanCategory>>;
  /** The loan category of a copy whose item type is not listed, by the record's material type. Default STANDARD. */
  readonly byMaterialType: Readonly<Partial<Record<MaterialType, LoanCategory>>>;
}

/** Koha's 952 (items) and MARC 21 Holdings 852 (location, as Evergreen exports it): the layouts catalogues are exported with. */
export const DEFAULT_MAPPING: MarcMapping = {
  holdings: [KOHA_952, HOLDINGS_852],
  itemTypes: { REF: 'REFERENCE', REFERENCE: 'REFERENCE', SHORT: 'SHORT_LOAN', SHORT_LOAN: 'SHORT_LOAN', DVD: 'MEDIA', CD: 'MEDIA', MEDIA: 'MEDIA', BK: 'STANDARD', BOOK: 'STANDARD' },
  byMaterialType: { DVD: 'MEDIA', VIDEO: 'MEDIA', MUSIC: 'MEDIA', AUDIOBOOK: 'MEDIA', COMPUTER_FILE: 'MEDIA', SERIAL: 'SHORT_LOAN' },
};

export interface CatalogueEntry {
  readonly description: BookDescription & { readonly recordId?: string; readonly materialType: MaterialType };
  readonly holdings: readonly Holding[];
  /** What the mapping left out of a record it catalogues (an ISBN whose check digit fails, say), for the import report. */
  readonly warnings: readonly string[];
}

/**
 * Strips the ISBD punctuation a cataloguer ends a subfield with (` /`, ` :`, ` ;`, ` =`, `,`, and a full stop, but
 * not one closing an initial, an abbreviation such as "H." or "Jr.", or an ellipsis), and the mark some records begin
 * the next subfield with instead (`$b : a gallery …`).
 */
export function withoutIsbd(text: string): string {
  let t = text.trim().replace(/^[/:;=]\s+/, '').replace(/\s*[/:;=,]$/, '').trim();
  if (t.endsWith('.') && !t.endsWith('...') && !/(^|[\s.])\p{Lu}\.$|\b(Jr|Sr|Dr|St|Co|Inc|Ltd|ed|eds)\.$/u.test(t)) t = t.slice(0, -1).trim();
  return t;
}

const IDENTIFIER_TAGS: readonly { readonly tag: string; readonly scheme: (field: MarcDataField) => IdentifierScheme | null }[] = [
  { tag: '010', scheme: () => 'LCCN' },
  { tag: '020', scheme: () => 'ISBN' },
  { tag: '022', scheme: () => 'ISSN' },
  { tag: '024', scheme: (f) => (f.ind1 === '1' ? 'UPC' : f.ind1 === '3' ? 'EAN' : null) },
];

/** A record's fields by tag, in record order: what `record.get(tag)` gives, read once (`get` makes a RegExp per field and call). */
type FieldsByTag = ReadonlyMap<string, readonly MarcField[]>;

function fieldsByTag(record: MarcRecord): FieldsByTag {
  const byTag = new Map<string, MarcField[]>();
  for (const field of record.fields) {
    const same = byTag.get(field.tag);
    if (same === undefined) byTag.set(field.tag, [field]);
    else same.push(field);
  }
  return byTag;
}

/**
 * The record's standard numbers ($a of 010, 020, 022, 024 with ind1 1 or 3), in tag order. One that fails its check
 * (a mistyped ISBN, a name keyed into 020 $a, as real catalogues have) is left out, like a cancelled one in $z: it is
 * never the record's key, and the record is still catalogued.
 */
function identifiersOf(fields: FieldsByTag, warnings: string[]): string[] {
  const out: string[] = [];
  for (const { tag, scheme } of IDENTIFIER_TAGS) {
    for (const field of (fields.get(tag) ?? []) as MarcDataField[]) {
      const kind = scheme(field);
      const raw = sub(field, 'a');
      if (kind === null || raw === undefined) continue;
      // 020 $a may carry a qualifier after the number: "0262033844 (hardcover)".
      const number = raw.split(/[\s(]/)[0] ?? raw;
      const id = CatalogIdentifier.tryParse(kind, kind === 'LCCN' ? raw : number);
      if (id) out.push(id.toString());
      else warnings.push(`${tag} $a "${raw}" is not a valid ${kind}: left out of the identifiers`);
    }
  }
  return [...new Set(out)];
}

/** Leader/06 of MARC records that describe no title: authority and holdings records, found in mixed exports. */
const NOT_BIBLIOGRAPHIC: Readonly<Record<string, string>> = { z: 'an authority', u: 'a holdings', v: 'a holdings', x: 'a holdings', y: 'a holdings', q: 'a community information' };

/** What a cataloguer writes for a publisher or date not known (RDA's "[publisher not identified]", AACR2's "[s.n.]"). */
const NOT_IDENTIFIED = /^\[?\s*(s\.\s?n\.|s\.\s?l\.|sine nomine|(publisher|date of publication|place of publication) not identified)\s*\]?[\s,.:;]*$/i;

const control = (fields: FieldsByTag, tag: string): string | undefined => {
  const field = fields.get(tag)?.[0];
  return field && 'value' in field ? field.value : undefined;
};

/**
 * A MARC bibliographic record as a catalogue entry: title (245 $a $b), authors (100, 110, 700, 710), identifiers,
 * publisher and year (264, else 260, else 008/07-10), subjects (650, 651, 655), language (008/35-37, else 041),
 * description (520), material type, and its copies (the holdings layouts of `mapping`). The record id: its ISBN-13
 * when it has an ISBN; else 001 qualified by 003; else one made from its title, authors and year (the same record
 * gets the same id on every import). A record that cannot be catalogued throws UNMAPPABLE_RECORD.
 */
export function entryOf(record: MarcRecord, mapping: MarcMapping = DEFAULT_MAPPING): CatalogueEntry {
  const byTag = fieldsByTag(record);
  const field = (tag: string): MarcDataField[] => (byTag.get(tag) ?? []) as MarcDataField[];
  const kind = NOT_BIBLIOGRAPHIC[record.leader.charAt(6)];
  if (kind !== undefined) throw new MarcError('UNMAPPABLE_RECORD', `leader/06 "${record.leader.charAt(6)}": ${kind} record, not a bibliographic one`);
  const f245 = field('245')[0];
  const titleA = sub(f245, 'a');
  if (titleA === undefined) throw new MarcError('UNMAPPABLE_RECORD', 'no title (245 $a)');
  const titleB = sub(f245, 'b');
  // A subtitle left in $a after ISBD's " : " reads as one given in $b: "Black fire : a Star Trek novel".
  const title = (titleB === undefined ? withoutIsbd(titleA) : `${withoutIsbd(titleA)}: ${withoutIsbd(titleB)}`).replace(/\s+:\s+/g, ': ');

  const names = ['100', '110', '111', '700', '710', '711'].flatMap((tag) => field(tag).map((f) => [sub(f, 'a'), ...(tag.endsWith('10') ? subs(f, 'b') : [])].filter((s) => s !== undefined).map(withoutIsbd).join('. ')));
  // The publication 264 (ind2 1) first, then any 264, then 260; each part from the first of them that has it (a
  // record may split its imprint over two 260s).
  const imprints = [...field('264').filter((f) => f.ind2 === '1'), ...field('264').filter((f) => f.ind2 !== '1'), ...field('260')];
  const imprintPart = (code: string): string | undefined => imprints.map((f) => sub(f, code)).find((v) => v !== undefined && !NOT_IDENTIFIED.test(v));
  const publisher = imprintPart('b') === undefined ? undefined : withoutIsbd(imprintPart('b') ?? '');
  const authors = [...new Set(names.filter((n) => n.length > 0))];

  const f008 = control(byTag, '008');
  // The first year of our era in $c: "5715-733 [1954 or 1955-1972]" (a Hebrew-calendar year first) gives 1954.
  const yearText = /(?<!\d)[12]\d{3}(?!\d)/.exec(imprintPart('c') ?? '')?.[0] ?? (/^\d{4}$/.test(f008?.slice(7, 11) ?? '') ? f008?.slice(7, 11) : undefined);
  const lang008 = f008?.slice(35, 38);
  // An older 041 $a runs several codes together ("engfre"): the first is the language.
  const language = lang008 !== undefined && /^[a-z]{3}$/.test(lang008) ? lang008 : sub(field('041')[0], 'a')?.replace(/^([a-z]{3})(?:[a-z]{3})+$/, '$1');
  const subjects = [...new Set(['650', '651', '655'].flatMap((tag) => field(tag).map((f) => f.subfields.filter((s) => 'avxyz'.includes(s.code) && s.value?.trim()).map((s) => withoutIsbd(s.value ?? '')).join(' -- '))))].filter((s) => s.length > 0);
  const description = field('520').map((f) => sub(f, 'a')).filter((s) => s !== undefined).join('\n\n') || undefined;
  const warnings: string[] = [];
  const identifiers = identifiersOf(byTag, warnings);
  const isbn = identifiers.find((i) => i.startsWith('ISBN:'))?.slice(5);
  const materialType = materialTypeOf(record.leader, f008, control(byTag, '007'));

  const controlNumber = control(byTag, '001')?.trim();
  const recordId =
    isbn !== undefined ? undefined : controlNumber ? RecordId.fromControlNumber(controlNumber, control(byTag, '003')) : generatedId(title, authors, yearText);
  return {
    description: {
      ...(isbn === undefined ? {} : { isbn }),
      ...(recordId === undefined ? {} : { recordId }),
      identifiers,
      materialType,
      title,
      authors,
      subjects,
      ...(publisher === undefined ? {} : { publisher }),
      ...(yearText === undefined ? {} : { year: Number(yearText) }),
      ...(language === undefined ? {} : { language }),
      ...(description === undefined ? {} : { description }),
    },
    holdings: holdingsOf(record, mapping.holdings, mapping.itemTypes, mapping.byMaterialType[materialType] ?? 'STANDARD', warnings),
    warnings,
  };
}

function generatedId(title: string, authors: readonly string[], year: string | undefined): string {
  return `gen-${createHash('sha256').update(JSON.stringify([title.toLowerCase(), authors.map((a) => a.toLowerCase()), year ?? null])).digest('hex').slice(0, 20)}`;
}
