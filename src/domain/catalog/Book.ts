import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireText } from '../shared/guards.js';
import { ValidationError } from '../shared/ShelfmarkError.js';
import { Isbn } from './Isbn.js';

export interface BookPrimitives {
  readonly isbn: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly subjects: readonly string[];
  readonly publisher: string | null;
  readonly year: number | null;
  readonly language: string | null;
  readonly description: string | null;
}

export interface BookDescription {
  readonly isbn: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly subjects?: readonly string[];
  readonly publisher?: string;
  readonly year?: number;
  readonly language?: string;
  readonly description?: string;
}

/** The bibliographic record: one per ISBN. Copies on shelves are BookItems. */
export class Book extends AggregateRoot {
  private constructor(
    private readonly props: BookPrimitives,
    version: number,
  ) {
    super(version);
  }

  static catalogue(input: BookDescription, now: Date): Book {
    const isbn = Isbn.parse(input.isbn).value;
    const title = requireText(input.title, 'title');
    if (!Array.isArray(input.authors) || input.authors.length === 0) {
      throw new ValidationError('a book needs at least one author', { field: 'authors' });
    }
    const authors = input.authors.map((a, i) => requireText(a, `authors[${i}]`, 200));
    const subjects = (input.subjects ?? []).map((s, i) => requireText(s, `subjects[${i}]`, 200));
    if (input.year !== undefined && (!Number.isInteger(input.year) || input.year < -5000 || input.year > 3000)) {
      throw new ValidationError('year must be a whole number', { field: 'year' });
    }
    const book = new Book(
      {
        isbn,
        title,
        authors,
        subjects,
        publisher: input.publisher === undefined ? null : requireText(input.publisher, 'publisher'),
        year: input.year ?? null,
        language: input.language === undefined ? null : requireText(input.language, 'language', 20),
        description: input.description === undefined ? null : requireText(input.description, 'description', 20_000),
      },
      0,
    );
    book.record({ name: 'book.added', occurredAt: now.toISOString(), isbn, title });
    return book;
  }

  static fromPrimitives(p: BookPrimitives, version: number): Book {
    return new Book({ ...p, authors: [...p.authors], subjects: [...p.subjects] }, version);
  }

  get isbn(): string {
    return this.props.isbn;
  }
  get title(): string {
    return this.props.title;
  }
  get authors(): readonly string[] {
    return this.props.authors;
  }

  withdraw(now: Date): void {
    this.record({ name: 'book.removed', occurredAt: now.toISOString(), isbn: this.props.isbn });
  }

  toPrimitives(): BookPrimitives {
    return { ...this.props, authors: [...this.props.authors], subjects: [...this.props.subjects] };
  }
}
