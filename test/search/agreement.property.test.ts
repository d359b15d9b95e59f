import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery, SearchResult } from '../../src/application/ports/SearchIndex.js';
import { Isbn } from '../../src/domain/catalog/Isbn.js';
import { InvertedIndexSearch } from '../../src/infrastructure/search/index.js';
import { type Catalogue, generateCatalogue } from './agreement/corpus.js';
import { NaiveSearch, type NaiveResult } from './agreement/NaiveSearch.js';

/**
 * The index against a linear scan of the documented rules (test/search/agreement/NaiveSearch.ts) over a seeded
 * catalogue of 3,000 books: same total, same facets, and a page that is the true BM25F top-k (each hit has the
 * reference score of its book and the reference score of its rank; only exact ties may swap books).
 */
const SEED = 20261201;
const RUNS = 80;
/** Generous: the file runs in a few seconds alone, and must not fail on a loaded machine. */
const TIMEOUT_MS = 120_000;
const catalogue: Catalogue = generateCatalogue(3000, SEED);
const reference = new NaiveSearch(catalogue.books, catalogue.availability);
const tolerant = new InvertedIndexSearch({ cacheSize: 0 });
const strict = new InvertedIndexSearch({ cacheSize: 0, prefixLastTerm: false, typoTolerance: false });

beforeAll(async () => {
  for (const index of [tolerant, strict]) {
    index.addMany(catalogue.books);
    for (const [isbn, availability] of catalogue.availability) await index.setAvailability(isbn, availability);
  }
}, TIMEOUT_MS);

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function expectAgreement(actual: SearchResult, expected: NaiveResult, query: SearchQuery): void {
  expect(actual.total).toBe(expected.total);
  const offset = query.offset ?? 0;
  const page = expected.ranked.slice(offset, offset + (query.limit ?? 20));
  expect(actual.hits).toHaveLength(page.length);
  const scoreOf = new Map(expected.ranked.map((h) => [h.isbn, h.score]));
  actual.hits.forEach((hit, rank) => {
    expect(close(hit.score, scoreOf.get(hit.recordId) ?? Number.NaN), `${hit.recordId} scored ${hit.score}`).toBe(true);
    expect(close(hit.score, page[rank]!.score), `rank ${rank + offset}`).toBe(true);
  });
  expect(new Set(actual.hits.map((h) => h.isbn)).size).toBe(actual.hits.length);
  if (query.facets === true) expect(actual.facets).toEqual(expected.facets);
}

async function agree(query: SearchQuery, engine: 'tolerant' | 'strict' = 'tolerant'): Promise<void> {
  const index = engine === 'tolerant' ? tolerant : strict;
  const options = engine === 'tolerant' ? { prefix: true, typos: true } : { prefix: false, typos: false };
  expectAgreement(await index.search(query), reference.search(query, options), query);
}

// ---------------------------------------------------------------- query arbitraries

const LETTERS = Array.from('abcdefghijklmnopqrstuvwxyz');
const word = fc.constantFrom(...catalogue.vocabulary);
const longWord = fc.constantFrom(...catalogue.vocabulary.filter((w) => w.length >= 9));
const midWord = fc.constantFrom(...catalogue.vocabulary.filter((w) => w.length >= 5 && w.length < 9));
const shortWord = fc.constantFrom(...catalogue.vocabulary.filter((w) => w.length < 5));

/** Applies edits (insert, delete, substitute, transpose) at chosen positions. */
const misspelt = (base: fc.Arbitrary<string>, edits: number): fc.Arbitrary<string> =>
  fc
    .tuple(base, fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.constantFrom(...LETTERS)), { minLength: edits, maxLength: edits }))
    .map(([w, ops]) =>
      ops.reduce((s, [kind, at, letter]) => {
        const i = at % Math.max(1, s.length);
        if (kind === 0) return s.slice(0, i) + letter + s.slice(i);
        if (kind === 1 && s.length > 1) return s.slice(0, i) + s.slice(i + 1);
        if (kind === 3 && i + 1 < s.length) return s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2);
        return s.slice(0, i) + letter + s.slice(i + 1);
      }, w),
    );

const author = fc.constantFrom(...catalogue.authors).chain((name) => fc.constantFrom(name, name.split(' ')[1]!, name.toLowerCase(), `${name.split(' ')[0]!} Nobody`));
const isbnText = fc.constantFrom(...catalogue.books.map((b) => b.isbn)).chain((isbn) => {
  const parsed = Isbn.parse(isbn);
  return fc.constantFrom(isbn, parsed.value, parsed.toIsbn10() ?? parsed.value, `${parsed.value.slice(0, 3)}-${parsed.value.slice(3)}`);
});
const yearRange = fc.tuple(fc.integer({ min: 1840, max: 2030 }), fc.integer({ min: 0, max: 80 })).map(([from, span]) => ({ yearFrom: from, yearTo: from + span }));
const filters = fc.record(
  {
    subject: fc.constantFrom(...catalogue.subjects, 'fiction', 'Unknown Subject'),
    language: fc.constantFrom(...catalogue.languages, 'EN', 'xx'),
    years: fc.oneof(yearRange, fc.record({ yearFrom: fc.integer({ min: 1840, max: 2030 }) }), fc.record({ yearTo: fc.integer({ min: 1840, max: 2030 }) })),
    availableOnly: fc.boolean(),
    branch: fc.constantFrom(...catalogue.branches, 'attic'),
    facets: fc.boolean(),
  },
  { requiredKeys: [] },
).map(({ years, ...rest }) => ({ ...rest, ...years }));
const paging = fc.record({ limit: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(1000)), offset: fc.integer({ min: 0, max: 25 }) }, { requiredKeys: [] });

const check = <T>(arb: fc.Arbitrary<T>, toQuery: (value: T) => SearchQuery, engine: 'tolerant' | 'strict' = 'tolerant'): Promise<void> =>
  fc.assert(fc.asyncProperty(arb, paging, (value, page) => agree({ ...toQuery(value), ...page }, engine)), { seed: SEED, numRuns: RUNS });

describe(InvertedIndexSearch, () => {
  describe('.search (against a linear scan of the documented rules)', { timeout: TIMEOUT_MS }, () => {
    describe('when the text is one word', () => {
      it('should return the same matches, total and BM25F ranking', () => check(word, (text) => ({ text })));
      it('should agree with prefix and typos switched off', () => check(fc.oneof(word, misspelt(word, 1)), (text) => ({ text }), 'strict'));
    });

    describe('when the text has several words', () => {
      it('should AND them, and fall back to OR when AND finds nothing', () =>
        check(fc.array(fc.oneof(word, word, fc.constant('zzyzx')), { minLength: 2, maxLength: 4 }), (ws) => ({ text: ws.join(' ') })));
    });

    describe('when the last word is cut short', () => {
      it('should expand it as a prefix', () =>
        check(fc.tuple(word, word, fc.integer({ min: 1, max: 8 })), ([first, last, keep]) => ({ text: `${first} ${last.slice(0, keep)}` })));
    });

    describe('when a word is misspelt', () => {
      it('should match within 1 edit from 5 letters', () => check(misspelt(midWord, 1), (text) => ({ text, facets: true })));
      it('should match within 2 edits from 9 letters', () => check(misspelt(longWord, 2), (text) => ({ text, facets: true })));
      it('should keep the 8 nearest, most frequent candidates when more are in reach', () =>
        check(fc.constantFrom(...catalogue.crowded), (text) => ({ text, facets: true })));
      it('should not stretch a band (2 edits under 9 letters, any edit under 5)', () =>
        check(fc.oneof(misspelt(midWord, 2), misspelt(shortWord, 1)), (text) => ({ text })));
      it('should combine typos with other words and with a cut-short last word', () =>
        check(fc.tuple(misspelt(longWord, 2), misspelt(midWord, 1)), ([a, b]) => ({ text: `${a} ${b}` })));
    });

    describe('when filters and facets are asked for', () => {
      it('should filter and count facets over every match', () => check(fc.tuple(fc.option(word), filters), ([text, f]) => ({ ...(text === null ? {} : { text }), ...f })));
    });

    describe('when an author is given', () => {
      it('should restrict to that one contiguous name', () => check(fc.tuple(author, fc.option(word)), ([name, text]) => ({ author: name, ...(text === null ? {} : { text }) })));
    });

    describe('when the text is an ISBN in either form', () => {
      it('should answer from the exact map, with filters', () => check(fc.tuple(isbnText, filters), ([text, f]) => ({ text, ...f })));
    });
  });
});
