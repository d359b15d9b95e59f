/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array columns: every doc id is in bounds by construction. */
import { SEARCH_FORMATS, type SearchQuery } from '../../application/ports/SearchIndex.js';
import { fold, tokenize } from './analysis.js';
import type { AvailabilityTable } from './AvailabilityTable.js';
import { type DocumentTable, NO_YEAR } from './DocumentTable.js';
import { growU32, growU8 } from './typedArrays.js';

/** Multiplier for titles with a borrowable copy or a free license (or a copy at the requested branch). */
export const AVAILABILITY_BOOST = 1.1;

/** A query's filters resolved to interned ids and availability arrays. */
export interface Filters {
  readonly yearFrom: number;
  readonly yearTo: number;
  readonly hasYearFilter: boolean;
  readonly languageId: number;
  readonly subjectId: number;
  readonly availableOnly: boolean;
  readonly branch: Uint16Array | null;
  /** The bit of the format asked for (see DocumentTable.formats), or 0 for any. */
  readonly formatBit: number;
  /** The id of the material type asked for (see DocumentTable.materialTypes), or 0 for any. */
  readonly materialTypeId: number;
  /** Folded author tokens joined and padded with spaces (" stephen king "), or null. */
  readonly authorPhrase: string | null;
}

/** The filters and the availability boost of a query, applied per matching document. */
export class DocumentFilter {
  /** Per author id: folded tokens as " a b c " (lazily), and a per-query memo of the author phrase check. */
  private readonly authorFolded: string[] = [];
  private memoEpoch = new Uint32Array(0);
  private memoValue = new Uint8Array(0);
  private epoch = 0;

  constructor(
    private readonly docs: DocumentTable,
    private readonly availability: AvailabilityTable,
  ) {}

  /** The query's filters, or null when one names a language, subject or branch the index has never seen. */
  prepare(query: SearchQuery): Filters | null {
    this.epoch++;
    this.memoEpoch = growU32(this.memoEpoch, this.docs.authorNames.size);
    this.memoValue = growU8(this.memoValue, this.docs.authorNames.size);
    let languageId = 0;
    if (query.language !== undefined && query.language.trim() !== '') {
      languageId = this.docs.languages.find(fold(query.language.trim()));
      if (languageId < 0) return null;
    }
    let subjectId = 0;
    if (query.subject !== undefined && query.subject.trim() !== '') {
      subjectId = this.docs.subjects.find(fold(query.subject.trim()));
      if (subjectId < 0) return null;
    }
    let branch: Uint16Array | null = null;
    if (query.branch !== undefined) {
      branch = this.availability.atBranch(query.branch);
      if (branch === null) return null;
    }
    let formatBit = 0;
    if (query.format !== undefined) {
      const i = SEARCH_FORMATS.indexOf(query.format);
      if (i < 0) return null;
      formatBit = 1 << i;
    }
    let materialTypeId = 0;
    if (query.materialType !== undefined && query.materialType.trim() !== '') {
      materialTypeId = this.docs.materialTypes.find(query.materialType.trim().toUpperCase());
      if (materialTypeId < 0) return null;
    }
    const author = query.author === undefined ? [] : tokenize(query.author);
    return {
      yearFrom: query.yearFrom ?? -32767,
      yearTo: query.yearTo ?? 32767,
      hasYearFilter: query.yearFrom !== undefined || query.yearTo !== undefined,
      languageId,
      subjectId,
      availableOnly: query.availableOnly === true,
      branch,
      formatBit,
      materialTypeId,
      authorPhrase: author.length > 0 ? ` ${author.join(' ')} ` : null,
    };
  }

  passes(d: number, f: Filters): boolean {
    const docs = this.docs;
    if (f.hasYearFilter) {
      const y = docs.years[d]!;
      if (y === NO_YEAR || y < f.yearFrom || y > f.yearTo) return false;
    }
    if (f.languageId !== 0 && docs.langs[d] !== f.languageId) return false;
    if (f.availableOnly && docs.available[d] === 0 && docs.licenses[d] === 0) return false;
    if (f.formatBit !== 0 && (docs.formats[d]! & f.formatBit) === 0) return false;
    if (f.materialTypeId !== 0 && docs.mats[d] !== f.materialTypeId) return false;
    if (f.branch !== null && (f.branch[d] ?? 0) === 0) return false;
    if (f.subjectId !== 0 && !docs.hasSubject(d, f.subjectId)) return false;
    if (f.authorPhrase !== null && !this.authorPhraseMatches(d, f.authorPhrase)) return false;
    return true;
  }

  /** A copy on the shelf (at the branch asked for), or else a free license when no branch is asked for. */
  boost(d: number, f: Filters): number {
    const avail = f.branch !== null ? (f.branch[d] ?? 0) : this.docs.available[d]! + this.docs.licenses[d]!;
    return avail > 0 ? AVAILABILITY_BOOST : 1;
  }

  /**
   * The author filter names one person: its tokens must appear contiguously in a single author's name.
   * The check runs once per distinct author per query (memoised by author id), not once per book.
   */
  private authorPhraseMatches(d: number, phrase: string): boolean {
    const docs = this.docs;
    const s = docs.authStart[d]!;
    const e = s + docs.authCount[d]!;
    const epoch = this.epoch;
    for (let i = s; i < e; i++) {
      const a = docs.authPool[i]!;
      if (this.memoEpoch[a] !== epoch) {
        let folded = this.authorFolded[a];
        if (folded === undefined) {
          folded = ` ${tokenize(docs.authorNames.values[a]!).join(' ')} `;
          this.authorFolded[a] = folded;
        }
        this.memoEpoch[a] = epoch;
        this.memoValue[a] = folded.includes(phrase) ? 1 : 0;
      }
      if (this.memoValue[a] === 1) return true;
    }
    return false;
  }
}
