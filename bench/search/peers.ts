import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Availability, IsbnDocument, SearchQuery, SearchResult } from '../../src/application/ports/SearchIndex.js';
import { InvertedIndexSearch } from '../../src/infrastructure/search/index.js';
import { BRANCHES, type Corpus } from './generator.js';

export type QueryKind = 'common' | 'rare' | 'and2' | 'prefix' | 'typo1' | 'typo2' | 'author' | 'filtered+facets';

export interface BenchQuery {
  readonly kind: QueryKind;
  readonly text?: string;
  readonly author?: string;
  readonly language?: string;
  readonly yearFrom?: number;
  readonly yearTo?: number;
}

/** One engine under test: build once, then answer queries (top 20 + whatever total it can give). */
export interface Engine {
  readonly name: string;
  readonly notes: string;
  build(corpus: Corpus): void;
  query(q: BenchQuery): number;
}

/** A benchmark query as the port's query: the filtered kind asks for available titles only, with facets; 20 hits. */
export function searchQueryOf(q: BenchQuery): SearchQuery {
  const filtered = q.kind === 'filtered+facets';
  return {
    ...(q.text === undefined ? {} : { text: q.text }),
    ...(q.author === undefined ? {} : { author: q.author }),
    ...(q.language === undefined ? {} : { language: q.language }),
    ...(q.yearFrom === undefined ? {} : { yearFrom: q.yearFrom }),
    ...(q.yearTo === undefined ? {} : { yearTo: q.yearTo }),
    ...(filtered ? { availableOnly: true, facets: true } : {}),
    limit: 20,
  };
}

/** The availability the generator gave book `i`: its copies, all at one branch. */
export function availabilityOf(corpus: Corpus, i: number): Availability {
  const n = corpus.available[i]!;
  return { available: n, byBranch: n > 0 ? { [BRANCHES[corpus.branch[i]!]!]: n } : {} };
}

export class ShelfmarkEngine implements Engine {
  readonly name = 'shelfmark';
  readonly notes = 'exact BM25F top 20, exact total; prefix on last term and typo expansion always on; facets computed over all matches';
  private index = new InvertedIndexSearch({ cacheSize: 0 });

  build(corpus: Corpus): void {
    this.index = new InvertedIndexSearch({ cacheSize: 0 });
    this.index.addMany(corpus.books);
    corpus.books.forEach((b, i) => {
      this.index.setAvailabilitySync(b.isbn, availabilityOf(corpus, i));
    });
  }

  query(q: BenchQuery): number {
    return this.result(q).total;
  }

  /** The whole answer, for the check against a brute-force scan. */
  result(q: BenchQuery): SearchResult {
    return this.index.searchSync(searchQueryOf(q));
  }
}

interface MiniDoc {
  id: number;
  title: string;
  authors: string;
  subjects: string;
  description: string;
  language: string;
  year: number;
  available: number;
}

function flatten(corpus: Corpus): MiniDoc[] {
  return corpus.books.map((b: IsbnDocument, i) => ({
    id: i,
    title: b.title,
    authors: b.authors.join(', '),
    subjects: b.subjects.join(', '),
    description: b.description ?? '',
    language: b.language ?? '',
    year: b.year ?? 0,
    available: corpus.available[i]!,
  }));
}

export class MiniSearchEngine implements Engine {
  readonly name = 'MiniSearch';
  readonly notes = 'BM25+ with the same boosts; prefix/fuzzy enabled only for the prefix/typo queries; filters via callback; facets counted over its full result list';
  private index: MiniSearch<MiniDoc> | null = null;

  build(corpus: Corpus): void {
    this.index = new MiniSearch<MiniDoc>({
      fields: ['title', 'authors', 'subjects', 'description'],
      storeFields: ['language', 'year', 'available', 'subjects'],
    });
    this.index.addAll(flatten(corpus));
  }

  query(q: BenchQuery): number {
    const index = this.index!;
    const boost = { title: 3, authors: 2, subjects: 1.5, description: 1 };
    if (q.kind === 'author') {
      return index.search(q.author ?? '', { fields: ['authors'], combineWith: 'AND' }).length;
    }
    const results = index.search(q.text ?? '', {
      boost,
      combineWith: 'AND',
      prefix: q.kind === 'prefix' ? (_t: string, i: number, terms: string[]) => i === terms.length - 1 : false,
      fuzzy: q.kind === 'typo1' || q.kind === 'typo2' ? (t: string) => (t.length >= 9 ? 2 : t.length >= 5 ? 1 : false) : false,
      ...(q.kind === 'filtered+facets'
        ? {
            filter: (r: Record<string, unknown>) =>
              r['language'] === q.language && (r['year'] as number) >= (q.yearFrom ?? 0) && (r['year'] as number) <= (q.yearTo ?? 9999) && (r['available'] as number) > 0,
          }
        : {}),
    });
    if (q.kind === 'filtered+facets') {
      const languages = new Map<string, number>();
      const subjects = new Map<string, number>();
      const decades = new Map<number, number>();
      for (const r of results) {
        const lang = r['language'] as string;
        languages.set(lang, (languages.get(lang) ?? 0) + 1);
        for (const s of (r['subjects'] as string).split(', ')) subjects.set(s, (subjects.get(s) ?? 0) + 1);
        const decade = Math.floor((r['year'] as number) / 10);
        decades.set(decade, (decades.get(decade) ?? 0) + 1);
      }
    }
    return results.length;
  }
}

interface FlexDoc {
  [key: string]: string | number;
  id: number;
  title: string;
  authors: string;
  description: string;
  language: string;
}

export class FlexSearchEngine implements Engine {
  readonly name = 'FlexSearch';
  readonly notes = 'Document index, forward tokenizer on title/authors (prefix), strict on description; no BM25, no total, no edit-distance typos (suggest mode), language as tag; year/availability filters and facets unsupported (not applied)';
  private index: Document<FlexDoc> | null = null;

  build(corpus: Corpus): void {
    this.index = new Document<FlexDoc>({
      document: {
        id: 'id',
        index: [
          { field: 'title', tokenize: 'forward' },
          { field: 'authors', tokenize: 'forward' },
          { field: 'description', tokenize: 'strict' },
        ],
        tag: [{ field: 'language' }],
      },
    });
    const index = this.index;
    corpus.books.forEach((b, i) => {
      index.add({ id: i, title: b.title, authors: b.authors.join(', '), description: b.description ?? '', language: b.language ?? '' });
    });
  }

  query(q: BenchQuery): number {
    const index = this.index!;
    if (q.kind === 'author') {
      return index.search({ query: q.author ?? '', index: ['authors'], limit: 20, merge: true }).length;
    }
    const res = index.search({
      query: q.text ?? '',
      limit: 20,
      merge: true,
      suggest: q.kind === 'typo1' || q.kind === 'typo2',
      ...(q.kind === 'filtered+facets' && q.language !== undefined ? { tag: { language: q.language } } : {}),
    });
    return res.length;
  }
}
