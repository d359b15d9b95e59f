import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Availability, SearchDocument, SearchQuery, SearchResult } from '../../src/application/ports/SearchIndex.js';
import { tokenize } from '../../src/infrastructure/search/analysis.js';
import { InvertedIndexSearch, SearchError } from '../../src/infrastructure/search/index.js';

/** Words sharing prefixes and near one another (typos), so prefix and typo expansion have terms to weigh. */
const WORDS = ['hobbit', 'hollow', 'holmes', 'house', 'harbour', 'harvest', 'hazel', 'garden', 'gardner', 'gate', 'river', 'rivet', 'the', 'of'] as const;
const AUTHORS = ['Ursula Le Guin', 'Terry Pratchett', 'Brontë Anne', 'Octavia Butler'] as const;
const SUBJECTS = ['Fantasy', 'History', 'Gardening', 'Rivers'] as const;
const LANGUAGES = ['en', 'fr', 'de'] as const;
const KEYS = 12;

const word = fc.constantFrom(...WORDS);
const key = fc.integer({ min: 0, max: KEYS - 1 });
/** Keys with an ISBN and keys without one (found by record id and by an identifier). */
const keyed = (k: number): Pick<SearchDocument, 'recordId' | 'isbn' | 'identifiers'> =>
  k % 3 === 0 ? { recordId: `local-${k}`, identifiers: [`LCCN:lc${k % 6}`] } : { isbn: `97800000000${String(k).padStart(2, '0')}`, identifiers: [`ISSN:0000-00${k % 4}`] };

const bookArb: fc.Arbitrary<SearchDocument> = fc
  .record({
    k: key,
    title: fc.array(word, { minLength: 1, maxLength: 4 }),
    authors: fc.uniqueArray(fc.constantFrom(...AUTHORS), { minLength: 1, maxLength: 2 }),
    subjects: fc.uniqueArray(fc.constantFrom(...SUBJECTS), { maxLength: 2 }),
    description: fc.option(fc.array(word, { maxLength: 8 }), { nil: undefined }),
    language: fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }),
    year: fc.option(fc.integer({ min: 1900, max: 2030 }), { nil: undefined }),
    materialType: fc.option(fc.constantFrom('BOOK', 'DVD'), { nil: undefined }),
  })
  .map(({ k, title, authors, subjects, description, language, year, materialType }) => ({
    ...keyed(k),
    title: title.join(' '),
    authors,
    subjects,
    ...(description === undefined ? {} : { description: description.join(' ') }),
    ...(language === undefined ? {} : { language }),
    ...(year === undefined ? {} : { year }),
    ...(materialType === undefined ? {} : { materialType }),
  }));

const availabilityArb: fc.Arbitrary<Availability> = fc
  .record({ main: fc.integer({ min: 0, max: 2 }), east: fc.integer({ min: 0, max: 2 }), licenses: fc.integer({ min: 0, max: 1 }) })
  .map(({ main, east, licenses }) => ({
    available: main + east,
    byBranch: Object.fromEntries(Object.entries({ main, east }).filter(([, n]) => n > 0)),
    licenses,
    formats: [...(main + east > 0 ? (['PRINT'] as const) : []), ...(licenses > 0 ? (['EPUB'] as const) : [])],
  }));

/** A batch of books (keys may repeat within it), a title's availability, or a title removed: what a feed applies. */
type Step =
  | { readonly kind: 'batch'; readonly books: readonly SearchDocument[] }
  | { readonly kind: 'availability'; readonly k: number; readonly availability: Availability }
  | { readonly kind: 'remove'; readonly k: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('batch' as const), books: fc.array(bookArb, { minLength: 0, maxLength: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('availability' as const), k: key, availability: availabilityArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), k: key }) },
);

const keyOf = (k: number): string => keyed(k).recordId ?? keyed(k).isbn ?? '';

/** Words, phrases, prefixes, typos, filters alone and together, exact ids, facets and pages. */
const QUERIES: readonly SearchQuery[] = [
  { text: 'hobbit' },
  { text: 'garden gate' },
  { text: 'the' },
  { text: 'ho' },
  { text: 'river har' },
  { text: 'harvset' },
  { text: 'gardnerr' },
  { author: 'pratchett' },
  { text: 'hollow', author: 'Ursula Le Guin' },
  { subject: 'fantasy', facets: true },
  { language: 'fr', yearFrom: 1950, yearTo: 2000 },
  { availableOnly: true, facets: true },
  { branch: 'east' },
  { text: 'house', branch: 'main', availableOnly: true },
  { format: 'EPUB' },
  { materialType: 'DVD', facets: true },
  { text: '9780000000001' },
  { text: 'local-3' },
  { text: 'lc0' },
  { text: '0000-001' },
  { facets: true, limit: 3, offset: 2 },
  { text: 'gate hollow river', facets: true, limit: 5 },
];

/** A word as a catalogue may write it: another case, an apostrophe inside, a typographic one (beyond ASCII). */
const writtenArb = (w: string): fc.Arbitrary<string> =>
  fc.constantFrom(w, w.toUpperCase(), `${w[0]!.toUpperCase()}${w.slice(1)}`, `${w.slice(0, 1)}'${w.slice(1)}`, `${w}\u2019`, `'${w}`);
/** Words as written, between spaces, punctuation or a dash beyond ASCII. */
const writtenText = (words: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(...words.map(writtenArb), ...words.map(() => fc.constantFrom(' ', ', ', ' - ', ' \u2014 ', '(', '#'))).map((parts) => {
    const n = words.length;
    return parts.slice(0, n).map((w, i) => `${w}${parts[n + i]!}`).join('');
  });
const folded = (text: string): string => tokenize(text).join(' ');
/** What a search answers, apart from how the titles and authors of its hits are written. */
const ranking = (r: SearchResult): unknown => ({ ...r, hits: r.hits.map((h) => [h.recordId, h.score]) });

describe(InvertedIndexSearch, () => {
  describe('.upsertManySync', () => {
    describe('when books are written in any case, with apostrophes and with characters beyond ASCII', () => {
      it('should rank every query as an index of the same books given already tokenized', () => {
        const bookWritten = fc
          .tuple(bookArb, fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(word, { maxLength: 8 }))
          .chain(([book, title, description]) =>
            fc.tuple(fc.constant(book), writtenText(title), writtenText(description), fc.constantFrom(...AUTHORS).chain((a) => writtenText(a.split(' ')))),
          )
          .map(([book, title, description, author]) => ({ ...book, title, description, authors: [author, ...book.authors] }));
        fc.assert(
          fc.property(fc.array(bookWritten, { minLength: 1, maxLength: 30 }), (books) => {
            const written = new InvertedIndexSearch();
            const tokenized = new InvertedIndexSearch();
            written.upsertManySync(books);
            tokenized.upsertManySync(books.map((b) => ({ ...b, title: folded(b.title), description: folded(b.description), authors: b.authors.map(folded) })));
            for (const query of QUERIES) expect([query, ranking(written.searchSync(query))]).toEqual([query, ranking(tokenized.searchSync(query))]);
          }),
          { seed: 20261202, numRuns: 200 },
        );
      });
    });

    describe('when random books arrive in batches, between availability changes and removals', () => {
      it('should answer every query, total and facet exactly as an index upserting each book in turn', () => {
        fc.assert(
          fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
            const bulk = new InvertedIndexSearch();
            const oneByOne = new InvertedIndexSearch({ cacheSize: 0 });
            for (const step of steps) {
              if (step.kind === 'batch') {
                bulk.upsertManySync(step.books);
                for (const book of step.books) oneByOne.upsertSync(book);
              } else {
                for (const index of [bulk, oneByOne]) {
                  if (step.kind === 'remove') index.removeSync(keyOf(step.k));
                  else index.setAvailabilitySync(keyOf(step.k), step.availability);
                }
              }
              expect(bulk.size).toBe(oneByOne.size);
              for (const query of QUERIES) expect([query, bulk.searchSync(query)]).toEqual([query, oneByOne.searchSync(query)]);
            }
          }),
          { seed: 20261202, numRuns: 200 },
        );
      });
    });

    describe('when a batch replaces enough books to compact the postings, one of them a book of the batch itself', () => {
      it('should count the replaced book out of every term, as an index upserting each book in turn', () => {
        const bulk = new InvertedIndexSearch();
        const oneByOne = new InvertedIndexSearch({ cacheSize: 0 });
        const book = (i: number, title: string): SearchDocument => ({ isbn: `97811${String(i).padStart(8, '0')}`, title, authors: [AUTHORS[i % AUTHORS.length]!], subjects: [] });
        const titled = (i: number): string => `${WORDS[i % WORDS.length]!} ${WORDS[(i * 7) % WORDS.length]!}`;
        const first = Array.from({ length: 1000 }, (_, i) => book(i, titled(i)));
        // Book 1000 arrives and is replaced at once; then the 1,000 books of the first batch are, and the last of
        // those replacements passes the compaction threshold (more than 1,000 replaced, a quarter of the slots).
        const second = [book(1000, 'rivet hobbit'), book(1000, 'gate'), ...Array.from({ length: 1000 }, (_, i) => book(i, titled(i + 3)))];
        for (const batch of [first, second]) {
          bulk.upsertManySync(batch);
          for (const b of batch) oneByOne.upsertSync(b);
        }
        expect(bulk.size).toBe(1001);
        for (const query of [...QUERIES, { text: 'rivet' }]) expect([query, bulk.searchSync(query)]).toEqual([query, oneByOne.searchSync(query)]);
      });
    });

    describe('when one document of the batch is invalid', () => {
      it('should throw INVALID_DOCUMENT and index none of the batch', () => {
        const index = new InvertedIndexSearch();
        index.upsertSync({ isbn: '9780000000001', title: 'Hobbit', authors: ['Tolkien'], subjects: [] });
        const before = index.searchSync({ facets: true });
        const batch: SearchDocument[] = [
          { isbn: '9780000000002', title: 'Hobbit river', authors: ['Tolkien'], subjects: [] },
          { isbn: '9780000000003', title: 'Garden', authors: ['Someone'], subjects: [], year: 1999.5 },
        ];
        expect(() => { index.upsertManySync(batch); }).toThrow(SearchError);
        expect(() => { index.upsertManySync(batch); }).toThrow(expect.objectContaining({ code: 'INVALID_DOCUMENT' }));
        expect(index.searchSync({ facets: true })).toEqual(before);
        expect(index.searchSync({ text: 'river' }).total).toBe(0);
      });
    });
  });
});
