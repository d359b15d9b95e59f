import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Availability, SearchDocument, SearchQuery } from '../../src/application/ports/SearchIndex.js';
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
                if (o.kind === 'upsert') index.upsertSync({ isbn, title: o.doc.title.join(' '), authors: [o.doc.author], subjects: [] } satisfies SearchDocument);
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
