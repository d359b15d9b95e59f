import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireText } from '../shared/guards.js';
import { ValidationError } from '../shared/ShelfmarkError.js';
import { CatalogIdentifier } from './CatalogIdentifier.js';
import { CatalogError } from './CatalogError.js';
import { Isbn } from './Isbn.js';
import { isMaterialType, type MaterialType } from './MaterialType.js';
import { RecordId } from './RecordId.js';

export interface BookPrimitives {
  /** The record's key: its ISBN-13 when it has an ISBN, else its control number or a generated id (see RecordId). */
  readonly recordId: string;
  /** The ISBN-13 the record is keyed by, or null for a record without an ISBN. */
  readonly isbn: string | null;
  /** Every standard number of the record, `SCHEME:value` normalised (the ISBN among them), in the order given. */
  readonly identifiers: readonly string[];
  readonly materialType: MaterialType;
  readonly title: string;
  readonly authors: readonly string[];
  readonly subjects: readonly string[];
  readonly publisher: string | null;
  readonly year: number | null;
  readonly language: string | null;
  readonly description: string | null;
}

export interface BookDescription {
  /** The record's ISBN (10 or 13 digits, hyphens allowed): its key. A record without one gives `recordId`. */
  readonly isbn?: string;
  /** The key of a record without an ISBN (see RecordId); ignored when an ISBN is given. */
  readonly recordId?: string;
  /** Further standard numbers, `SCHEME:value` (ISBN, ISSN, EAN, UPC, LCCN); a bare number is an ISBN. */
  readonly identifiers?: readonly string[];
  /** Default BOOK. */
  readonly materialType?: MaterialType;
  readonly title: string;
  /** Its authors, none for an anonymous work, a serial or a film catalogued by title. */
  readonly authors?: readonly string[];
  readonly subjects?: readonly string[];
  readonly publisher?: string;
  readonly year?: number;
  readonly language?: string;
  readonly description?: string;
}

/**
 * The bibliographic (catalogue) record: one per ISBN, or, for material without one (serials, films, older books), one
 * per record id. Copies on shelves are BookItems.
 */
export class Book extends AggregateRoot {
  private constructor(
    private props: BookPrimitives,
    version: number,
  ) {
    super(version);
  }

  static catalogue(input: BookDescription, now: Date): Book {
    const book = new Book(Book.describe(input), 0);
    const { recordId, isbn, title } = book.props;
    book.record({ name: 'book.added', occurredAt: now.toISOString(), recordId, ...(isbn === null ? {} : { isbn }), title });
    return book;
  }

  /**
   * Replaces the description with a newer one of the same record (a re-import): nothing happens, and false is answered,
   * when it says what the record already says. A description of another record is refused.
   */
  revise(input: BookDescription, now: Date): boolean {
    const next = Book.describe(input);
    if (next.recordId !== this.props.recordId) {
      throw new CatalogError('INVALID_RECORD_ID', `a description of ${next.recordId} cannot revise record ${this.props.recordId}`, { recordId: next.recordId });
    }
    if (JSON.stringify(next) === JSON.stringify(this.props)) return false;
    this.props = next;
    const { recordId, isbn } = next;
    this.record({ name: 'book.revised', occurredAt: now.toISOString(), recordId, ...(isbn === null ? {} : { isbn }), title: next.title });
    return true;
  }

  private static describe(input: BookDescription): BookPrimitives {
    const { recordId, isbn, identifiers } = Book.identify(input);
    const materialType = input.materialType ?? 'BOOK';
    if (!isMaterialType(materialType)) throw new ValidationError(`${String(materialType)} is not a material type`, { field: 'materialType' });
    const title = requireText(input.title, 'title');
    if (input.authors !== undefined && !Array.isArray(input.authors)) throw new ValidationError('authors must be a list of names', { field: 'authors' });
    const authors = (input.authors ?? []).map((a, i) => requireText(a, `authors[${i}]`, 200));
    const subjects = (input.subjects ?? []).map((s, i) => requireText(s, `subjects[${i}]`, 200));
    if (input.year !== undefined && (!Number.isInteger(input.year) || input.year < -5000 || input.year > 3000)) {
      throw new ValidationError('year must be a whole number', { field: 'year' });
    }
    return {
      recordId,
      isbn,
      identifiers,
      materialType,
      title,
      authors,
      subjects,
      publisher: input.publisher === undefined ? null : requireText(input.publisher, 'publisher'),
      year: input.year ?? null,
      language: input.language === undefined ? null : requireText(input.language, 'language', 20),
      description: input.description === undefined ? null : requireText(input.description, 'description', 20_000),
    };
  }

  /** The record's key, ISBN and identifiers (the ISBN first, then the others, each once). */
  private static identify(input: BookDescription): { recordId: string; isbn: string | null; identifiers: string[] } {
    const given = (input.identifiers ?? []).map((text) => CatalogIdentifier.fromText(requireText(text, 'identifiers')));
    const isbnText = input.isbn ?? given.find((g) => g.scheme === 'ISBN')?.value;
    const isbn = isbnText === undefined ? null : Isbn.parse(isbnText);
    if (isbn === null && input.recordId === undefined) {
      throw new CatalogError('INVALID_RECORD_ID', 'a record without an ISBN needs a record id', { field: 'recordId' });
    }
    const recordId = isbn === null ? RecordId.parse(input.recordId) : RecordId.ofIsbn(isbn);
    const identifiers = [...new Set([...(isbn === null ? [] : [CatalogIdentifier.isbn(isbn)]), ...given].map(String))];
    return { recordId, isbn: isbn?.value ?? null, identifiers };
  }

  static fromPrimitives(p: BookPrimitives, version: number): Book {
    return new Book({ ...p, identifiers: [...p.identifiers], authors: [...p.authors], subjects: [...p.subjects] }, version);
  }

  get recordId(): string {
    return this.props.recordId;
  }
  get isbn(): string | null {
    return this.props.isbn;
  }
  get identifiers(): readonly string[] {
    return this.props.identifiers;
  }
  get materialType(): MaterialType {
    return this.props.materialType;
  }
  get title(): string {
    return this.props.title;
  }
  get authors(): readonly string[] {
    return this.props.authors;
  }

  withdraw(now: Date): void {
    const { recordId, isbn } = this.props;
    this.record({ name: 'book.removed', occurredAt: now.toISOString(), recordId, ...(isbn === null ? {} : { isbn }) });
  }

  toPrimitives(): BookPrimitives {
    return { ...this.props, identifiers: [...this.props.identifiers], authors: [...this.props.authors], subjects: [...this.props.subjects] };
  }
}
