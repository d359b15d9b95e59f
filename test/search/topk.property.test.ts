import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsbnDocument, SearchQuery } from '../../src/application/ports/SearchIndex.js';
import { analyze, analyzeQuery, AVAILABILITY_BOOST, BM25_B, BM25_K1, FIELD_BOOSTS, InvertedIndexSearch } from '../../src/infrastructure/search/index.js';

/** Words with distinct stems, none a prefix of another's stem, so prefix and typo expansion stay out of play. */
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'mike', '統治', '仕組み', '王', '역사'] as const;
const LANGUAGES = ['en', 'fr', 'de'] as const;

interface Fields {
  title: string[];
  authors: string[];
  subjects: string[];
  description: string[];
}

/** Straightforward BM25F over every document, written from the formula rather than from the index. */
function bruteForce(docs: readonly IsbnDocument[], available: readonly number[], query: SearchQuery, k: number): { isbn: string; score: number }[] {
  const fields: Fields[] = docs.map((d) => ({
    title: analyze(d.title, true),
    authors: analyze(d.authors.join(' '), true),
    subjects: analyze(d.subjects.join(' '), false),
    description: analyze(d.description ?? '', false),
  }));
  const names = ['title', 'authors', 'subjects', 'description'] as const;
  const avg = Object.fromEntries(names.map((f) => [f, fields.reduce((s, x) => s + x[f].length, 0) / docs.length])) as Record<(typeof names)[number], number>;
  const terms = analyzeQuery(query.text ?? '').map((t) => t.stem);
  const contains = (i: number, t: string): boolean => names.some((f) => fields[i]![f].includes(t));
  const score = (i: number, matched: readonly string[]): number => {
    let s = 0;
    for (const t of matched) {
      const df = docs.filter((_, j) => contains(j, t)).length;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      let tf = 0;
      for (const f of names) {
        const count = fields[i]![f].filter((x) => x === t).length;
        if (count > 0) tf += (FIELD_BOOSTS[f] * count) / (1 - BM25_B + (BM25_B * fields[i]![f].length) / avg[f]);
      }
      s += (idf * tf * (BM25_K1 + 1)) / (BM25_K1 + tf);
    }
    return s * (available[i]! > 0 ? AVAILABILITY_BOOST : 1);
  };
  const passes = (i: number): boolean =>
    (query.language === undefined || docs[i]!.language === query.language) && (query.availableOnly !== true || available[i]! > 0);
  const rank = (matches: (i: number) => boolean): { isbn: string; score: number; i: number }[] =>
    docs
      .map((d, i) => ({ isbn: d.isbn, i, score: score(i, terms.filter((t) => contains(i, t))) }))
      .filter(({ i }) => matches(i) && passes(i))
      .sort((a, b) => b.score - a.score || a.i - b.i);
  let ranked = rank((i) => terms.every((t) => contains(i, t)));
  if (ranked.length === 0 && terms.length > 1) ranked = rank((i) => terms.some((t) => contains(i, t)));
  return ranked.slice(0, k);
}

const word = fc.constantFrom(...WORDS);
const phrase = (min: number, max: number): fc.Arbitrary<string> => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const doc = fc.record({
  title: phrase(1, 5),
  author: phrase(1, 2),
  subject: phrase(0, 2),
  description: phrase(0, 20),
  language: fc.constantFrom(...LANGUAGES),
  available: fc.integer({ min: 0, max: 2 }),
});

describe(InvertedIndexSearch, () => {
  describe('.search', () => {
    describe('when ranking random small corpora', () => {
      it('should return exactly the brute-force BM25F top k with the exact total', () => {
        fc.assert(
          fc.property(
            fc.array(doc, { minLength: 1, maxLength: 40 }),
            phrase(1, 3),
            fc.integer({ min: 1, max: 8 }),
            fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }),
            fc.boolean(),
            (raw, text, k, language, availableOnly) => {
              const docs: IsbnDocument[] = raw.map((r, i) => ({
                isbn: `doc-${i}`,
                title: r.title,
                authors: [r.author],
                subjects: r.subject === '' ? [] : [r.subject],
                description: r.description,
                language: r.language,
              }));
              const index = new InvertedIndexSearch({ prefixLastTerm: false, typoTolerance: false, cacheSize: 0 });
              index.addMany(docs);
              raw.forEach((r, i) => {
                index.setAvailabilitySync(`doc-${i}`, { available: r.available, byBranch: {} });
              });
              const query: SearchQuery = { text, limit: k, ...(language === undefined ? {} : { language }), availableOnly };
              const expected = bruteForce(docs, raw.map((r) => r.available), query, 1000);
              const result = index.searchSync(query);
              expect(result.total).toBe(expected.length);
              expect(result.hits.map((h) => h.score)).toEqual(expected.slice(0, k).map((e) => expect.closeTo(e.score, 9) as unknown));
              const byIsbn = new Map(expected.map((e) => [e.isbn, e.score]));
              for (const hit of result.hits) expect(hit.score).toBeCloseTo(byIsbn.get(hit.recordId) ?? Number.NaN, 9);
            },
          ),
          { seed: 20240607, numRuns: 200 },
        );
      });
    });

    describe('when documents were upserted and removed incrementally', () => {
      it('should score exactly like an index built fresh from the surviving documents', () => {
        const op = fc.oneof(
          fc.record({ kind: fc.constant('upsert' as const), slot: fc.integer({ min: 0, max: 11 }), doc }),
          fc.record({ kind: fc.constant('remove' as const), slot: fc.integer({ min: 0, max: 11 }) }),
        );
        fc.assert(
          fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), phrase(1, 2), (ops, text) => {
            const live = new Map<string, IsbnDocument>();
            const incremental = new InvertedIndexSearch({ cacheSize: 4 });
            for (const o of ops) {
              const isbn = `slot-${o.slot}`;
              if (o.kind === 'remove') {
                incremental.removeSync(isbn);
                live.delete(isbn);
              } else {
                const d: IsbnDocument = { isbn, title: o.doc.title, authors: [o.doc.author], subjects: [], description: o.doc.description, language: o.doc.language };
                incremental.upsertSync(d);
                live.delete(isbn);
                live.set(isbn, d);
              }
              incremental.searchSync({ text });
            }
            const fresh = new InvertedIndexSearch({ cacheSize: 0 });
            fresh.addMany(live.values());
            const query: SearchQuery = { text, limit: 50, facets: true };
            const a = incremental.searchSync(query);
            const b = fresh.searchSync(query);
            expect(a.total).toBe(b.total);
            expect(a.facets).toEqual(b.facets);
            expect(a.hits.map((h) => [h.isbn, h.score])).toEqual(b.hits.map((h) => [h.isbn, expect.closeTo(h.score, 9) as unknown]));
          }),
          { seed: 424242, numRuns: 150 },
        );
      });
    });
  });
});
