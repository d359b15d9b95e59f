/**
 * The benchmark's queries checked against a brute-force scan of the documented rules (the oracle of
 * test/search/agreement): per query kind, the share of queries whose total and ranked top 20 equal the scan's.
 * A page agrees when each hit carries its book's reference score and the reference score of its rank (only books
 * with exactly equal scores may trade places).
 */
import type { SearchResult } from '../../src/application/ports/SearchIndex.js';
import { NaiveSearch, type NaiveResult } from '../../test/search/agreement/NaiveSearch.js';
import type { Corpus } from './generator.js';
import { availabilityOf, type BenchQuery, type QueryKind, searchQueryOf, type ShelfmarkEngine } from './peers.js';

export interface KindAgreement {
  readonly checked: number;
  readonly totalAgrees: number;
  readonly topAgrees: number;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function sameTop(actual: SearchResult, expected: NaiveResult): boolean {
  const page = expected.ranked.slice(0, 20);
  if (actual.hits.length !== page.length) return false;
  const scoreOf = new Map(expected.ranked.map((h) => [h.isbn, h.score]));
  return actual.hits.every((hit, rank) => close(hit.score, scoreOf.get(hit.recordId) ?? Number.NaN) && close(hit.score, page[rank]!.score));
}

/** Runs the first `perKind` queries of each kind on the engine and on the scan; returns the agreement per kind. */
export function agreement(engine: ShelfmarkEngine, corpus: Corpus, queries: ReadonlyMap<QueryKind, readonly BenchQuery[]>, perKind: number): Map<QueryKind, KindAgreement> {
  const availability = new Map(corpus.books.map((b, i) => [b.isbn, availabilityOf(corpus, i)]));
  const oracle = new NaiveSearch(corpus.books, availability);
  const out = new Map<QueryKind, KindAgreement>();
  for (const [kind, qs] of queries) {
    let totalAgrees = 0;
    let topAgrees = 0;
    const sample = qs.slice(0, perKind);
    for (const q of sample) {
      const actual = engine.result(q);
      const expected = oracle.search(searchQueryOf(q), { prefix: true, typos: true });
      if (actual.total === expected.total) totalAgrees++;
      if (actual.total === expected.total && sameTop(actual, expected)) topAgrees++;
    }
    out.set(kind, { checked: sample.length, totalAgrees, topAgrees });
    process.stderr.write(`  agreement ${kind}: total ${totalAgrees}/${sample.length}, top 20 ${topAgrees}/${sample.length}\n`);
  }
  return out;
}
