/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array columns: every doc id is in bounds by construction. */
import { DEFAULT_MATERIAL_TYPE, identifierValues, SEARCH_FORMATS, type SearchDocument, type SearchFormat, type SearchHit } from '../../application/ports/SearchIndex.js';
import { fold } from './analysis.js';
import { growI16, growU16, growU32, growU8, Interner } from './typedArrays.js';

export const NO_YEAR = -32768;

/**
 * Per-document values as typed-array columns indexed by an internal doc id: liveness, year, language, field
 * lengths, borrowable copies, subject ids and author-name ids (each as start/count into a pool), and the display
 * fields a hit needs. Doc ids are never reused; a replaced or removed document is a tombstone.
 */
export class DocumentTable {
  nextDoc = 0;
  aliveCount = 0;
  tombstones = 0;
  alive = new Uint8Array(0);
  years = new Int16Array(0);
  langs = new Uint16Array(0);
  lenTitle = new Uint16Array(0);
  lenAuthors = new Uint16Array(0);
  lenSubjects = new Uint16Array(0);
  lenDescription = new Uint16Array(0);
  /** Sums of the four field lengths over live documents (title, authors, subjects, description). */
  readonly lenSums = new Float64Array(4);
  available = new Uint32Array(0);
  /** Digital licenses free now. */
  licenses = new Uint32Array(0);
  /** The formats a title can be lent in, one bit per SEARCH_FORMATS entry. */
  formats = new Uint8Array(0);
  subjStart = new Uint32Array(0);
  subjCount = new Uint8Array(0);
  subjPool = new Uint16Array(0);
  private subjPoolLen = 0;
  /** Per doc: its record id (the key), and its ISBN or ''. */
  private readonly keys: string[] = [];
  private readonly isbns: string[] = [];
  /** Per doc: its material type's id in `materialTypes`. */
  mats = new Uint16Array(0);
  readonly materialTypes = new Interner();
  /** Identifier values (ISSN, UPC, LCCN, …) to the docs that carry them, ascending: one doc id as itself (most values), more as a list. */
  private readonly docsByIdentifier = new Map<string, number | number[]>();
  private readonly identifiersOf: (readonly string[])[] = [];
  private readonly titles: string[] = [];
  authStart = new Uint32Array(0);
  authCount = new Uint8Array(0);
  authPool = new Uint32Array(0);
  private authPoolLen = 0;
  readonly authorNames = new Interner();
  /** Record id to doc id (a record with an ISBN has it as record id). */
  readonly docByIsbn = new Map<string, number>();
  readonly languages = new Interner();
  readonly subjects = new Interner();

  /** Allocates a doc id for a document and records everything but its field lengths. */
  add(isbn: string, doc: SearchDocument): number {
    const d = this.nextDoc++;
    this.ensureCapacity(d + 1);
    this.docByIsbn.set(isbn, d);
    this.keys[d] = isbn;
    this.isbns[d] = doc.isbn?.trim() ?? '';
    this.mats[d] = this.materialTypes.id((doc.materialType ?? DEFAULT_MATERIAL_TYPE).trim().toUpperCase());
    const identifiers = [...new Set(identifierValues(doc).map((v) => v.toUpperCase()))];
    this.identifiersOf[d] = identifiers;
    for (const v of identifiers) {
      const docs = this.docsByIdentifier.get(v);
      if (docs === undefined) this.docsByIdentifier.set(v, d);
      else if (typeof docs === 'number') this.docsByIdentifier.set(v, [docs, d]);
      else docs.push(d);
    }
    this.titles[d] = doc.title;
    const nAuth = Math.min(doc.authors.length, 255);
    this.authPool = growU32(this.authPool, this.authPoolLen + nAuth);
    this.authStart[d] = this.authPoolLen;
    this.authCount[d] = nAuth;
    for (let i = 0; i < nAuth; i++) this.authPool[this.authPoolLen++] = this.authorNames.id(doc.authors[i]!);
    this.alive[d] = 1;
    this.aliveCount++;
    this.years[d] = doc.year ?? NO_YEAR;
    this.langs[d] = doc.language === undefined || doc.language.trim() === '' ? 0 : this.languages.id(fold(doc.language.trim()));

    const subjectIds = new Set<number>();
    for (const s of doc.subjects) {
      const f = fold(s.trim());
      if (f !== '') subjectIds.add(this.subjects.id(f));
    }
    const nSubj = Math.min(subjectIds.size, 255);
    this.subjPool = growU16(this.subjPool, this.subjPoolLen + nSubj);
    this.subjStart[d] = this.subjPoolLen;
    this.subjCount[d] = nSubj;
    let k = 0;
    for (const id of subjectIds) {
      if (k++ >= nSubj) break;
      this.subjPool[this.subjPoolLen++] = id;
    }
    return d;
  }

  setLengths(d: number, title: number, authors: number, subjects: number, description: number): void {
    this.lenTitle[d] = title;
    this.lenAuthors[d] = authors;
    this.lenSubjects[d] = subjects;
    this.lenDescription[d] = description;
    this.lenSums[0]! += title;
    this.lenSums[1]! += authors;
    this.lenSums[2]! += subjects;
    this.lenSums[3]! += description;
  }

  /** Marks a live document dead; false when it already was. */
  tombstone(d: number): boolean {
    if (this.alive[d] !== 1) return false;
    this.alive[d] = 0;
    this.aliveCount--;
    this.tombstones++;
    this.lenSums[0]! -= this.lenTitle[d]!;
    this.lenSums[1]! -= this.lenAuthors[d]!;
    this.lenSums[2]! -= this.lenSubjects[d]!;
    this.lenSums[3]! -= this.lenDescription[d]!;
    this.titles[d] = '';
    this.keys[d] = '';
    this.isbns[d] = '';
    for (const v of this.identifiersOf[d] ?? []) {
      const docs = this.docsByIdentifier.get(v);
      if (docs === d) this.docsByIdentifier.delete(v);
      else if (Array.isArray(docs)) {
        const left = docs.filter((x) => x !== d);
        this.docsByIdentifier.set(v, left.length === 1 ? left[0]! : left);
      }
    }
    this.identifiersOf[d] = [];
    this.authCount[d] = 0;
    return true;
  }

  /** The ISBN no longer names a document (it was removed; its doc id is tombstoned separately). */
  forget(isbn: string): void {
    this.docByIsbn.delete(isbn);
  }

  /** The live docs that carry an identifier with this value (case-insensitive), e.g. an ISSN `0028-0836`. */
  withIdentifier(value: string): number[] {
    const docs = this.docsByIdentifier.get(value.trim().toUpperCase());
    return docs === undefined ? [] : typeof docs === 'number' ? [docs] : [...docs];
  }

  /** The postings of dead documents were dropped: no tombstone is left to skip. */
  compacted(): void {
    this.tombstones = 0;
  }

  /** Average length of a field over live documents (never 0). */
  averageLength(field: number): number {
    return this.aliveCount === 0 ? 1 : Math.max(this.lenSums[field]! / this.aliveCount, 1e-9);
  }

  subjectsOf(d: number, visit: (subjectId: number) => void): void {
    const s = this.subjStart[d]!;
    const e = s + this.subjCount[d]!;
    for (let i = s; i < e; i++) visit(this.subjPool[i]!);
  }

  hasSubject(d: number, subjectId: number): boolean {
    const s = this.subjStart[d]!;
    const e = s + this.subjCount[d]!;
    for (let i = s; i < e; i++) if (this.subjPool[i] === subjectId) return true;
    return false;
  }

  hit(d: number, score: number): SearchHit {
    const year = this.years[d]!;
    const isbn = this.isbns[d]!;
    const base = {
      recordId: this.keys[d]!,
      ...(isbn === '' ? {} : { isbn }),
      materialType: this.materialTypes.values[this.mats[d]!]!,
      title: this.titles[d]!,
      authors: this.authorsOf(d),
      score,
      availableCopies: this.available[d]!,
      availableLicenses: this.licenses[d]!,
      formats: DocumentTable.formatsOf(this.formats[d]!),
    };
    return year === NO_YEAR ? base : { ...base, year };
  }

  static formatBits(formats: readonly SearchFormat[]): number {
    return formats.reduce((bits, f) => bits | (1 << SEARCH_FORMATS.indexOf(f)), 0);
  }

  static formatsOf(bits: number): SearchFormat[] {
    return SEARCH_FORMATS.filter((_f, i) => (bits & (1 << i)) !== 0);
  }

  private authorsOf(d: number): string[] {
    const s = this.authStart[d]!;
    const out: string[] = [];
    for (let i = s; i < s + this.authCount[d]!; i++) out.push(this.authorNames.values[this.authPool[i]!]!);
    return out;
  }

  private ensureCapacity(min: number): void {
    if (this.alive.length >= min) return;
    const cap = Math.max(min, this.alive.length * 2, 1024);
    this.alive = growU8(this.alive, cap);
    this.years = growI16(this.years, cap, NO_YEAR);
    this.langs = growU16(this.langs, cap);
    this.mats = growU16(this.mats, cap);
    this.lenTitle = growU16(this.lenTitle, cap);
    this.lenAuthors = growU16(this.lenAuthors, cap);
    this.lenSubjects = growU16(this.lenSubjects, cap);
    this.lenDescription = growU16(this.lenDescription, cap);
    this.available = growU32(this.available, cap);
    this.licenses = growU32(this.licenses, cap);
    this.formats = growU8(this.formats, cap);
    this.subjStart = growU32(this.subjStart, cap);
    this.subjCount = growU8(this.subjCount, cap);
    this.authStart = growU32(this.authStart, cap);
    this.authCount = growU8(this.authCount, cap);
  }
}
