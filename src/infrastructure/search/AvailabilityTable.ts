import { LICENSE_COUNT_CAP, SEARCH_FORMATS, type Availability } from '../../application/ports/SearchIndex.js';
import { DocumentTable } from './DocumentTable.js';
import { SearchError } from './SearchError.js';
import { growU16, Interner } from './typedArrays.js';

/**
 * Borrowable copies per document (in the document table) and per branch (one Uint16Array per interned branch).
 * Availability for an ISBN not indexed yet is kept and applied when it arrives, and kept again when it is removed.
 */
export class AvailabilityTable {
  readonly branches = new Interner();
  private readonly byBranch: Uint16Array<ArrayBuffer>[] = [new Uint16Array(0)];
  private readonly pending = new Map<string, Availability>();

  constructor(private readonly docs: DocumentTable) {}

  static validate(isbn: string, availability: Availability): void {
    const ok = (n: number): boolean => Number.isInteger(n) && n >= 0;
    if (!ok(availability.available) || !Object.values(availability.byBranch).every(ok) || !ok(availability.licenses ?? 0)) {
      throw new SearchError('INVALID_AVAILABILITY', `availability of ${isbn} must be non-negative integers`);
    }
    if (!(availability.formats ?? []).every((f) => SEARCH_FORMATS.includes(f))) {
      throw new SearchError('INVALID_AVAILABILITY', `availability of ${isbn} names a format other than ${SEARCH_FORMATS.join(', ')}`);
    }
  }

  /** Copies per doc id at a branch (shorter than the table: missing entries are 0), or null for an unknown branch. */
  atBranch(branch: string): Uint16Array | null {
    const b = this.branches.find(branch);
    if (b < 0) return null;
    return this.byBranch[b] ?? null;
  }

  /** A document just indexed under `isbn`: it starts with nothing on the shelf unless availability was waiting. */
  arrived(isbn: string, d: number): void {
    const waiting = this.pending.get(isbn);
    this.docs.available[d] = 0;
    this.docs.licenses[d] = 0;
    this.docs.formats[d] = 0;
    if (waiting !== undefined) {
      this.pending.delete(isbn);
      this.apply(d, waiting);
    }
  }

  /** A document about to be removed: keep its availability for when the ISBN comes back. */
  leaving(isbn: string, d: number): void {
    const availability = this.of(d);
    const kept = availability.available > 0 || Object.keys(availability.byBranch).length > 0 || (availability.licenses ?? 0) > 0 || (availability.formats ?? []).length > 0;
    if (kept) this.pending.set(isbn, availability);
  }

  set(isbn: string, availability: Availability): void {
    const d = this.docs.docByIsbn.get(isbn);
    if (d === undefined) this.pending.set(isbn, availability);
    else this.apply(d, availability);
  }

  private of(d: number): Availability {
    const byBranch: Record<string, number> = {};
    for (let b = 1; b < this.branches.size; b++) {
      const n = this.byBranch[b]?.[d] ?? 0;
      if (n > 0) byBranch[this.branches.values[b] ?? ''] = n;
    }
    return { available: this.docs.available[d] ?? 0, byBranch, licenses: this.docs.licenses[d] ?? 0, formats: DocumentTable.formatsOf(this.docs.formats[d] ?? 0) };
  }

  private apply(d: number, availability: Availability): void {
    this.docs.available[d] = availability.available;
    this.docs.licenses[d] = Math.min(availability.licenses ?? 0, LICENSE_COUNT_CAP);
    this.docs.formats[d] = DocumentTable.formatBits(availability.formats ?? []);
    for (let b = 1; b < this.byBranch.length; b++) {
      const arr = this.byBranch[b];
      if (arr !== undefined && d < arr.length) arr[d] = 0;
    }
    for (const [branch, count] of Object.entries(availability.byBranch)) {
      if (count === 0) continue;
      const b = this.branches.id(branch);
      const arr = growU16(this.byBranch[b] ?? new Uint16Array(0), this.docs.alive.length);
      this.byBranch[b] = arr;
      arr[d] = Math.min(count, 0xffff);
    }
  }
}
