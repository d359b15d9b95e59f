import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Availability, IsbnDocument, SearchQuery } from '../../src/application/ports/SearchIndex.js';
import { InvertedIndexSearch } from '../../src/infrastructure/search/index.js';
import { stem } from '../../src/infrastructure/search/analysis.js';
import { PostingLists } from '../../src/infrastructure/search/Postings.js';
import { MAX_PREFIX_EXPANSIONS, TermDictionary } from '../../src/infrastructure/search/TermDictionary.js';

/** Words that share prefixes ("ho…", "ha…"), so prefix expansion has several terms to order. */
const WORDS = ['hobbit', 'hollow', 'holmes', 'house', 'harbour', 'harvest', 'hazel', 'garden', 'gardner', 'gate', 'river', 'rivet'] as const;
const SLOTS = 8;

const word = fc.constantFrom(...WORDS);
const docArb = fc.record({ title: fc.array(word, { minLength: 1, maxLength: 3 }), author: word });
const availabilityArb: fc.Arbitrary<Availability> = fc
  .record({ main: fc.integer({ min: 0, max: 2 }), east: fc.integer({ min: 0, max: 2 }) })
  .map(({ main, east }) => ({ available: main + east, byBranch: Object.fromEntries(Object.entries({ main, east }).filter(([, n]) => n > 0)) }));

const op = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), slot: fc.integer({ min: 0, max: SLOTS - 1 }), doc: docArb }),
  fc.record({ kind: fc.constant('remove' as const), slot: fc.integer({ min: 0, max: SLOTS - 1 }) }),
  fc.record({ kind: fc.constant('availability' as const), slot: fc.integer({ min: 0, max: SLOTS - 1 }), availability: availabilityArb }),
  fc.record({ kind: fc.constant('availability' as const), slot: fc.integer({ min: 0, max: SLOTS - 1 }), availability: availabilityArb }),
);

/** Every kind of query a cached answer can come from: words, prefixes, filters alone, an exact id, a branch. */
const QUERIES: readonly SearchQuery[] = [
  { text: 'hobbit' },
  { text: 'ho' },
  { text: 'garden ha' },
  { text: 'river', availableOnly: true },
  { availableOnly: true },
  { text: 'house', branch: 'east' },
  { branch: 'main' },
  { text: 'slot-3' },
  { text: 'gate hollow', facets: true },
];

describe(InvertedIndexSearch, () => {
  describe('its result cache', () => {
    describe('when documents and their availability change between cached searches', () => {
      it('should answer every query exactly as an index without a cache does', () => {
        fc.assert(
          fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
            const cached = new InvertedIndexSearch({ cacheSize: 16 });
            const uncached = new InvertedIndexSearch({ cacheSize: 0 });
            for (const o of ops) {
              const isbn = `slot-${o.slot}`;
              for (const index of [cached, uncached]) {
                if (o.kind === 'upsert') index.upsertSync({ isbn, title: o.doc.title.join(' '), authors: [o.doc.author], subjects: [] } satisfies IsbnDocument);
                else if (o.kind === 'remove') index.removeSync(isbn);
                else index.setAvailabilitySync(isbn, o.availability);
              }
              for (const query of QUERIES) expect([query, cached.searchSync(query)]).toEqual([query, uncached.searchSync(query)]);
            }
          }),
          { seed: 20261202, numRuns: 150 },
        );
      });
    });
  });
});

describe(TermDictionary, () => {
  describe('.prefixMatches', () => {
    describe('when terms arrive a few at a time and in bulk, between prefix queries', () => {
      it('should find exactly the indexed terms with the prefix, most frequent first', () => {
        const token = fc.stringMatching(/^[a-e]{2,6}$/);
        const batch = fc.array(token, { minLength: 0, maxLength: 80 });
        fc.assert(
          fc.property(fc.array(fc.tuple(batch, fc.stringMatching(/^[a-e]{2,3}$/)), { minLength: 1, maxLength: 12 }), (rounds) => {
            const postings = new PostingLists();
            const dictionary = new TermDictionary(postings);
            const stems = new Map<number, string>();
            let doc = 0;
            for (const [tokens, prefix] of rounds) {
              for (const t of tokens) {
                const id = dictionary.surfaceCode(t) >> 1;
                postings.append(id, doc++, 1);
                stems.set(id, stem(t));
              }
              const found = new Map<number, number>();
              dictionary.prefixMatches(prefix, found, 1);
              const expected = [...stems.entries()]
                .filter(([, term]) => term.startsWith(prefix))
                .map(([id]) => id)
                .sort((a, b) => postings.length[b]! - postings.length[a]! || a - b)
                .slice(0, MAX_PREFIX_EXPANSIONS);
              expect([...found.keys()]).toEqual(expected);
            }
          }),
          { seed: 7, numRuns: 200 },
        );
      });
    });
  });
});

/** One step on a small index of documents, each a set of term ids: arrive, be edited (replaced), leave, compact, or a count read. */
type PostingStep =
  | { readonly kind: 'add'; readonly terms: readonly number[] }
  | { readonly kind: 'edit'; readonly pick: number; readonly terms: readonly number[] }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'compact' }
  | { readonly kind: 'read'; readonly term: number };

const TERMS = 6;
const termSet = fc.uniqueArray(fc.integer({ min: 0, max: TERMS - 1 }), { minLength: 1, maxLength: TERMS });
const postingStep: fc.Arbitrary<PostingStep> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), terms: termSet }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), terms: termSet }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), term: fc.integer({ min: 0, max: TERMS - 1 }) }) },
);

describe(PostingLists, () => {
  describe('.documentFrequency', () => {
    describe('when documents are added, edited and removed in any order, with counts read and lists compacted between', () => {
      it('should equal a recount of the live documents in every term\'s list', () => {
        fc.assert(
          fc.property(fc.array(postingStep, { minLength: 1, maxLength: 120 }), (steps) => {
            const postings = new PostingLists();
            for (let t = 0; t < TERMS; t++) postings.addTerm();
            const alive: number[] = [];
            const termsOf: (readonly number[])[] = [];
            const live = (): number[] => alive.flatMap((a, d) => (a === 1 ? [d] : []));
            const add = (terms: readonly number[]): void => {
              const d = termsOf.length;
              termsOf.push(terms);
              alive.push(1);
              for (const t of terms) postings.append(t, d, 1);
            };
            const remove = (d: number): void => {
              alive[d] = 0;
              postings.died(d);
            };
            const recount = (t: number): number => live().filter((d) => termsOf[d]!.includes(t)).length;
            for (const step of steps) {
              const candidates = live();
              if (step.kind === 'add') add(step.terms);
              else if (step.kind === 'compact') postings.compact(Uint8Array.from(alive));
              else if (step.kind === 'read') expect(postings.documentFrequency(step.term, Uint8Array.from(alive))).toBe(recount(step.term));
              else if (candidates.length > 0) {
                remove(candidates[step.pick % candidates.length]!);
                if (step.kind === 'edit') add(step.terms);
              }
              const counts = Array.from({ length: TERMS }, (_, t) => postings.documentFrequency(t, Uint8Array.from(alive)));
              expect(counts).toEqual(Array.from({ length: TERMS }, (_, t) => recount(t)));
            }
          }),
          { seed: 20261202, numRuns: 300 },
        );
      });
    });
  });
});

describe(InvertedIndexSearch, () => {
  describe('its term counts', () => {
    describe('when books are added, edited and removed', () => {
      it('should score every hit as an index built afresh from the books left', () => {
        // Exact words only: a word no book has any more is still in the dictionary, so typo and prefix expansion would differ.
        const exact = { cacheSize: 0, typoTolerance: false, prefixLastTerm: false };
        const slot = fc.integer({ min: 0, max: SLOTS - 1 });
        const bookOp = fc.oneof(
          fc.record({ kind: fc.constant('upsert' as const), slot, doc: docArb }),
          fc.record({ kind: fc.constant('remove' as const), slot }),
        );
        fc.assert(
          fc.property(fc.array(bookOp, { minLength: 1, maxLength: 40 }), (ops) => {
            const edited = new InvertedIndexSearch(exact);
            const books = new Map<string, IsbnDocument>();
            for (const o of ops) {
              const isbn = `slot-${o.slot}`;
              if (o.kind === 'upsert') {
                const doc: IsbnDocument = { isbn, title: o.doc.title.join(' '), authors: [o.doc.author], subjects: [] };
                edited.upsertSync(doc);
                books.set(isbn, doc);
              } else {
                edited.removeSync(isbn);
                books.delete(isbn);
              }
              const fresh = new InvertedIndexSearch(exact);
              fresh.addMany(books.values());
              for (const text of ['hobbit', 'garden gate', 'river hollow', 'harvest']) {
                const scores = (index: InvertedIndexSearch): Record<string, number> =>
                  Object.fromEntries(index.searchSync({ text, limit: SLOTS }).hits.map((h) => [h.recordId, Number(h.score.toFixed(9))]));
                expect([text, scores(edited)]).toEqual([text, scores(fresh)]);
              }
            }
          }),
          { seed: 20261202, numRuns: 150 },
        );
      });
    });
  });
});
